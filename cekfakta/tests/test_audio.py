"""The spoken verdict: made when it is published, public like it, made again when it is edited."""

import io

import pytest
import soundfile
from django.utils import timezone

from cekfakta.models import Hasil, JenisSalah, Klaim, Referensi, Status
from cekfakta.tasks import buat_audio_putusan

pytestmark = pytest.mark.django_db


def _klaim(**fields) -> Klaim:
    k = Klaim.objects.create(
        judul="Bantuan beras Rp500.000 dibagikan lewat tautan pendaftaran",
        hasil=Hasil.SALAH,
        jenis_salah=JenisSalah.PALSU,
        penjelasan="Dinas Sosial tidak membuka pendaftaran lewat tautan.",
        metode="Konfirmasi ke Dinas Sosial.",
        status=Status.DIPERIKSA,
        **fields,
    )
    Referensi.objects.create(klaim=k, judul="Siaran Dinas Sosial", url="https://dinsos.example/siaran")
    return k


def test_the_audio_says_the_outcome_the_claim_and_the_explanation():
    teks = _klaim().teks_audio()
    assert teks.startswith("Cek fakta. Hasil: salah — konten palsu.\nKlaim: Bantuan beras Rp500.000")
    assert "Dinas Sosial tidak membuka pendaftaran" in teks


def test_a_published_verdict_is_spoken_and_anyone_hears_and_downloads_it(
    client, cast, pakai_espeak, django_capture_on_commit_callbacks
):
    """GIVEN a complete verdict and a server with espeak-ng
    WHEN a verifikator publishes it
    THEN its audio lies under media/publik/ and the public verdict page has the player and the download link."""
    k = _klaim()
    with django_capture_on_commit_callbacks(execute=True):
        k.terbitkan(oleh=cast.verifikator, versi=k.versi)
    k.refresh_from_db()
    assert k.audio_terkini and k.audio_ogg.name.startswith("publik/cekfakta/audio/")
    page = client.get(k.get_absolute_url()).content.decode()
    assert f'<source src="/media/{k.audio_ogg.name}" type="audio/ogg; codecs=opus">' in page
    assert f'<a href="/media/{k.audio_mp3.name}" download>Unduh audio — untuk diputar di masjid atau radio komunitas</a>' in page
    response = client.get(f"/media/{k.audio_ogg.name}")
    assert response.status_code == 200 and response["Content-Type"] == "audio/ogg"
    assert soundfile.info(io.BytesIO(b"".join(response.streaming_content))).subtype == "OPUS"
    response.close()


def test_an_unpublished_verdict_is_not_spoken(pakai_espeak):
    k = _klaim()
    assert buat_audio_putusan.call(k.pk) is False
    k.refresh_from_db()
    assert not k.audio_ogg


def test_an_edited_verdict_is_spoken_again_and_the_cached_page_loses_the_old_audio(
    client, cast, pakai_espeak, django_capture_on_commit_callbacks
):
    """GIVEN a published verdict with its audio, its page cached
    WHEN the verifikator changes the explanation
    THEN the page stops offering the old audio at once, and the new audio replaces the old files."""
    k = _klaim(diterbitkan=timezone.now())
    Klaim.objects.filter(pk=k.pk).update(status=Status.SELESAI)
    k.refresh_from_db()
    assert buat_audio_putusan.call(k.pk) is True
    k.refresh_from_db()
    lama = k.audio_ogg.name
    assert lama in client.get(k.get_absolute_url()).content.decode()

    isian = {"penjelasan": "Pendaftaran hanya di kantor desa, tanpa biaya."}
    with django_capture_on_commit_callbacks(execute=False):  # the task waits: the page must not show stale audio
        k.ubah_putusan(isian, [("Siaran Dinas Sosial", "https://dinsos.example/siaran")], oleh=cast.verifikator, versi=k.versi)
    assert "<audio" not in client.get(k.get_absolute_url()).content.decode()

    assert buat_audio_putusan.call(k.pk) is True
    k.refresh_from_db()
    assert k.audio_terkini and k.audio_ogg.name != lama and not k.audio_ogg.storage.exists(lama)
    assert k.audio_ogg.name in client.get(k.get_absolute_url()).content.decode()
