"""WhatsApp Cloud API and Telegram webhooks: signatures, replays, replies through the one HTTP function."""

import hashlib
import hmac
import json

import pytest
from django.utils import timezone

from cekfakta import layanan
from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, PesanMasuk, Referensi, Status
from jembatan.lib import http

pytestmark = pytest.mark.django_db

RAHASIA = "rahasia-aplikasi-uji"
HOAKS = "Pendaftaran bansos tahun ini dibuka, transfer biaya admin 100rb ke nomor WA ini, kuota terbatas!!"


@pytest.fixture(autouse=True)
def saluran_aktif(settings):
    settings.WHATSAPP_APP_SECRET, settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID = RAHASIA, "token-wa", "1234567890"
    settings.WHATSAPP_VERIFY_TOKEN = "verifikasi-uji"
    settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_SECRET_TOKEN = "111:botuji", "rahasia-telegram"
    settings.SITE_URL = "https://kim.tapin.example"
    layanan.indeks.reset()


@pytest.fixture
def terkirim(monkeypatch):
    """Replace the one outbound-HTTP function; record what would have been sent."""
    calls = []

    def palsu(method, url, *, json=None, headers=None, timeout=10):
        calls.append({"method": method, "url": url, "json": json, "headers": headers or {}})
        return http.FetchResult(200, b"{}")

    monkeypatch.setattr(http, "fetch", palsu)
    return calls


def wa_payload(teks="", *, id_="wamid.HBgN001", jenis="text", dari="6281234567890"):
    pesan = {"from": dari, "id": id_, "timestamp": "1732800000", "type": jenis}
    if jenis == "text":
        pesan["text"] = {"body": teks}
    elif jenis == "image":
        pesan["image"] = {"id": "media-1", "mime_type": "image/jpeg", "sha256": "x", **({"caption": teks} if teks else {})}
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA-ID",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "6281100000000", "phone_number_id": "1234567890"},
                            "contacts": [{"profile": {"name": "Warga"}, "wa_id": dari}],
                            "messages": [pesan],
                        },
                    }
                ],
            }
        ],
    }


def kirim_wa(client, payload, rahasia=RAHASIA):
    body = json.dumps(payload).encode()
    tanda = "sha256=" + hmac.new(rahasia.encode(), body, hashlib.sha256).hexdigest()
    return client.post("/cek-fakta/webhook/whatsapp/", body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=tanda)


def putusan():
    k = Klaim.objects.create(
        judul="Pendaftaran bansos dipungut biaya admin lewat nomor WA",
        teks_contoh=HOAKS,
        status=Status.SELESAI,
        hasil=Hasil.SALAH,
        jenis_salah=JenisSalah.PALSU,
        penjelasan="Pendaftaran bansos tidak dipungut biaya.",
        metode="Konfirmasi dinas sosial.",
        diterbitkan=timezone.now(),
    )
    Referensi.objects.create(klaim=k, judul="Dinas Sosial", url="https://dinsos.example/bansos")
    return k


def test_whatsapp_subscription_handshake(client):
    ok = client.get(
        "/cek-fakta/webhook/whatsapp/", {"hub.mode": "subscribe", "hub.verify_token": "verifikasi-uji", "hub.challenge": "98765"}
    )
    assert ok.status_code == 200 and ok.content == b"98765"
    bad = client.get("/cek-fakta/webhook/whatsapp/", {"hub.mode": "subscribe", "hub.verify_token": "salah", "hub.challenge": "1"})
    assert bad.status_code == 403


def test_known_hoax_on_whatsapp_is_answered_with_the_verdict(client, terkirim, django_capture_on_commit_callbacks):
    k = putusan()
    with django_capture_on_commit_callbacks(execute=True):
        response = kirim_wa(
            client, wa_payload("Pendaftaran bansos tahun ini dibuka!! transfer biaya admin 100rb ke nomor WA ini, kuota terbatas")
        )
    assert response.status_code == 200
    [call] = terkirim
    assert call["url"] == "https://graph.facebook.com/v21.0/1234567890/messages"
    assert call["headers"]["Authorization"] == "Bearer token-wa"
    assert call["json"]["to"] == "6281234567890" and call["json"]["type"] == "text"
    assert "SALAH — Konten palsu" in call["json"]["text"]["body"]
    assert f"https://kim.tapin.example{k.get_absolute_url()}" in call["json"]["text"]["body"]
    laporan = Laporan.objects.get()
    assert laporan.saluran == "whatsapp" and laporan.klaim == k and laporan.kontak_saluran == "6281234567890"


