"""manage.py buat_audio: the audio versions written before espeak-ng was installed are made afterwards."""

import uuid

import pytest
from django.core.management import CommandError, call_command

from jembatan.test import DESA_A
from siaran.models import Siaran
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def _siaran(cast) -> Siaran:
    siaran, _baru = Siaran.objects.kirim(
        judul="Jadwal posyandu",
        isi="Posyandu buka pukul 08.00 WITA.",
        prioritas="biasa",
        cakupan="desa",
        wilayah=list(Wilayah.objects.filter(kode=DESA_A)),
        lampiran=[],
        oleh=cast.admin,
        kunci=uuid.uuid4(),
        dasar_url="http://testserver",
    )
    return siaran


def test_without_espeak_ng_the_command_and_the_admins_dashboard_say_how_to_install_it(client, cast, settings, monkeypatch):
    settings.JEMBATAN_AUDIO = True
    monkeypatch.setattr("jembatan.lib.speech.program_path", lambda: None)
    with pytest.raises(CommandError, match="apt-get install -y espeak-ng"):
        call_command("buat_audio")
    client.force_login(cast.admin)
    assert "apt-get install -y espeak-ng" in client.get("/kelola/").content.decode()
    client.force_login(cast.editor)
    assert "espeak-ng" not in client.get("/kelola/").content.decode()


def test_siaran_sent_before_espeak_ng_get_their_audio_once(cast, settings, capsys, pakai_espeak):
    """GIVEN a siaran sent while the server made no audio
    WHEN espeak-ng is there and the command runs (twice)
    THEN the siaran gets its audio the first time and nothing is queued the second."""
    settings.JEMBATAN_AUDIO = False
    siaran = _siaran(cast)
    assert not siaran.audio_ogg
    settings.JEMBATAN_AUDIO = True
    call_command("buat_audio")
    siaran.refresh_from_db()
    assert siaran.audio_terkini
    call_command("buat_audio")
    assert capsys.readouterr().out.splitlines()[-1] == "0 siaran, 0 putusan, 0 maklumat diantrekan."
