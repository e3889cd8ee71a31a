"""The retry command: failed deliveries go out once the mail server works again, exactly once."""

import io
import socket

import pytest
from django.core.management import call_command

from siaran.models import MAKS_PERCOBAAN, Kiriman

pytestmark = pytest.mark.django_db


def _port_tertutup() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_failed_deliveries_are_sent_once_the_server_works(settings, smtp_lokal, cast, buat_siaran):
    """GIVEN a siaran whose e-mails failed because the mail server was down
    WHEN the server is back and kirim_ulang_siaran runs (twice, as cron would)
    THEN every pengurus gets exactly one e-mail and the deliveries are 'terkirim'."""
    port_baik = settings.EMAIL_PORT
    settings.EMAIL_PORT = _port_tertutup()
    siaran = buat_siaran()
    assert set(Kiriman.objects.values_list("status", flat=True)) == {"gagal"} and smtp_lokal == []

    out = io.StringIO()
    call_command("kirim_ulang_siaran", stdout=out, stderr=io.StringIO())
    assert "0 terkirim" in out.getvalue() and smtp_lokal == []

    settings.EMAIL_PORT = port_baik
    out = io.StringIO()
    call_command("kirim_ulang_siaran", stdout=out)
    call_command("kirim_ulang_siaran", stdout=io.StringIO())
    assert "2 kiriman diperiksa: 2 terkirim" in out.getvalue()
    assert sorted(e.rcpt_tos[0] for e in smtp_lokal) == sorted([cast.editor.email, cast.editor_lain.email])
    assert set(siaran.kiriman.values_list("status", "percobaan")) == {("terkirim", 3)}


def test_a_down_server_stops_the_round_early(settings, cast, buat_siaran):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", _port_tertutup(), False
    buat_siaran()
    err = io.StringIO()
    call_command("kirim_ulang_siaran", stdout=io.StringIO(), stderr=err)
    assert "tidak dapat dihubungi" in err.getvalue()


def test_deliveries_that_failed_too_often_are_left_for_a_person(cast, buat_siaran):
    buat_siaran(kirim_surel=False)
    Kiriman.objects.update(status="gagal", percobaan=MAKS_PERCOBAAN)
    out = io.StringIO()
    call_command("kirim_ulang_siaran", stdout=out)
    assert out.getvalue().startswith("0 kiriman diperiksa")


def test_fresh_queued_deliveries_belong_to_their_task(cast, buat_siaran):
    buat_siaran(kirim_surel=False)  # queued, task not yet run
    out = io.StringIO()
    call_command("kirim_ulang_siaran", stdout=out)
    assert out.getvalue().startswith("0 kiriman diperiksa")
    assert set(Kiriman.objects.values_list("status", flat=True)) == {"antre"}
