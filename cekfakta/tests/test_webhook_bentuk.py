"""Correctly signed webhook deliveries in shapes the providers do not document: each one is acknowledged
with 200 (a provider retries anything else, for days), what is not understood is skipped with a warning
that names its shape but never a message's text or a phone number, and over-long values never reach the
database."""

import copy
import json
import logging

import pytest

from cekfakta import layanan
from cekfakta.models import Laporan, PesanMasuk
from cekfakta.tests.test_webhook import RAHASIA, kirim_wa, wa_payload
from jembatan.lib import http

pytestmark = pytest.mark.django_db

NOMOR = "6281234567890"
TEKS = "Pesan berantai rahasia tentang bantuan sosial desa"
TELEGRAM_SECRET = "rahasia-telegram"


@pytest.fixture(autouse=True)
def _saluran(settings, monkeypatch):
    settings.WHATSAPP_APP_SECRET, settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID = RAHASIA, "token-wa", "1234567890"
    settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_SECRET_TOKEN = "111:botuji", TELEGRAM_SECRET
    layanan.indeks.reset()
    terkirim = []
    monkeypatch.setattr(http, "fetch", lambda method, url, **kw: terkirim.append(kw.get("json")) or http.FetchResult(200, b"{}"))
    return terkirim


def kirim_telegram(client, update):
    return client.post(
        "/cek-fakta/webhook/telegram/",
        json.dumps(update),
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN=TELEGRAM_SECRET,
    )


def wa_pesan(**ubah) -> dict:
    """A valid WhatsApp delivery of one text message, with fields of that message replaced."""
    payload = wa_payload(TEKS, dari=NOMOR)
    payload["entry"][0]["changes"][0]["value"]["messages"][0].update(ubah)
    return payload


def wa_value(**ubah) -> dict:
    payload = wa_payload(TEKS, dari=NOMOR)
    payload["entry"][0]["changes"][0]["value"].update(ubah)
    return payload


def tg(**pesan) -> dict:
    """A valid Telegram update of one text message, with fields of the message replaced."""
    m = {"message_id": 9, "date": 1732800000, "chat": {"id": int(NOMOR), "type": "private"}, "text": TEKS, **pesan}
    return {"update_id": 5501, "message": m}


WHATSAPP = {
    "entry is an object": {"object": "whatsapp_business_account", "entry": {"changes": []}},
    "entry is text": {"entry": TEKS},
    "entry holds numbers and text": {"entry": [1, TEKS, None]},
    "changes is an object": {"entry": [{"changes": {"value": {"messages": []}}}]},
    "value is a list": {"entry": [{"changes": [{"value": [TEKS]}]}]},
    "messages are text": wa_value(messages=[TEKS, NOMOR]),
    "messages is an object": wa_value(messages={"id": "wamid.1", "from": NOMOR, "type": "text"}),
    "text is text, not an object": wa_pesan(text=TEKS),
    "text body is an object": wa_pesan(text={"body": {"isi": TEKS}}),
    "image is a list": wa_pesan(type="image", image=[TEKS]),
    "image id is an object": wa_pesan(type="image", image={"id": {"x": 1}, "caption": TEKS}),
    "id is an object": wa_pesan(id={"wamid": NOMOR}),
    "from is a list": wa_pesan(**{"from": [NOMOR]}),
    "type is an object": wa_pesan(type={"nama": "text"}),
    "id is true": wa_pesan(id=True),
    "the delivery is a list": [wa_payload(TEKS, dari=NOMOR)],
    "the delivery is text": TEKS,
    "the delivery is null": None,
}

TELEGRAM = {
    "photo is an empty object": {"update_id": 1, "message": {"chat": {"id": 7}, "photo": {}}},
    "photo is an object": {"update_id": 1, "message": {"chat": {"id": 7}, "photo": {"file_id": "x"}}},
    "photo holds text": {"update_id": 1, "message": {"chat": {"id": 7}, "photo": [TEKS]}},
    "photo file_id is an object": {"update_id": 1, "message": {"chat": {"id": 7}, "photo": [{"file_id": {"x": 1}}]}},
    "message is text": {"update_id": 1, "message": TEKS},
    "message is a list": {"update_id": 1, "message": [TEKS]},
    "edited_message is a number": {"update_id": 1, "edited_message": 5},
    "chat is text": tg(chat=NOMOR),
    "chat id is an object": tg(chat={"id": {"nomor": NOMOR}}),
    "text is an object": tg(text={"isi": TEKS}),
    "caption is a number": {"update_id": 1, "message": {"chat": {"id": 7}, "photo": [{"file_id": "f"}], "caption": 5}},
    "update_id is an object": {"update_id": {"id": 1}, "message": tg()["message"]},
    "update_id is a fraction": {"update_id": 1.5, "message": tg()["message"]},
    "the update is a list": [tg()],
    "the update is null": None,
}