def test_wrong_signature_is_refused_logged_and_nothing_stored(client, terkirim, caplog):
    response = kirim_wa(client, wa_payload(HOAKS), rahasia="bukan-rahasianya")
    assert response.status_code == 403
    assert "signature" in caplog.text
    assert not PesanMasuk.objects.exists() and not terkirim


def test_a_replayed_delivery_is_processed_once(client, terkirim, django_capture_on_commit_callbacks):
    payload = wa_payload("Kabar jembatan gantung desa putus dan ditutup mulai besok")
    with django_capture_on_commit_callbacks(execute=True):
        assert kirim_wa(client, payload).status_code == 200
        assert kirim_wa(client, payload).status_code == 200
    assert PesanMasuk.objects.count() == 1 and Laporan.objects.count() == 1
    assert len(terkirim) == 1 and "Kode pelacakan" in terkirim[0]["json"]["text"]["body"]


@pytest.mark.parametrize(
    ("jenis", "teks", "jawab"), [("audio", "", "belum dapat kami periksa"), ("image", "", "keterangan (caption)")]
)
def test_unsupported_messages_are_told_what_works(client, terkirim, django_capture_on_commit_callbacks, jenis, teks, jawab):
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(client, wa_payload(teks, jenis=jenis))
    assert jawab in terkirim[-1]["json"]["text"]["body"]  # (an image is first asked for, and here comes back empty)
    assert not Laporan.objects.exists()


