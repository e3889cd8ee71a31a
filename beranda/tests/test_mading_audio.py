"""One audio file for a week's mading: what it says, who may hear it, and a new one when the week's news changes."""

import datetime as dt
import io
import uuid

import pytest
import soundfile
from django.core.files.storage import default_storage
from django.utils import timezone

from beranda import mading
from jembatan.lib.speech import spoken
from jembatan.test import DESA_A
from siaran.models import Siaran
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db

SENIN = dt.date(2026, 11, 23)
MINGGU = "2026-W48"


def _siaran(cast, judul: str, isi: str, hari: int = 1) -> Siaran:
    siaran, _baru = Siaran.objects.kirim(
        judul=judul,
        isi=isi,
        prioritas="penting",
        cakupan="desa",
        wilayah=list(Wilayah.objects.filter(kode=DESA_A)),
        lampiran=[],
        oleh=cast.admin,
        kunci=uuid.uuid4(),
        dasar_url="http://testserver",
    )
    Siaran.objects.filter(pk=siaran.pk).update(dikirim_pada=timezone.make_aware(dt.datetime(2026, 11, 23 + hari, 9)))
    return siaran


def _pekan():
    return mading.pekan(Wilayah.objects.get(kode=DESA_A), SENIN)


def test_the_weeks_audio_reads_its_siaran_with_dates_and_money_written_out(cast):
    _siaran(cast, "Pembagian benih padi", "Tebus benih **Rp15.000** per karung, 25/11/2026 pukul 08.00 WITA.")
    teks = mading.teks_audio(_pekan())
    assert teks.startswith("Kabar sepekan Desa Tungkap, 23 November sampai 29 November 2026.")
    assert "Pengumuman Diskominfo. Pembagian benih padi." in teks
    assert "Tebus benih 15.000 rupiah per karung, 25 November 2026 pukul 8 waktu Indonesia tengah." in spoken(teks)


def test_an_empty_week_has_no_audio(client, cast):
    client.force_login(cast.editor)
    assert mading.teks_audio(_pekan()) == ""
    assert "Dengarkan" not in client.get(f"/kelola/mading/{DESA_A}/", {"minggu": MINGGU}).content.decode()
    assert client.get(f"/kelola/mading/{DESA_A}/{MINGGU}/audio.ogg").status_code == 404


def test_the_week_is_spoken_once_heard_by_the_village_and_spoken_again_when_it_changes(client, cast, pakai_espeak):
    """GIVEN a week with a siaran to village A and a server with espeak-ng
    WHEN the KIM's pengurus opens that week's mading
    THEN the audio is made through the task API, the page then offers it, the village hears it and another
         village does not; a siaran added that week makes a new file and the old one goes."""
    _siaran(cast, "Pembagian benih padi", "Benih dibagikan di balai desa.")
    client.force_login(cast.editor)
    client.get(f"/kelola/mading/{DESA_A}/", {"minggu": MINGGU})  # the immediate backend makes it at once
    pertama = mading.nama_audio(_pekan(), "ogg")
    assert default_storage.exists(pertama)
    page = client.get(f"/kelola/mading/{DESA_A}/", {"minggu": MINGGU}).content.decode()
    assert f'<source src="/kelola/mading/{DESA_A}/{MINGGU}/audio.ogg"' in page
    assert "Unduh audio — untuk diputar di masjid atau radio komunitas" in page
    client.force_login(cast.editor_lain)
    assert client.get(f"/kelola/mading/{DESA_A}/{MINGGU}/audio.ogg").status_code == 404

    _siaran(cast, "Kerja bakti", "Kerja bakti membersihkan saluran air hari Minggu.", hari=3)
    client.force_login(cast.editor)
    client.get(f"/kelola/mading/{DESA_A}/", {"minggu": MINGGU})
    kedua = mading.nama_audio(_pekan(), "ogg")
    assert kedua != pertama and default_storage.exists(kedua) and not default_storage.exists(pertama)
    # Last: closing a streamed response ends the request, which closes the test's database connection.
    response = client.get(f"/kelola/mading/{DESA_A}/{MINGGU}/audio.ogg")
    assert response.status_code == 200 and response["Content-Type"] == "audio/ogg"
    assert soundfile.info(io.BytesIO(b"".join(response.streaming_content))).subtype == "OPUS"
    response.close()
