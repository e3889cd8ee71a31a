"""Indonesian speech from text: espeak-ng speaks, the audio is kept as Opus in OGG and as MP3.

For people who do not read a screen, and for what a KIM plays over a mosque's loudspeaker or a community
radio. espeak-ng (Debian package `espeak-ng`) is a separate program run without a shell, with the text on its
standard input (never on its command line, where a text starting with "-" would be an option) and a time
limit. soundfile encodes: its wheels carry libsndfile with Opus and MP3 built in, so no system encoder is
needed. Without espeak-ng the feature is off (`available()` is False, `manage.py check` says how to install
it) and nothing else changes.

What espeak-ng reads badly is written out first (`spoken`): "Rp25.000" becomes "25.000 rupiah" (espeak-ng's
Indonesian voice reads 25.000 as "dua puluh lima ribu"), "30/11/2026" becomes "30 November 2026", "08.00 WITA"
becomes "pukul 8 waktu Indonesia tengah", and common abbreviations their words.

Sizes and speed for a 150-word text are measured by `bench/audio.py` (README, "Performance").
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import soundfile
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext

from jembatan.lib.text import BULAN

logger = logging.getLogger(__name__)

PROGRAM = "espeak-ng"
VOICE = "id"
# Words per minute: slower than espeak-ng's 175, for loudspeakers and older listeners.
RATE_WPM = 160
# Opus runs at 8/12/16/24/48 kHz; espeak-ng speaks at 22,050 Hz and is resampled to 16 kHz (wideband speech).
OPUS_SAMPLERATE = 16_000
# 8 kbit/s: Opus's SILK mode keeps speech clear, 150 words (about 85 s at RATE_WPM) take about 90 KB, and
# the encoder does a third less work than at 9 kbit/s (bench/audio.py).
OPUS_BITRATE = 8_000
# MP3 for players that know no Opus (radio studios, old phones): 24 kbit/s at espeak-ng's own rate, which is
# what libsndfile's "compression level" 0.9 gives for MPEG-2 layer III (0.8: 40 kbit/s; 0.95: 16 kbit/s).
MP3_LEVEL = 0.9
# Longest text spoken (characters): a long verdict or a week's bulletin fits, a runaway text does not.
MAX_CHARS = 30_000
TIMEOUT_SECONDS = 120
INSTALL_HINT = "Pasang espeak-ng: `apt-get install -y espeak-ng` (Debian/Ubuntu), lalu mulai ulang server dan worker."
# Part of every digest: audio made with other settings is made again.
_SETTINGS = f"{PROGRAM}|{VOICE}|{RATE_WPM}|{OPUS_SAMPLERATE}|{OPUS_BITRATE}|{MP3_LEVEL}|1"


class SpeechUnavailable(RuntimeError):
    """espeak-ng is not installed, or it failed or ran out of time on this text."""


@dataclass(frozen=True)
class Audio:
    ogg: bytes
    mp3: bytes
    seconds: float  # length of the speech
    digest: str  # of the spoken text and the settings (see `digest`)


def program_path() -> str | None:
    return shutil.which(PROGRAM)


def available() -> bool:
    """Whether this server can speak: espeak-ng is installed and has the Indonesian voice."""
    path = program_path()
    return path is not None and _has_voice(path)


def enabled() -> bool:
    """Whether audio is made here: wanted (JEMBATAN_AUDIO, on by default) and possible."""
    return bool(settings.JEMBATAN_AUDIO) and available()


def status_message() -> str:
    """Why there is no audio on this server, for the people who run it ("" when there is)."""
    if not settings.JEMBATAN_AUDIO:
        return gettext("Versi audio dimatikan (JEMBATAN_AUDIO=0).")
    if not available():
        return (
            gettext("Versi audio tidak dibuat: %(program)s dengan suara Indonesia tidak terpasang di server.")
            % {"program": PROGRAM}
            + f" {INSTALL_HINT}"
        )
    return ""


def player(ogg_url: str, mp3_url: str, *, show_reason: bool) -> dict[str, str] | None:
    """What the page's audio block (templates/_audio.html) shows: the player and download links when the audio
    is there; else, to those who run the site (`show_reason`), why not; else nothing (None)."""
    if ogg_url and mp3_url:
        return {"ogg": ogg_url, "mp3": mp3_url, "pesan": ""}
    if not show_reason:
        return None
    pesan = status_message() or gettext("Versi audio sedang dibuat; muat ulang halaman ini sebentar lagi.")
    return {"ogg": "", "mp3": "", "pesan": pesan}


def named(instance: Any, filename: str) -> str:
    """`upload_to` of audio fields: the name given is the whole path (see `refresh`)."""
    return filename


@functools.lru_cache(maxsize=4)
def _has_voice(path: str) -> bool:
    try:
        hasil = subprocess.run([path, f"--voices={VOICE}"], capture_output=True, timeout=10, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return False
    return any(line.split()[1:2] == [VOICE] for line in hasil.stdout.decode(errors="replace").splitlines()[1:])


# --- Writing out what espeak-ng reads badly ------------------------------------------------------------

ZONA = {"WIB": "waktu Indonesia barat", "WITA": "waktu Indonesia tengah", "WIT": "waktu Indonesia timur"}
# Abbreviations as written in letters and announcements, matched as whole words (the dot included).
SINGKATAN = {
    "No.": "nomor",
    "Jl.": "jalan",
    "Kec.": "kecamatan",
    "Kab.": "kabupaten",
    "Kel.": "kelurahan",
    "Ds.": "desa",
    "Tgl.": "tanggal",
    "tgl.": "tanggal",
    "Yth.": "yang terhormat",
    "dll.": "dan lain-lain.",
    "dll": "dan lain-lain",
    "dsb.": "dan sebagainya.",
    "dst.": "dan seterusnya.",
    "s.d.": "sampai dengan",
    "s/d": "sampai dengan",
    "a.n.": "atas nama",
    "Ps.": "pasal",
    "UU": "undang-undang",
    "Perbup": "peraturan bupati",
    "Perda": "peraturan daerah",
    "Perki": "peraturan komisi informasi",
    "Diskominfo": "diskominfo",
    "PPID": "pe pe i de",
    "KTP": "ka te pe",
    "KK": "ka ka",
    "NIK": "nik",
    "HP": "ha pe",
    "WA": "wa",
    "BLT": "be el te",
    "BPJS": "be pe je es",
    "Puskesmas": "puskesmas",
    "Posyandu": "posyandu",
}
_SINGKATAN = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(SINGKATAN, key=len, reverse=True)) + r")(?![\w/])")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_RUPIAH = re.compile(r"\bRp\.?\s?(\d[\d.]*(?:,\d+)?)(\s*(?:ribu|juta|miliar|triliun)\b)?(?:,-)?", re.IGNORECASE)
_TANGGAL = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b")
_TANGGAL_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_JAM = re.compile(r"\b(?:(pukul|jam)\s+)?([01]?\d|2[0-3])[.:]([0-5]\d)(?:\s*(WIB|WITA|WIT)\b)?", re.IGNORECASE)
_RT_RW = re.compile(r"\b(RT|RW)\s*0*(\d+)(?:\s*/\s*(?=RW))?")
_PERSEN = re.compile(r"(\d)\s?%")
_SATUAN = re.compile(r"(\d)\s?(km|kg|m²|m2|ha|cm|mm|l)\b")
SATUAN = {"km": "kilometer", "kg": "kilogram", "m²": "meter persegi", "m2": "meter persegi", "ha": "hektare"}
SATUAN |= {"cm": "sentimeter", "mm": "milimeter", "l": "liter"}
_BUKAN_UCAPAN = re.compile(r"[*_#`>|~^\[\]{}<>\\]|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")
_SPASI = re.compile(r"[ \t]+")
_SPASI_TANDA = re.compile(r"\s+([.,!?;:])")


def _tanggal(hari: str, bulan: str, tahun: str) -> str:
    b = int(bulan)
    if not 1 <= b <= 12 or not 1 <= int(hari) <= 31:
        return f"{hari} {bulan} {tahun}"
    return f"{int(hari)} {BULAN[b - 1]} {tahun}"


def _jam(m: re.Match[str]) -> str:
    kata, jam, menit, zona = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    if not kata and not zona:
        return m.group(0)  # "3.50" with neither "pukul" nor a time zone is a number, not a time
    teks = f"pukul {jam}" + (f" lewat {menit} menit" if menit else "")
    return teks + (f" {ZONA[zona.upper()]}" if zona else "")


def spoken(text: str) -> str:
    """`text` as espeak-ng's Indonesian voice should read it: sentences on their own lines end with a stop
    (so headings and list items get their pause), links and markup are dropped, and money, dates, times,
    RT/RW numbers, percentages, units and common abbreviations are written out."""
    text = _URL.sub("", text)
    text = _RUPIAH.sub(lambda m: f"{m.group(1)}{m.group(2) or ''} rupiah", text)
    text = _TANGGAL_ISO.sub(lambda m: _tanggal(m.group(3), m.group(2), m.group(1)), text)
    text = _TANGGAL.sub(lambda m: _tanggal(m.group(1), m.group(2), m.group(3)), text)
    text = _JAM.sub(_jam, text)
    text = _RT_RW.sub(lambda m: f"{m.group(1)} {m.group(2)} ", text)
    text = _PERSEN.sub(r"\1 persen", text)
    text = _SATUAN.sub(lambda m: f"{m.group(1)} {SATUAN[m.group(2)]}", text)
    text = _SINGKATAN.sub(lambda m: SINGKATAN[m.group(1)], text)
    text = _BUKAN_UCAPAN.sub(" ", text)
    lines = []
    for line in text.splitlines():
        line = _SPASI_TANDA.sub(r"\1", _SPASI.sub(" ", line)).strip(" -•")
        if line:
            lines.append(line if line[-1] in ".!?:;," else line + ".")
    return "\n".join(lines)[:MAX_CHARS]


def digest(spoken_text: str) -> str:
    """What a stored audio was made from: the spoken text and the settings. Equal digests, equal audio."""
    return hashlib.sha256(f"{_SETTINGS}\n{spoken_text}".encode()).hexdigest()


# --- Speaking and encoding -----------------------------------------------------------------------------


def synthesise(spoken_text: str) -> tuple[np.ndarray[Any, np.dtype[np.float32]], int]:
    """espeak-ng's speech of `spoken_text`: mono samples in [-1, 1] and their sample rate."""
    path = program_path()
    if path is None:
        raise SpeechUnavailable(f"{PROGRAM} tidak terpasang. {INSTALL_HINT}")
    command = [path, "-v", VOICE, "-s", str(RATE_WPM), "-b", "1", "--stdout"]  # -b 1: the input is UTF-8
    try:
        hasil = subprocess.run(  # noqa: S603 - fixed arguments, the text goes in on stdin
            command, input=spoken_text.encode(), capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise SpeechUnavailable(f"{PROGRAM} tidak selesai dalam {TIMEOUT_SECONDS} detik.")
    if hasil.returncode != 0 or not hasil.stdout:
        raise SpeechUnavailable(f"{PROGRAM} gagal ({hasil.returncode}): {hasil.stderr.decode(errors='replace')[:200]}")
    samples, rate = soundfile.read(io.BytesIO(hasil.stdout), dtype="float32", always_2d=False)
    return samples, int(rate)


def resample(samples: np.ndarray[Any, np.dtype[np.float32]], rate: int, target: int) -> np.ndarray[Any, np.dtype[np.float32]]:
    """`samples` at `target` Hz. Going down, a windowed-sinc low-pass below the new Nyquist frequency first
    keeps what lies above it from folding back as noise; then linear interpolation."""
    if rate == target or len(samples) == 0:
        return samples.astype(np.float32)
    if target < rate:
        cutoff = 0.9 * (target / 2) / rate  # in cycles per sample
        n = np.arange(-32, 33)
        kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(len(n))
        samples = np.convolve(samples, kernel / kernel.sum(), mode="same")
    count = int(len(samples) * target / rate)
    hasil: np.ndarray[Any, np.dtype[np.float32]] = np.interp(
        np.arange(count) * (rate / target), np.arange(len(samples)), samples
    ).astype(np.float32)
    return hasil


def _compression_level(bitrate: int, lowest: int, highest: int) -> float:
    # libsndfile sets a bitrate through a "compression level" from 0 (its highest bitrate) to 1 (its lowest).
    return min(max((highest - bitrate) / (highest - lowest), 0.0), 1.0)


def encode_opus(samples: np.ndarray[Any, np.dtype[np.float32]], rate: int, bitrate: int = OPUS_BITRATE) -> bytes:
    """Opus in an OGG file, mono, at about `bitrate` bit/s (libsndfile's Opus range: 6,000–256,000)."""
    out = io.BytesIO()
    level = _compression_level(bitrate, 6_000, 256_000)
    soundfile.write(
        out, resample(samples, rate, OPUS_SAMPLERATE), OPUS_SAMPLERATE, format="OGG", subtype="OPUS", compression_level=level
    )
    return out.getvalue()


def encode_mp3(samples: np.ndarray[Any, np.dtype[np.float32]], rate: int) -> bytes:
    """MP3 (MPEG-2 layer III at espeak-ng's 22,050 Hz), mono, at a constant 24 kbit/s."""
    out = io.BytesIO()
    soundfile.write(
        out, samples, rate, format="MP3", subtype="MPEG_LAYER_III", compression_level=MP3_LEVEL, bitrate_mode="CONSTANT"
    )
    return out.getvalue()


def render(text: str) -> Audio:
    """Speak `text` (as written by people: `spoken` prepares it) and encode it both ways."""
    ucapan = spoken(text)
    if not ucapan:
        raise SpeechUnavailable("Tidak ada teks untuk dibacakan.")
    mulai = time.perf_counter()
    samples, rate = synthesise(ucapan)
    audio = Audio(encode_opus(samples, rate), encode_mp3(samples, rate), len(samples) / rate, digest(ucapan))
    logger.info(
        "audio: %.0f s of speech in %.2f s (ogg %d B, mp3 %d B)",
        audio.seconds,
        time.perf_counter() - mulai,
        len(audio.ogg),
        len(audio.mp3),
    )
    return audio


# --- Keeping the audio beside the thing it reads ---------------------------------------------------------


class _FileField(Protocol):
    name: str | None

    def save(self, name: str, content: Any, save: bool = ...) -> None: ...

    def delete(self, save: bool = ...) -> None: ...


def text_digest(text: str) -> str:
    """The digest a stored audio of `text` carries: compare with it to know whether the audio is current."""
    return digest(spoken(text))


def refresh(instance: Any, text: str, *, folder: str, stem: str) -> bool:
    """Give a saved model row audio of `text` unless it already has audio of that very text.

    The row has the FileFields `audio_ogg` and `audio_mp3` and the CharField `audio_digest` (each module
    declares them on its own model). New files go under `folder` as `<stem>-<digest>.ogg/.mp3`; the row is
    updated only if its digest is still the one read here (two workers at once: one wins, the other's files
    are removed), and the files it replaces are then deleted. Returns True when new audio was stored.
    Raises SpeechUnavailable when espeak-ng is missing or fails."""
    baru = text_digest(text)
    if instance.audio_digest == baru and instance.audio_ogg and instance.audio_ogg.storage.exists(instance.audio_ogg.name):
        return False  # a lost file (media restored without it) is made again
    audio = render(text)
    model = type(instance)
    lama: list[_FileField] = [getattr(instance, f) for f in ("audio_ogg", "audio_mp3") if getattr(instance, f)]
    nama_lama = [f.name for f in lama]
    digest_lama = instance.audio_digest
    for field, isi in (("audio_ogg", audio.ogg), ("audio_mp3", audio.mp3)):
        getattr(instance, field).save(f"{folder}/{stem}-{audio.digest[:16]}.{field[-3:]}", ContentFile(isi), save=False)
    berubah = model._default_manager.filter(pk=instance.pk, audio_digest=digest_lama).update(
        audio_ogg=instance.audio_ogg.name, audio_mp3=instance.audio_mp3.name, audio_digest=audio.digest
    )
    if not berubah:
        _remove(instance, ("audio_ogg", "audio_mp3"))
        instance.refresh_from_db(fields=["audio_ogg", "audio_mp3", "audio_digest"])
        return False
    instance.audio_digest = audio.digest
    storage = instance.audio_ogg.storage
    for nama in nama_lama:
        if nama and nama not in (instance.audio_ogg.name, instance.audio_mp3.name):
            storage.delete(nama)
    return True


def refresh_or_log(instance: Any, text: str, *, folder: str, stem: str, what: str) -> bool:
    """`refresh`, with a missing or failing speaker logged under `what` (e.g. "siaran 12") and answered False:
    the page works without its audio."""
    try:
        return refresh(instance, text, folder=folder, stem=stem)
    except SpeechUnavailable as e:
        logger.warning("%s: tidak ada versi audio: %s", what, e)
        return False


def enqueue(task: Any, *args: Any, what: str) -> bool:
    """Enqueue `task(*args)`, the making of an item's audio, when this server makes audio; else log why not
    under `what` (unless audio is off on purpose, JEMBATAN_AUDIO=0). Returns whether it was enqueued."""
    if not settings.JEMBATAN_AUDIO:
        return False
    if not enabled():
        logger.warning("%s: %s", what, status_message())
        return False
    task.enqueue(*args)
    return True


def _remove(instance: Any, fields: Iterable[str]) -> None:
    for field in fields:
        berkas = getattr(instance, field)
        if berkas:
            berkas.storage.delete(berkas.name)
