"""The spoken version of a siaran: made after sending, private like the siaran, made again when its text changes."""

import io

import pytest
import soundfile

from siaran.models import Siaran
from siaran.tasks import buat_audio_siaran

pytestmark = pytest.mark.django_db


def test_a_sent_siaran_is_spoken_and_its_kim_hears_and_downloads_it(client, cast, buat_siaran, pakai_espeak):
    """GIVEN a server with espeak-ng
    WHEN Diskominfo sends a siaran to village A's KIM
    THEN its audio is stored as Opus and MP3, and the KIM's member sees the player and the download link."""
    siaran = buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah])
    siaran.refresh_from_db()
    assert siaran.audio_terkini
    with siaran.audio_ogg.open("rb") as f:
        assert soundfile.info(io.BytesIO(f.read())).subtype == "OPUS"
    assert not siaran.audio_ogg.name.startswith("publik/")

    client.force_login(cast.anggota)
    page = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert f'<source src="/kelola/siaran/{siaran.pk}/audio.ogg" type="audio/ogg; codecs=opus">' in page
    assert "Unduh audio — untuk diputar di masjid atau radio komunitas" in page
    response = client.get(f"/kelola/siaran/{siaran.pk}/audio.mp3")
    assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
    assert soundfile.info(io.BytesIO(b"".join(response.streaming_content))).format == "MP3"
    response.close()


def test_the_audio_of_a_siaran_for_one_village_is_hidden_from_another(client, cast, buat_siaran, pakai_espeak):
    siaran = buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah])
    client.force_login(cast.editor_lain)
    assert client.get(f"/kelola/siaran/{siaran.pk}/audio.ogg").status_code == 404
    client.logout()
    assert client.get(f"/kelola/siaran/{siaran.pk}/audio.ogg").status_code == 302


def test_changed_text_retires_the_old_audio_until_it_is_spoken_again(client, cast, buat_siaran, pakai_espeak):
    """GIVEN a siaran with its audio
    WHEN its text changes
    THEN the old audio is no longer served, and the task speaks the new text and removes the old files."""
    siaran = buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah])
    siaran.refresh_from_db()
    lama = siaran.audio_ogg.name
    Siaran.objects.filter(pk=siaran.pk).update(isi="Banjir sudah surut. Warga boleh kembali ke rumah.")
    client.force_login(cast.editor)
    assert client.get(f"/kelola/siaran/{siaran.pk}/audio.ogg").status_code == 404
    assert "<audio" not in client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()

    assert buat_audio_siaran.call(siaran.pk) is True
    siaran.refresh_from_db()
    assert siaran.audio_terkini and siaran.audio_ogg.name != lama
    assert not siaran.audio_ogg.storage.exists(lama)
    assert buat_audio_siaran.call(siaran.pk) is False  # the same text is not spoken twice
    response = client.get(f"/kelola/siaran/{siaran.pk}/audio.ogg")
    assert response.status_code == 200 and response["Content-Type"] == "audio/ogg"
    response.close()


def test_without_espeak_ng_the_siaran_goes_out_and_diskominfo_is_told_why_there_is_no_audio(
    client, cast, buat_siaran, monkeypatch, settings, caplog
):
    settings.JEMBATAN_AUDIO = True
    monkeypatch.setattr("jembatan.lib.speech.program_path", lambda: None)
    siaran = buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah])
    siaran.refresh_from_db()
    assert not siaran.audio_ogg and siaran.penerimaan.count() == 1
    assert "apt-get install -y espeak-ng" in caplog.text
    client.force_login(cast.admin)
    assert "espeak-ng dengan suara Indonesia tidak terpasang" in client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    client.force_login(cast.anggota)
    page = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert "Dengarkan" not in page and "espeak" not in page