def _aman_di_log(caplog):
    teks = caplog.text
    assert "webhook" in teks, "the skipped part is logged"
    assert NOMOR not in teks and TEKS not in teks and "rahasia" not in teks


@pytest.mark.parametrize("payload", WHATSAPP.values(), ids=WHATSAPP.keys())
def test_odd_whatsapp_shapes_are_acknowledged_skipped_and_logged_without_content(client, caplog, payload):
    caplog.set_level(logging.WARNING, logger="cekfakta")
    response = kirim_wa(client, payload)
    assert response.status_code == 200
    assert not PesanMasuk.objects.exists() and not Laporan.objects.exists()
    _aman_di_log(caplog)


@pytest.mark.parametrize("update", TELEGRAM.values(), ids=TELEGRAM.keys())
def test_odd_telegram_shapes_are_acknowledged_skipped_and_logged_without_content(client, caplog, update):
    caplog.set_level(logging.WARNING, logger="cekfakta")
    response = kirim_telegram(client, update)
    assert response.status_code == 200
    assert not PesanMasuk.objects.exists() and not Laporan.objects.exists()
    _aman_di_log(caplog)


def test_a_message_in_an_odd_shape_does_not_stop_the_good_one_beside_it(client, caplog):
    payload = wa_payload(TEKS, dari=NOMOR)
    value = payload["entry"][0]["changes"][0]["value"]
    ganjil = copy.deepcopy(value["messages"][0]) | {"id": "wamid.ganjil", "text": TEKS}
    value["messages"] = [TEKS, ganjil, value["messages"][0]]
    assert kirim_wa(client, payload).status_code == 200
    [pesan] = PesanMasuk.objects.all()
    assert pesan.id_eksternal == "wamid.HBgN001" and pesan.teks == TEKS
    _aman_di_log(caplog)


@pytest.mark.parametrize(
    "body", [b"{bukan json", b"[" * 100_000, b'{"update_id": 1' + b"0" * 5000 + b"}", "\udcff".encode("utf-8", "surrogatepass")]
)
def test_a_signed_body_that_cannot_be_read_as_json_is_acknowledged_and_logged(client, caplog, body):
    response = client.post(
        "/cek-fakta/webhook/telegram/",
        body,
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN=TELEGRAM_SECRET,
    )
    assert response.status_code == 200 and not PesanMasuk.objects.exists()
    assert "webhook telegram" in caplog.text


# --- Over-long and unstorable values (PostgreSQL refuses what SQLite stores) -----------------


def _nilai_berlebih(client, terkirim, setelah_commit):
    """5,000-character id, sender and type; NUL and a lone surrogate in the text."""
    panjang = "9" * 5000
    with setelah_commit(execute=True):
        assert kirim_wa(client, wa_pesan(id=panjang)).status_code == 200
        assert kirim_wa(client, wa_pesan(**{"from": panjang, "id": "wamid.2"})).status_code == 200
        assert kirim_telegram(client, tg(chat={"id": panjang})).status_code == 200
        assert kirim_telegram(client, {**tg(), "update_id": panjang}).status_code == 200
    assert not PesanMasuk.objects.exists() and not terkirim

    with setelah_commit(execute=True):
        assert kirim_wa(client, wa_pesan(type="x" * 5000, id="wamid.3")).status_code == 200
    assert PesanMasuk.objects.get(id_eksternal="wamid.3").jenis == "x" * 20
    assert "belum dapat kami periksa" in terkirim[-1]["text"]["body"]  # told what works, like any other type

    with setelah_commit(execute=True):
        assert kirim_wa(client, wa_pesan(text={"body": "Awas\x00 hoaks \ud83d bansos"}, id="wamid.4")).status_code == 200
    assert PesanMasuk.objects.get(id_eksternal="wamid.4").teks == "Awas hoaks \ufffd bansos"


def test_over_long_ids_are_dropped_and_an_over_long_type_is_cut(client, _saluran, django_capture_on_commit_callbacks):
    _nilai_berlebih(client, _saluran, django_capture_on_commit_callbacks)


def test_over_long_ids_are_dropped_and_an_over_long_type_is_cut_on_postgresql(
    pakai_postgres, client, _saluran, django_capture_on_commit_callbacks
):
    _nilai_berlebih(client, _saluran, django_capture_on_commit_callbacks)
