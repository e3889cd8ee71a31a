"""The weekly mading: one week's verified news and siaran of a village or kecamatan, printed for the notice
board and spoken as one audio file for the week.

The audio is private like the page (it reads the siaran of the area's KIM) and kept by the name of what it
says: `mading/audio/<kode>/<week>-<digest>.ogg` and `.mp3`. A change to the week's news gives another digest,
so another file; the task that makes it removes that week's older files.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.text import Truncator

from jembatan.lib import speech
from jembatan.lib.markup import to_text
from siaran.models import Siaran
from warta.models import Berita
from wilayah.models import Level, Wilayah

logger = logging.getLogger(__name__)

FOLDER = "mading/audio"
KATA_PER_BERITA = 120  # as printed: each article cut at this many words


@dataclass
class Pekan:
    wilayah: Wilayah
    senin: date
    berita: QuerySet[Berita]
    siaran: QuerySet[Siaran]

    @property
    def minggu(self) -> date:
        return self.senin + timedelta(days=6)

    @property
    def kode_minggu(self) -> str:
        return self.senin.strftime("%G-W%V")


def senin_dari(minggu: str, hari_ini: date) -> date:
    """The Monday of an ISO week written "2026-W48"; of this week when it is not one."""
    try:
        tahun, ke = (int(x) for x in minggu.split("-W"))
        return date.fromisocalendar(tahun, ke, 1)
    except ValueError:
        return hari_ini - timedelta(days=hari_ini.weekday())


def pekan(wilayah: Wilayah, senin: date) -> Pekan:
    mulai = timezone.make_aware(datetime.combine(senin, datetime.min.time()))
    selesai = mulai + timedelta(days=7)
    di_sini = Q(wilayah=wilayah) | Q(wilayah__parent=wilayah) | Q(wilayah_id=wilayah.parent_id, wilayah__level=Level.KECAMATAN)
    berita = Berita.objects.terbit().filter(di_sini, terbit_pada__gte=mulai, terbit_pada__lt=selesai).prefetch_related("foto")
    kim = Q(penerimaan__kim__wilayah=wilayah) | Q(penerimaan__kim__wilayah__parent=wilayah)
    siaran = (
        Siaran.objects.filter(kim, dikirim_pada__gte=mulai, dikirim_pada__lt=selesai)
        .distinct()
        .order_by("-prioritas", "dikirim_pada")
    )
    return Pekan(wilayah, senin, berita, siaran)


def teks_audio(p: Pekan) -> str:
    """What the week's audio says, in the order of the printed sheet: the siaran, then the news."""
    tanggal = f"{formats.date_format(p.senin, 'j F')} sampai {formats.date_format(p.minggu, 'j F Y')}"
    bagian = [f"Kabar sepekan {p.wilayah.nama_lengkap}, {tanggal}."]
    for s in p.siaran:
        bagian.append(f"Pengumuman Diskominfo. {s.judul}.\n{to_text(s.isi)}")
    for b in p.berita:
        bagian.append(f"{b.judul}.\n{Truncator(to_text(b.isi)).words(KATA_PER_BERITA)}")
    if len(bagian) == 1:
        return ""
    bagian.append("Semua warta di mading ini sudah diperiksa editor.")
    return "\n".join(bagian)


def nama_audio(p: Pekan, ext: str) -> str:
    """The stored name of the week's audio as its news reads now ("" when there is nothing to read)."""
    teks = teks_audio(p)
    if not teks:
        return ""
    return f"{FOLDER}/{p.wilayah.kode}/{p.kode_minggu}-{speech.text_digest(teks)[:16]}.{ext}"


def buat_audio(p: Pekan) -> bool:
    """Speak the week into its two files, unless they exist; remove that week's older ones. True: made now."""
    teks = teks_audio(p)
    ogg, mp3 = nama_audio(p, "ogg"), nama_audio(p, "mp3")
    if not teks or (default_storage.exists(ogg) and default_storage.exists(mp3)):
        return False
    audio = speech.render(teks)
    for nama, isi in ((mp3, audio.mp3), (ogg, audio.ogg)):  # the .ogg last: its presence means both are there
        if default_storage.exists(nama):
            default_storage.delete(nama)
        default_storage.save(nama, ContentFile(isi))
    folder = f"{FOLDER}/{p.wilayah.kode}"
    for lama in default_storage.listdir(folder)[1]:
        if lama.startswith(p.kode_minggu + "-") and f"{folder}/{lama}" not in (ogg, mp3):
            default_storage.delete(f"{folder}/{lama}")
    return True


def pesan_audio(p: Pekan) -> bool:
    """Ask for the week's audio once (one task per text in ten minutes, however often the page is opened).
    False when this server makes no audio."""
    from beranda.tasks import buat_audio_mading  # late: the tasks module imports this one

    if not speech.enabled():
        return False
    nama = nama_audio(p, "ogg")
    if nama and cache.add(f"mading-audio:{nama}", 1, timeout=600):
        buat_audio_mading.enqueue(p.wilayah.kode, p.kode_minggu)
    return True
