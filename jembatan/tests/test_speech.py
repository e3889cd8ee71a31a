"""jembatan.lib.speech: what espeak-ng is given to read, how it is run, and the audio that comes out."""

import io
import subprocess

import numpy as np
import pytest
import soundfile

from jembatan import checks
from jembatan.lib import speech


@pytest.mark.parametrize(
    ("tulisan", "ucapan"),
    [
        ("Harga Rp25.000 per sak", "Harga 25.000 rupiah per sak."),
        ("bantuan Rp 1,5 juta,-", "bantuan 1,5 juta rupiah."),
        ("rapat 30/11/2026", "rapat 30 November 2026."),
        ("sejak 2026-01-05", "sejak 5 Januari 2026."),
        ("pukul 08.00 WITA", "pukul 8 waktu Indonesia tengah."),
        ("mulai 19.30 WIB", "mulai pukul 19 lewat 30 menit waktu Indonesia barat."),
        ("nilai 3.50 saja", "nilai 3.50 saja."),
        ("RT 03/RW 02", "RT 3 RW 2."),
        ("naik 12%", "naik 12 persen."),
        ("jarak 4 km", "jarak 4 kilometer."),
        ("Jl. Merdeka No. 5, Kec. Binuang", "jalan Merdeka nomor 5, kecamatan Binuang."),
        ("bawa KTP dan KK dll. Lalu", "bawa ka te pe dan ka ka dan lain-lain. Lalu."),
        ("# Pengumuman\n\n- **penting** lihat https://contoh.id/a", "Pengumuman.\npenting lihat."),
        ("Waspada 🚨 banjir", "Waspada banjir."),
    ],
)
def test_spoken_writes_out_what_the_voice_reads_badly(tulisan, ucapan):
    assert speech.spoken(tulisan) == ucapan


def test_the_digest_follows_the_spoken_text_and_nothing_else():
    assert speech.text_digest("Rapat **besok**.") == speech.text_digest("Rapat besok.")
    assert speech.text_digest("Rapat besok.") != speech.text_digest("Rapat lusa.")


def test_without_espeak_ng_nothing_is_spoken_and_the_check_says_how_to_install_it(monkeypatch, settings):
    monkeypatch.setattr(speech, "program_path", lambda: None)
    settings.JEMBATAN_AUDIO = True
    assert not speech.available() and not speech.enabled()
    assert "apt-get install -y espeak-ng" in speech.status_message()
    with pytest.raises(speech.SpeechUnavailable, match="tidak terpasang"):
        speech.render("Halo.")
    [warning] = checks.audio_program(None)
    assert warning.id == "jembatan.W006"
    assert "apt-get install -y espeak-ng" in warning.hint


def test_audio_turned_off_on_purpose_is_not_warned_about(monkeypatch, settings):
    monkeypatch.setattr(speech, "program_path", lambda: None)
    settings.JEMBATAN_AUDIO = False
    assert checks.audio_program(None) == []
    assert "JEMBATAN_AUDIO=0" in speech.status_message()


def _wav(seconds=0.5, rate=22050) -> bytes:
    out = io.BytesIO()
    t = np.arange(int(seconds * rate)) / rate
    soundfile.write(out, (0.3 * np.sin(2 * np.pi * 440 * t)).astype("float32"), rate, format="WAV")
    return out.getvalue()


def test_the_text_goes_in_on_stdin_never_on_the_command_line(monkeypatch):
    calls = []

    def run(command, **kwargs):
        calls.append((command, kwargs))
        return subprocess.CompletedProcess(command, 0, _wav(), b"")

    monkeypatch.setattr(speech, "program_path", lambda: "/usr/bin/espeak-ng")
    monkeypatch.setattr(speech.subprocess, "run", run)
    teks = "-v en --stdout $(rm -rf /); `reboot` | cat"
    samples, rate = speech.synthesise(teks)
    [(command, kwargs)] = calls
    assert command == ["/usr/bin/espeak-ng", "-v", "id", "-s", str(speech.RATE_WPM), "-b", "1", "--stdout"]
    assert kwargs["input"] == teks.encode() and "shell" not in kwargs and kwargs["timeout"] == speech.TIMEOUT_SECONDS
    assert rate == 22050 and len(samples) == 11025


def test_a_program_that_hangs_is_stopped_at_the_time_limit(monkeypatch, tmp_path):
    lambat = tmp_path / "espeak-ng"
    lambat.write_text("#!/bin/sh\nsleep 5\n")
    lambat.chmod(0o755)
    monkeypatch.setattr(speech, "program_path", lambda: str(lambat))
    monkeypatch.setattr(speech, "TIMEOUT_SECONDS", 0.3)
    with pytest.raises(speech.SpeechUnavailable, match="tidak selesai"):
        speech.synthesise("Halo.")


def test_a_program_that_fails_says_so(monkeypatch, tmp_path):
    gagal = tmp_path / "espeak-ng"
    gagal.write_text("#!/bin/sh\necho 'suara tidak ada' >&2\nexit 1\n")
    gagal.chmod(0o755)
    monkeypatch.setattr(speech, "program_path", lambda: str(gagal))
    with pytest.raises(speech.SpeechUnavailable, match="suara tidak ada"):
        speech.synthesise("Halo.")


def test_resampling_down_keeps_speech_frequencies_and_removes_what_would_fold_back():
    rate = 22050
    t = np.arange(rate) / rate
    rendah = speech.resample(np.sin(2 * np.pi * 1000 * t).astype("float32"), rate, 16000)
    tinggi = speech.resample(np.sin(2 * np.pi * 10000 * t).astype("float32"), rate, 16000)
    assert len(rendah) == 16000
    assert np.abs(rendah[1000:-1000]).max() > 0.9  # 1 kHz passes
    assert np.abs(tinggi[1000:-1000]).max() < 0.1  # 10 kHz would alias to 6 kHz: filtered out


def test_encoding_gives_opus_in_ogg_near_its_bitrate_and_mp3():
    rate = 22050
    t = np.arange(10 * rate) / rate
    samples = (0.3 * np.sin(2 * np.pi * 300 * t) * np.sin(2 * np.pi * 3 * t)).astype("float32")
    ogg = speech.encode_opus(samples, rate)
    assert ogg[:4] == b"OggS" and b"OpusHead" in ogg[:100]
    assert len(ogg) * 8 / 10 < 1.3 * speech.OPUS_BITRATE
    info = soundfile.info(io.BytesIO(ogg))
    assert info.samplerate == speech.OPUS_SAMPLERATE and abs(info.duration - 10) < 0.1
    mp3 = speech.encode_mp3(samples, rate)
    assert soundfile.info(io.BytesIO(mp3)).format == "MP3"
    assert 20_000 < len(mp3) * 8 / 10 < 28_000  # 24 kbit/s


def test_espeak_ng_speaks_indonesian_into_both_files(pakai_espeak):
    audio = speech.render("Rapat warga pada 1/12/2026 pukul 08.00 WITA di balai desa. Biaya Rp5.000.")
    assert audio.digest == speech.text_digest("Rapat warga pada 1/12/2026 pukul 08.00 WITA di balai desa. Biaya Rp5.000.")
    assert 4 < audio.seconds < 20
    assert soundfile.info(io.BytesIO(audio.ogg)).subtype == "OPUS"
    assert soundfile.info(io.BytesIO(audio.mp3)).format == "MP3"
    assert len(audio.ogg) < 2_000 * audio.seconds  # under 16 kbit/s whatever the length
