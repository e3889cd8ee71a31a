"""SENTRY_DSN: off by default; when set, errors go to Sentry without personal data."""

import logging
import runpy
import secrets
from pathlib import Path

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from jembatan.lib import health
from jembatan.lib.requestlog import METODE_LOGGER

SETTINGS = Path(__file__).resolve().parents[1] / "settings.py"
DSN = "https://kuncipublik@sentry.example.org/42"


class Rekaman(Transport):
    """Keeps the events the SDK would send, instead of sending them."""

    def __init__(self, options=None):
        super().__init__(options)
        self.events: list[dict] = []

    def capture_envelope(self, envelope):
        self.events += [item.payload.json for item in envelope.items if item.type == "event"]


@pytest.fixture
def sentry_mati():
    # The SDK's logging integration wraps Logger's methods for the rest of the process; put them back, or every
    # later test in this worker would see logging as an error tracker patched it (jembatan.lib.requestlog then
    # goes through logging, and its test of the direct path fails depending on which worker ran this test).
    asli = {nama: logging.Logger.__dict__[nama] for nama in METODE_LOGGER}
    yield
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    for nama, fungsi in asli.items():
        setattr(logging.Logger, nama, fungsi)


def test_sentry_is_off_without_a_dsn(monkeypatch, sentry_mati):
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    settings = runpy.run_path(str(SETTINGS))
    assert settings["SENTRY_DSN"] == ""
    assert not sentry_sdk.get_client().is_active()


def test_a_dsn_starts_sentry_with_personal_data_off(monkeypatch, sentry_mati):
    monkeypatch.setenv("SENTRY_DSN", DSN)
    monkeypatch.setenv("SENTRY_ENVIRONMENT", "uji")
    settings = runpy.run_path(str(SETTINGS))
    client = sentry_sdk.get_client()
    assert settings["SENTRY_DSN"] == DSN
    assert client.is_active() and str(client.dsn) == DSN
    assert client.options["environment"] == "uji"
    assert not client.options["send_default_pii"]
    collect = client.options["data_collection"]
    assert collect["user_info"] is False and collect["stack_frame_variables"] is False
    assert collect["cookies"]["mode"] == "off" and collect["url_query_params"]["mode"] == "off"
    assert collect["http_bodies"] == [] and collect["database_query_data"] is False


def test_an_error_in_a_request_reaches_sentry_without_cookies_address_query_or_user(
    monkeypatch, sentry_mati, client, django_user_model
):
    """GIVEN Sentry started by the settings, and a signed-in user whose request fails
    WHEN the error is reported
    THEN the event names the path and the error, but not the user, their address, cookies or query string."""
    monkeypatch.setenv("SENTRY_DSN", DSN)
    runpy.run_path(str(SETTINGS))
    rekaman = Rekaman(sentry_sdk.get_client().options)
    sentry_sdk.get_client().transport = rekaman
    # Made at run time: the event carries source lines around the error, and they must not match by chance.
    email, alamat, nomor = (
        f"rahasia.{secrets.token_hex(4)}@kim.example",
        f"203.0.113.{secrets.randbelow(200) + 2}",
        secrets.token_hex(6),
    )
    user = django_user_model.objects.create_user(email=email, password="x", nama="Rahasia")
    client.force_login(user)

    def rusak():
        raise RuntimeError("basis data hilang")

    monkeypatch.setattr(health, "report", rusak)
    client.raise_request_exception = False
    response = client.get(f"/sehat/?q={nomor}", REMOTE_ADDR=alamat, HTTP_X_REQUEST_ID="abc123")
    sentry_sdk.flush()

    assert response.status_code == 500
    [event] = rekaman.events
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    teks = str(event)
    for pribadi in (email, alamat, nomor, client.cookies["sessionid"].value):
        assert pribadi not in teks
    assert "user" not in event
