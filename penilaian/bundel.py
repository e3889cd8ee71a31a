"""The festival evidence bundle: for a KIM and a period, one ZIP with a cover page (HTML ready to print as
PDF) and the activities' photos, in the order a jury reads: profile, SK and board; the score and its evidence;
activities with photos; news; siaran forwarded; potensi; awards.

News, siaran and potensi come from the monthly scores' evidence (`NilaiIndikator.bukti`), so this module reads
no module beside it, and the bundle shows exactly what the score was built on. The ZIP is streamed as it is
written, photo by photo, so memory stays flat whatever the number of photos.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from kim.models import Jabatan, Kim
from penilaian.models import FotoKegiatan, Kegiatan, NilaiIndikator, Penghargaan, SkorBulanan, Sumbu, bulan_berikut

# Indicators whose evidence the cover lists in its own sections.
BAGIAN = {"informasi.berita": "berita", "diseminasi.siaran_diteruskan": "siaran", "informasi.potensi": "potensi"}
POTONGAN = 64 * 1024


@dataclass
class Bundel:
    kim: Kim
    dari: date
    sampai: date  # the first day of the last month included

    @property
    def nama_berkas(self) -> str:
        return f"bukti-{slugify(self.kim.nama) or self.kim.wilayah_id}-{self.dari:%Y-%m}-{self.sampai:%Y-%m}.zip"


class _Pipa(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they come (zipfile writes a non-seekable stream with
    data descriptors)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        self._buf += b
        return len(b)

    def ambil(self) -> bytes:
        data = bytes(self._buf)
        self._buf.clear()
        return data


def _nama_foto(f: FotoKegiatan, kegiatan: Kegiatan, i: int) -> str:
    return f"foto/{kegiatan.tanggal:%Y-%m-%d}-{kegiatan.pk}-{i}.jpg"


def _varian_terbesar(f: FotoKegiatan) -> str | None:
    if not f.varian:
        return None
    lebar = max(f.varian, key=int)
    return f.varian[lebar].get("jpeg")


def isi_sampul(bundel: Bundel, *, situs: str) -> dict:
    """What the cover shows (also the order of the photos in the ZIP)."""
    kim = bundel.kim
    akhir = bulan_berikut(bundel.sampai)
    kegiatan = list(
        Kegiatan.objects.filter(kim=kim, tanggal__gte=bundel.dari, tanggal__lt=akhir)
        .select_related("jenis")
        .prefetch_related("foto", "kim_mitra")
        .order_by("tanggal", "pk")
    )
    foto = {g.pk: [(f, _nama_foto(f, g, i)) for i, f in enumerate(g.foto.all(), 1) if _varian_terbesar(f)] for g in kegiatan}
    skor = list(
        SkorBulanan.objects.filter(kim=kim, bulan__gte=bundel.dari, bulan__lt=akhir).select_related("skema").order_by("bulan")
    )
    bagian: dict[str, list[dict]] = {v: [] for v in BAGIAN.values()}
    for n in NilaiIndikator.objects.filter(skor__in=skor, indikator__in=BAGIAN).order_by("skor__bulan"):
        for b in n.bukti:
            url = b.get("url", "")
            bagian[BAGIAN[n.indikator]].append({"label": b.get("label", ""), "url": situs + url if url.startswith("/") else url})
    dewan = sorted(
        kim.pengurus_menjabat(timezone.localdate()).exclude(jabatan=Jabatan.ANGGOTA), key=lambda p: (p.jabatan_urut, p.nama)
    )
    return {
        "kim": kim,
        "dari": bundel.dari,
        "sampai": bundel.sampai,
        "dibuat": timezone.localtime(),
        "pengurus": dewan,
        "jumlah_anggota": kim.pengurus_menjabat(timezone.localdate()).filter(jabatan=Jabatan.ANGGOTA).count(),
        "skor": skor,
        "sumbu": list(Sumbu),
        "kegiatan": [(g, foto[g.pk]) for g in kegiatan],
        "berita": bagian["berita"],
        "siaran": bagian["siaran"],
        "potensi": bagian["potensi"],
        "penghargaan": Penghargaan.objects.filter(kim=kim, tanggal__gte=bundel.dari, tanggal__lt=akhir).order_by("tanggal"),
        "situs": situs,
    }


def tulis_zip(bundel: Bundel, *, situs: str) -> Iterator[bytes]:
    """The ZIP, chunk by chunk: the cover first (compressed), then each photo (stored: JPEG is compressed)."""
    with translation.override("id"):
        konteks = isi_sampul(bundel, situs=situs)
        sampul = render_to_string("penilaian/bundel_sampul.html", konteks)
    pipa = _Pipa()
    with zipfile.ZipFile(pipa, "w") as zf:
        zf.writestr("00-sampul.html", sampul, compress_type=zipfile.ZIP_DEFLATED)
        yield pipa.ambil()
        for _g, daftar in konteks["kegiatan"]:
            for f, nama in daftar:
                path = _varian_terbesar(f)
                if not path or not default_storage.exists(path):
                    continue
                with default_storage.open(path, "rb") as src, zf.open(nama, "w", force_zip64=True) as dest:
                    while potongan := src.read(POTONGAN):
                        dest.write(potongan)
                        yield pipa.ambil()
        yield pipa.ambil()
    yield pipa.ambil()
