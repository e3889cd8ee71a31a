"""Screenshots sent to the verification desk: measured before decoding, decoded a few at once, shown to the desk only."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cekfakta.models import Laporan, PesanMasuk
from jembatan.lib import http
from jembatan.lib.slots import anonymous_images
from jembatan.tests.contoh_berkas import kepala_png, png

pytestmark = pytest.mark.django_db

TEKS = "Beredar pesan berantai soal pembagian sembako gratis di kantor desa, benarkah?"


def kirim(client, gambar: bytes, nama="layar.png", **data):
    return client.post("/cek-fakta/cek/", {"gambar": SimpleUploadedFile(nama, gambar, content_type="image/png"), **data})


def test_a_picture_over_the_pixel_limit_is_refused_politely_and_nothing_is_filed(client, settings):
    settings.JEMBATAN_MAX_IMAGE_PIXELS = 100 * 100
    response = kirim(client, png(101, 100))
    assert response.status_code == 400
    assert "Gambar terlalu besar: paling banyak 0.01 megapiksel" in response.content.decode()
    assert not Laporan.objects.exists()


def test_a_bomb_that_pillow_will_not_even_open_is_refused_with_the_size_named(client):
    # 20000×20000 declared: past twice the limit, where Django's ImageField gives up as Pillow opens it.
    response = kirim(client, kepala_png(20000, 20000))
    assert response.status_code == 400
    assert "paling banyak 40 megapiksel" in response.content.decode()
    assert not Laporan.objects.exists()


def test_when_every_decoding_slot_is_taken_the_sender_is_asked_to_come_back(client, monkeypatch):
    monkeypatch.setattr(anonymous_images, "tunggu", 0.01)
    with anonymous_images.hold(), anonymous_images.hold():  # two other uploads being decoded
        response = kirim(client, png(60, 40), teks=TEKS)
        assert response.status_code == 503 and response["Retry-After"] == "10"
        assert "Server sedang sibuk memeriksa gambar lain" in response.content.decode()
        assert TEKS in response.content.decode()  # what they typed is kept
        assert not Laporan.objects.exists()
        # A check without a picture decodes nothing and does not wait.
        assert client.post("/cek-fakta/cek/", {"teks": TEKS}).status_code == 200
    assert kirim(client, png(60, 40)).status_code == 200
    assert Laporan.objects.filter(gambar_hash__isnull=False).count() == 1


def test_the_desk_sees_the_screenshot_inline_marked_nosniff(client, cast):
    kirim(client, png(60, 40))
    laporan = Laporan.objects.get()
    assert laporan.gambar.name.endswith(".png")
    client.force_login(cast.verifikator)
    response = client.get(f"/kelola/cek-fakta/laporan/{laporan.pk}/gambar/")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="laporan-{laporan.kode}.png"'


def _telegram(client, django_capture_on_commit_callbacks, monkeypatch, file_size, gambar):
    calls = []

    def palsu(method, url, *, json=None, headers=None, timeout=10):
        calls.append((method, url, json))
        if url.endswith("/getFile"):
            hasil = {"file_path": "photos/file_7.png", "file_size": file_size}
            return http.FetchResult(200, json_dumps({"ok": True, "result": hasil}))
        if "/file/bot" in url:
            return http.FetchResult(200, gambar)
        return http.FetchResult(200, b"{}")

    monkeypatch.setattr(http, "fetch", palsu)
    update = {
        "update_id": 7002,
        "message": {"message_id": 4, "chat": {"id": 778}, "photo": [{"file_id": "besar", "width": 9000, "height": 9000}]},
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/cek-fakta/webhook/telegram/",
            update,
            content_type="application/json",
            HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="rahasia",
        )
    return calls


def json_dumps(data) -> bytes:
    return json.dumps(data).encode()


@pytest.fixture
def telegram_aktif(settings):
    settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_SECRET_TOKEN = "111:botuji", "rahasia"


def test_chat_media_larger_than_an_upload_is_not_downloaded(
    client, telegram_aktif, monkeypatch, django_capture_on_commit_callbacks
):
    calls = _telegram(client, django_capture_on_commit_callbacks, monkeypatch, 50 * 1024 * 1024, b"")
    assert not any("/file/bot" in url for _m, url, _j in calls)
    assert PesanMasuk.objects.get().diproses is not None and not Laporan.objects.exists()


def test_a_chat_picture_over_the_pixel_limit_gets_a_polite_reply(
    client, telegram_aktif, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.JEMBATAN_MAX_IMAGE_PIXELS = 100 * 100
    calls = _telegram(client, django_capture_on_commit_callbacks, monkeypatch, 2000, png(200, 200))
    assert "Gambar terlalu besar: paling banyak 0.01 megapiksel" in calls[-1][2]["text"]
    assert not Laporan.objects.exists()


UKUR = textwrap.dedent(
    """
    import json, resource, sys
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from cekfakta.forms import CekForm
    from cekfakta.layanan import PesanDitolak, _gambar_bersih
    from jembatan.tests.contoh_berkas import png_hitam

    data = png_hitam(10000, 10000)
    awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    form = CekForm({}, {"gambar": SimpleUploadedFile("layar.png", data, content_type="image/png")})
    sah = form.is_valid()  # Django's ImageField opens the picture first
    try:
        _gambar_bersih(data)
        pesan = ""
    except PesanDitolak as e:
        pesan = str(e)
    puncak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"bertambah_mb": (puncak - awal) / 1024, "pesan": pesan, "form_sah": sah}))
    """
)


def test_a_10000_by_10000_png_of_295_kb_is_refused_without_decoding_it():
    """GIVEN the PNG from the attack (10000×10000, 295 KB; about 1 GB once decoded and re-encoded)
    WHEN it goes through what the web form and the chat channels do with a picture, in a fresh process
    THEN it is refused with the pixel limit named, and the process's peak memory hardly moves."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jembatan.settings", "DEBUG": "1"}
    hasil = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", UKUR],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=120,
        check=True,
    )
    ukuran = json.loads(hasil.stdout.strip().splitlines()[-1])
    assert "paling banyak 40 megapiksel" in ukuran["pesan"]
    assert ukuran["bertambah_mb"] < 30, ukuran