def test_image_caption_is_checked_like_text(client, terkirim, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(client, wa_payload("Tangkapan layar: listrik padam total tiga hari mulai besok", jenis="image"))
    assert Laporan.objects.get().teks.startswith("Tangkapan layar")


def test_telegram_secret_header_and_reply(client, terkirim, django_capture_on_commit_callbacks):
    update = {
        "update_id": 5501,
        "message": {
            "message_id": 9,
            "date": 1732800000,
            "chat": {"id": 424242, "type": "private"},
            "from": {"id": 424242, "is_bot": False, "first_name": "Warga"},
            "text": "Benarkah besok ada razia KTP di semua desa?",
        },
    }
    refused = client.post(
        "/cek-fakta/webhook/telegram/", update, content_type="application/json", HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="salah"
    )
    assert refused.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(
            "/cek-fakta/webhook/telegram/",
            update,
            content_type="application/json",
            HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="rahasia-telegram",
        )
    assert ok.status_code == 200
    [call] = terkirim
    assert call["url"] == "https://api.telegram.org/bot111:botuji/sendMessage" and call["json"]["chat_id"] == "424242"
    assert "Kode pelacakan" in call["json"]["text"]


def test_chat_reporters_are_told_on_their_channel_when_the_verdict_is_published(
    client, cast, terkirim, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(client, wa_payload("Katanya air PDAM tercemar bakteri, jangan dipakai mandi minggu ini"))
    klaim = Klaim.objects.get()
    terkirim.clear()
    client.force_login(cast.verifikator)
    data = {
        "versi": klaim.versi,
        "judul": "Air PDAM tercemar bakteri",
        "topik": "kesehatan",
        "hasil": "salah",
        "jenis_salah": "palsu",
        "penjelasan": "PDAM menyatakan air aman.",
        "metode": "Konfirmasi PDAM.",
        "referensi-TOTAL_FORMS": "1",
        "referensi-INITIAL_FORMS": "0",
        "referensi-0-judul": "Siaran PDAM",
        "referensi-0-url": "https://pdam.example/siaran",
        "terbitkan": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/cek-fakta/{klaim.pk}/", data)
    [call] = terkirim
    assert call["json"]["to"] == "6281234567890" and "SALAH — Konten palsu" in call["json"]["text"]["body"]


def test_channels_without_secrets_refuse_everything(client, settings, terkirim):
    settings.WHATSAPP_APP_SECRET = ""
    assert kirim_wa(client, wa_payload(HOAKS)).status_code == 403
    assert client.post("/cek-fakta/webhook/lainnya/", {}).status_code == 404


def _layar(warna=(200, 30, 30), teks_y=40) -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (360, 640), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((20, teks_y, 340, teks_y + 120), fill=warna)
    d.rectangle((40, 300, 320, 330), fill=(20, 20, 20))
    d.ellipse((120, 420, 240, 540), fill=(30, 90, 200))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_a_screenshot_seen_before_is_answered_with_its_verdict(client, monkeypatch, django_capture_on_commit_callbacks):
    """GIVEN a screenshot reported on the web and its claim published
    WHEN the same picture, re-compressed, arrives on WhatsApp without a caption
    THEN the sender gets the verdict at once."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/cek-fakta/cek/", {"gambar": SimpleUploadedFile("layar.jpg", _layar(), content_type="image/jpeg")})
    pertama = Laporan.objects.get()
    assert pertama.gambar and pertama.gambar_hash is not None and pertama.teks == ""
    klaim = pertama.klaim
    Klaim.objects.filter(pk=klaim.pk).update(
        status=Status.SELESAI,
        hasil=Hasil.SALAH,
        jenis_salah=JenisSalah.MANIPULASI,
        penjelasan="Gambar hasil suntingan.",
        diterbitkan=timezone.now(),
    )
    import io

    from PIL import Image

    ulang = io.BytesIO()
    Image.open(io.BytesIO(_layar())).resize((300, 533)).save(ulang, "JPEG", quality=60)  # forwarded: smaller, recompressed
    calls = []

    def palsu(method, url, *, json=None, headers=None, timeout=10):
        calls.append((method, url, json))
        if url.startswith("https://lookaside.fbsbx.com/"):
            return http.FetchResult(200, ulang.getvalue())
        if url.endswith("/media-1"):
            return http.FetchResult(200, b'{"url": "https://lookaside.fbsbx.com/media-1"}')
        return http.FetchResult(200, b"{}")

    monkeypatch.setattr(http, "fetch", palsu)
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(client, wa_payload("", jenis="image", id_="wamid.IMG2"))
    balasan = calls[-1][2]["text"]["body"]
    assert "SALAH — Konten manipulasi" in balasan
    assert Laporan.objects.filter(klaim=klaim).count() == 2


def test_a_different_picture_is_not_taken_for_the_same(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/cek-fakta/cek/", {"gambar": SimpleUploadedFile("a.jpg", _layar(), content_type="image/jpeg")})
    client.post("/cek-fakta/cek/", {"gambar": SimpleUploadedFile("b.jpg", _layar((30, 160, 60), 380), content_type="image/jpeg")})
    assert Klaim.objects.count() == 2


def test_a_file_that_is_not_an_image_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/cek-fakta/cek/", {"gambar": SimpleUploadedFile("a.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")}
    )
    assert response.status_code == 400 and not Laporan.objects.exists()


def test_telegram_photo_is_fetched_with_getfile(client, monkeypatch, django_capture_on_commit_callbacks):
    calls = []

    def palsu(method, url, *, json=None, headers=None, timeout=10):
        calls.append((method, url, json))
        if url.endswith("/getFile"):
            return http.FetchResult(200, b'{"ok": true, "result": {"file_path": "photos/file_7.jpg"}}')
        if "/file/bot" in url:
            return http.FetchResult(200, _layar())
        return http.FetchResult(200, b"{}")

    monkeypatch.setattr(http, "fetch", palsu)
    update = {
        "update_id": 7001,
        "message": {
            "message_id": 3,
            "date": 1732800000,
            "chat": {"id": 777, "type": "private"},
            "photo": [{"file_id": "kecil", "width": 90, "height": 160}, {"file_id": "besar", "width": 360, "height": 640}],
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/cek-fakta/webhook/telegram/",
            update,
            content_type="application/json",
            HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="rahasia-telegram",
        )
    assert calls[0] == ("POST", "https://api.telegram.org/bot111:botuji/getFile", {"file_id": "besar"})
    assert calls[1][1] == "https://api.telegram.org/file/bot111:botuji/photos/file_7.jpg"
    laporan = Laporan.objects.get()
    assert laporan.gambar_hash is not None and laporan.saluran == "telegram"
    assert "Kode pelacakan" in calls[-1][2]["text"]


def test_screenshots_are_shown_to_the_desk_only(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/cek-fakta/cek/", {"gambar": SimpleUploadedFile("a.jpg", _layar(), content_type="image/jpeg")})
    laporan = Laporan.objects.get()
    url = f"/kelola/cek-fakta/laporan/{laporan.pk}/gambar/"
    client.force_login(cast.verifikator)
    assert url in client.get(f"/kelola/cek-fakta/{laporan.klaim_id}/").content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "image/jpeg" and b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    client.force_login(cast.editor)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_webhook_only_acknowledges_and_queues_the_work(client, terkirim, django_capture_on_commit_callbacks):
    """With the database queue the webhook answers before any matching: a worker does that afterwards."""
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        with django_capture_on_commit_callbacks(execute=True):
            response = kirim_wa(client, wa_payload("Kabar apa saja yang perlu diperiksa", id_="wamid.ANTRE"))
        assert response.status_code == 200 and response.json() == {"ok": True}
        assert not Laporan.objects.exists() and not terkirim
        assert PesanMasuk.objects.get().diproses is None
        assert DBTaskResult.objects.get().status == "READY"


def test_media_is_not_fetched_from_an_unknown_host_with_our_token(client, monkeypatch, django_capture_on_commit_callbacks):
    calls = []

    def palsu(method, url, *, json=None, headers=None, timeout=10):
        calls.append(url)
        if url.endswith("/media-1"):
            return http.FetchResult(200, b'{"url": "https://penyerang.example/ambil"}')
        return http.FetchResult(200, b"{}")

    monkeypatch.setattr(http, "fetch", palsu)
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(client, wa_payload("", jenis="image", id_="wamid.IMG9"))
    assert "https://penyerang.example/ambil" not in calls


@pytest.mark.parametrize("header", ["HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN"])
def test_non_ascii_secrets_are_refused_not_crashing(client, header):
    response = client.post(
        "/cek-fakta/webhook/telegram/", {"update_id": 1}, content_type="application/json", **{header: "rahasiä"}
    )
    assert response.status_code == 403
    bad = client.get("/cek-fakta/webhook/whatsapp/", {"hub.mode": "subscribe", "hub.verify_token": "tök", "hub.challenge": "1"})
    assert bad.status_code == 403


def test_a_reply_the_provider_refused_is_sent_later_without_filing_twice(client, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    def mati(method, url, *, json=None, headers=None, timeout=10):
        raise http.FetchError("503")

    monkeypatch.setattr(http, "fetch", mati)
    with django_capture_on_commit_callbacks(execute=True):
        kirim_wa(client, wa_payload("Kabar jalan poros desa ditutup minggu depan", id_="wamid.GAGAL"))
    pesan = PesanMasuk.objects.get()
    assert pesan.diproses and pesan.dijawab is None and "Kode pelacakan" in pesan.balasan
    calls = []
    monkeypatch.setattr(http, "fetch", lambda method, url, **kw: calls.append(kw["json"]) or http.FetchResult(200, b"{}"))
    call_command("jawab_tertunda", verbosity=0)
    call_command("jawab_tertunda", verbosity=0)
    assert len(calls) == 1 and Laporan.objects.count() == 1
    assert PesanMasuk.objects.get().dijawab is not None


def test_a_verdict_after_whatsapps_24_hours_goes_out_as_the_approved_template(client, cast, settings, terkirim):
    from datetime import timedelta

    from cekfakta.tasks import kabari_pelapor

    laporan = Laporan.objects.create(
        kode="LAMA2401",
        teks="x",
        saluran="whatsapp",
        kontak_saluran="6281111111111",
        klaim=putusan(),
        dibuat=timezone.now() - timedelta(days=2),
    )
    assert kabari_pelapor.call(laporan.pk).startswith("lewati")  # no template configured: nothing sent
    assert not terkirim
    settings.WHATSAPP_TEMPLATE_PUTUSAN = "hasil_cek_fakta"
    assert kabari_pelapor.call(laporan.pk) == "dikabari"
    [call] = terkirim
    assert call["json"]["type"] == "template" and call["json"]["template"]["name"] == "hasil_cek_fakta"
    assert [p["text"] for p in call["json"]["template"]["components"][0]["parameters"]] == [
        "SALAH — Konten palsu",
        "Pendaftaran bansos dipungut biaya admin lewat nomor WA",
        "LAMA2401",
    ]
