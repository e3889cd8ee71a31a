"""Open data of the published catalogue: one public description of an item (`data_publik`), which the API
and the CSV, XLSX and GeoJSON downloads all use, so what may leave the site is decided in one place.

No phone number ever leaves through here: not the producer's, not the KIM's. Where the item's page has a
"Chat di WhatsApp" button, `kontak_url` points at that button on the page; the number stays inside the
page's link. A point is given only where the page shows one (`lokasi_publik`); a private home is shown
as its village's centre, as the page shows it as its village.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from jembatan.lib.compression import accepted_encodings
from jembatan.lib.pagecache import generation
from potensi.forms import SaringForm
from potensi.models import MASA_TENGGANG, UMUR_KONFIRMASI, Potensi
from wilayah.models import kabupaten_aktif

# The XLSX is built in memory (openpyxl's write-only mode keeps only the current row), so it is bounded:
# a regency's catalogue stays well under this; the CSV and GeoJSON are streamed whatever their size.
MAKS_BARIS_XLSX = 20_000

logger = logging.getLogger(__name__)


def katalog(data) -> Any:
    """The published, still-current items matching the catalogue's filters (the `/potensi/` page's own
    form, its search included), in a total order, with what the public description reads."""
    qs = SaringForm(data).saring(Potensi.objects.publik().select_related("jenis", "wilayah__parent", "kim"))
    # Words are ranked best first by the search, as on the page; otherwise the most recently confirmed first.
    urut = [*qs.query.order_by] or ["-dikonfirmasi_pada"]
    return qs.order_by(*urut, "-pk")


def titik(p: Potensi) -> tuple[float | None, float | None, bool]:
    """(lat, lng, exact): the item's own point when it may be shown, else its village's centre."""
    if p.lokasi_publik and p.lat is not None and p.lng is not None:
        return p.lat, p.lng, True
    return p.wilayah.lat, p.wilayah.lng, False


def data_publik(p: Potensi, absolut: Callable[[str], str]) -> dict[str, Any]:
    """What anyone may know about a published item, as the page shows it (never a number)."""
    w = p.wilayah
    kec = w.parent
    lat, lng, tepat = titik(p)
    url = absolut(p.get_absolute_url())
    return {
        "id": p.pk,
        "nama": p.nama,
        "jenis": p.jenis.nama,
        "jenis_slug": p.jenis.slug,
        "ringkasan": p.ringkasan,
        "wilayah_kode": w.kode,
        "wilayah_nama": w.nama,
        "kecamatan_kode": kec.kode if kec else "",
        "kecamatan_nama": kec.nama if kec else "",
        "kim": p.kim.nama if p.kim else None,
        "nama_produsen": p.nama_produsen,
        "nama_usaha": p.nama_usaha,
        "nib": p.nib,
        "nomor_pirt": p.nomor_pirt,
        "nomor_halal": p.nomor_halal,
        "harga_min": p.harga_min,
        "harga_max": p.harga_max,
        "satuan": p.satuan,
        "teks_harga": p.teks_harga,
        "bulan": [m for m in range(1, 13) if p.tersedia_bulan(m)],
        "teks_bulan": p.teks_bulan,
        "kapasitas": p.kapasitas,
        "jam_buka": p.jam_buka,
        "tiket": p.tiket,
        "lat": lat,
        "lng": lng,
        "titik_tepat": tepat,
        "pemverifikasi": p.pemverifikasi,
        "terbit": p.terbit_pada,
        "dikonfirmasi": p.dikonfirmasi_pada,
        "perlu_diperbarui": p.perlu_diperbarui,
        "url": url,
        "kontak_url": f"{url}#kontak" if p.nomor_chat() else None,
        "demo": p.demo,
    }


# (heading, key of data_publik) in the order of the CSV and XLSX columns; headings in Indonesian whatever
# the page language, as official tables are.
KOLOM = [
    ("ID", "id"),
    ("Nama", "nama"),
    ("Jenis", "jenis"),
    ("Kode desa", "wilayah_kode"),
    ("Desa/kelurahan", "wilayah_nama"),
    ("Kecamatan", "kecamatan_nama"),
    ("KIM", "kim"),
    ("Produsen/pengelola", "nama_produsen"),
    ("Nama usaha/kelompok", "nama_usaha"),
    ("NIB", "nib"),
    ("P-IRT", "nomor_pirt"),
    ("Sertifikat halal", "nomor_halal"),
    ("Harga terendah (Rp)", "harga_min"),
    ("Harga tertinggi (Rp)", "harga_max"),
    ("Satuan", "satuan"),
    ("Harga", "teks_harga"),
    ("Tersedia", "teks_bulan"),
    ("Kapasitas", "kapasitas"),
    ("Jam buka", "jam_buka"),
    ("Tiket masuk", "tiket"),
    ("Lintang", "lat"),
    ("Bujur", "lng"),
    ("Titik", "titik_tepat"),
    ("Diverifikasi oleh", "pemverifikasi"),
    ("Terakhir dikonfirmasi", "dikonfirmasi"),
    ("Perlu diperbarui", "perlu_diperbarui"),
    ("Halaman", "url"),
    ("Kontak (tombol WhatsApp di halaman)", "kontak_url"),
    ("Ringkasan", "ringkasan"),
]


def _sel(kunci: str, nilai: Any) -> Any:
    """A value as a spreadsheet cell: dates in local time, yes/no in words, nothing as empty."""
    if nilai is None:
        return ""
    if kunci == "titik_tepat":
        return "titik usaha/tempat" if nilai else "pusat desa"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if kunci in ("terbit", "dikonfirmasi"):
        return timezone.localdate(nilai)
    return nilai


def _baris(items: Iterable[Potensi], absolut: Callable[[str], str]) -> Iterator[list[Any]]:
    # A streamed body is written after the view returned: month names stay Indonesian here too.
    with translation.override("id"):
        for p in items:
            d = data_publik(p, absolut)
            yield [_sel(k, d[k]) for _, k in KOLOM]


class _Gema:
    """csv.writer writes into this and gets the line back, so each row can be streamed as it is made."""

    def write(self, teks: str) -> str:
        return teks


def csv_baris(items: Iterable[Potensi], absolut: Callable[[str], str]) -> Iterator[str]:
    tulis = csv.writer(_Gema())
    yield "\ufeff"  # lets spreadsheet programs detect UTF-8
    yield tulis.writerow([judul for judul, _ in KOLOM])
    for baris in _baris(items, absolut):
        yield tulis.writerow(baris)


def xlsx(items: Iterable[Potensi], absolut: Callable[[str], str], judul: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Potensi desa")
    for kolom, lebar in (("B", 32), ("E", 22), ("F", 18), ("H", 28), ("P", 24), ("Q", 20), ("AB", 40)):
        ws.column_dimensions[kolom].width = lebar
    sel = WriteOnlyCell(ws, value=judul)
    sel.font = Font(bold=True, size=13)
    ws.append([sel])
    kepala = []
    for teks, _ in KOLOM:
        c = WriteOnlyCell(ws, value=teks)
        c.font = Font(bold=True)
        kepala.append(c)
    ws.append(kepala)
    for n, baris in enumerate(_baris(items, absolut)):
        if n == MAKS_BARIS_XLSX:
            ws.append([f"Dipotong pada {MAKS_BARIS_XLSX} baris; unduh CSV untuk semuanya."])
            break
        ws.append(baris)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def geojson_potongan(items: Iterable[Potensi], absolut: Callable[[str], str]) -> Iterator[str]:
    """A GeoJSON FeatureCollection of points, written a feature at a time."""
    yield '{"type":"FeatureCollection","features":['
    pertama = True
    with translation.override("id"):
        for p in items:
            d = data_publik(p, absolut)
            lat, lng = d.pop("lat"), d.pop("lng")
            geometri = {"type": "Point", "coordinates": [lng, lat]} if lat is not None and lng is not None else None
            fitur = {"type": "Feature", "id": p.pk, "geometry": geometri, "properties": d}
            yield ("" if pertama else ",") + json.dumps(fitur, ensure_ascii=False, default=_json_default)
            pertama = False
    yield "]}"


def _json_default(nilai: Any) -> str:
    return nilai.isoformat()


JENIS_ISI = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# The whole catalogue's downloads are kept in the default cache (Redis in production, shared by every server
# process) as (page-cache generation, valid until, Content-Encoding, body): one key per format and site address,
# overwritten by the next generation's file, so the cache holds at most one file per format whatever the number
# of changes. CSV and GeoJSON are kept gzipped (about a tenth of their size: 9,203 items make ~1 MB of gzipped
# GeoJSON), the XLSX as it is (already a zip); a file larger than MAKS_SIMPAN is not kept. Filtered downloads are
# not kept: they are a part of the catalogue (a kecamatan is about a twelfth) and cheap, while every query string
# a visitor can type would be one more file in the cache.
KUNCI_UNDUHAN = "potensi:unduh:v1"
MAKS_SIMPAN = 16 * 1024 * 1024
UMUR_SIMPAN = 24 * 3600  # an unused file leaves the cache after a day
Simpanan = tuple[int, datetime | None, str, bytes]


class _Jejak:
    """Passes the items through and notes when the first of them reaches its next staleness line (marked
    "perlu diperbarui", or leaving the catalogue): the file is no longer the catalogue from then on, though no
    change bumped the generation."""

    def __init__(self, items: Iterable[Potensi]) -> None:
        self.items, self.sekarang = items, timezone.now()
        self.sampai: datetime | None = None

    def __iter__(self) -> Iterator[Potensi]:
        for p in self.items:
            if p.dikonfirmasi_pada is not None:
                garis = p.dikonfirmasi_pada + UMUR_KONFIRMASI
                if garis <= self.sekarang:
                    garis += MASA_TENGGANG
                if self.sampai is None or garis < self.sampai:
                    self.sampai = garis
            yield p


def _kunci_unduhan(request: HttpRequest, format: str) -> str:
    # The file holds absolute links, so each address the site answers on has its own.
    alamat = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:16]
    return f"{KUNCI_UNDUHAN}:{format}:{alamat}"


def _simpanan(kunci: str) -> Simpanan | None:
    """The kept file when it is still the catalogue: same generation, no staleness line crossed since."""
    try:
        found: Simpanan | None = cache.get(kunci)
        if found is None or found[0] != generation():
            return None
    except Exception:
        logger.warning("download cache unavailable", exc_info=True)
        return None
    if found[1] is not None and found[1] <= timezone.now():
        return None
    return found


def _simpan(kunci: str, isi: Simpanan) -> None:
    if len(isi[3]) > MAKS_SIMPAN:
        return
    try:
        cache.set(kunci, isi, UMUR_SIMPAN)
    except Exception:
        logger.warning("download cache unavailable", exc_info=True)


def _kirim_sambil_simpan(potongan: Iterable[str], kunci: str, gen: int, jejak: _Jejak) -> Iterator[bytes]:
    """Streams the file as it is written and keeps it gzipped once the last part is out (not when the
    download was broken off). The generation was read before the first item: a change meanwhile makes the
    kept file stale at once."""
    z = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: with gzip's header, so it can be sent as it is
    bagian: list[bytes] | None = []
    ukuran = 0
    for teks in potongan:
        b = teks.encode()
        yield b
        if bagian is not None:
            bagian.append(z.compress(b))
            ukuran += len(bagian[-1])
            if ukuran > MAKS_SIMPAN:
                bagian = None  # too big to keep: stop holding it in memory, the download goes on
    if bagian is not None:
        bagian.append(z.flush())
        _simpan(kunci, (gen, jejak.sampai, "gzip", b"".join(bagian)))


def _jawab_simpanan(request: HttpRequest, isi: Simpanan, format: str) -> HttpResponse:
    """The kept file with the headers of a fresh one; gzipped as kept to a client that takes gzip (the
    compression middleware leaves an encoded answer alone), unpacked for any other."""
    _, _, encoding, body = isi
    if encoding == "gzip" and "gzip" not in accepted_encodings(request):
        encoding, body = "identity", gzip.decompress(body)
    response = HttpResponse(body, content_type=JENIS_ISI[format])
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


@require_safe
def unduh(request: HttpRequest, format: str):
    """The published catalogue, filtered as the page is, as CSV, XLSX or GeoJSON; the whole catalogue's file
    is kept until the catalogue changes."""
    nama = f"potensi-desa-{timezone.localdate().isoformat()}"
    response: HttpResponse | StreamingHttpResponse
    kunci = None if request.GET else _kunci_unduhan(request, format)
    isi = _simpanan(kunci) if kunci else None
    if isi is not None:
        response = _jawab_simpanan(request, isi, format)
    else:
        gen = generation()
        jejak = _Jejak(katalog(request.GET).iterator(chunk_size=500))
        absolut = request.build_absolute_uri
        if format == "xlsx":
            body = xlsx(jejak, absolut, f"Potensi desa {kabupaten_aktif().nama}")
            if kunci:
                _simpan(kunci, (gen, jejak.sampai, "identity", body))
            response = HttpResponse(body, content_type=JENIS_ISI[format])
        else:
            potongan = csv_baris(jejak, absolut) if format == "csv" else geojson_potongan(jejak, absolut)
            bytes_ = _kirim_sambil_simpan(potongan, kunci, gen, jejak) if kunci else (t.encode() for t in potongan)
            response = StreamingHttpResponse(bytes_, content_type=JENIS_ISI[format])
    response["Content-Disposition"] = f'attachment; filename="{nama}.{format}"'
    return response
