"""Reading the Kemendagri region table and the regency's boundaries into the database.

Both importers validate the whole input before writing anything, then write in one
transaction: a corrupt or truncated file stops with its line number and changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from jembatan.lib.pagecache import invalidate
from jembatan.lib.progress import Progress
from wilayah.models import Impor, Tipe, Wilayah, level_dari_kode, tipe_dari_kode

KOLOM = ["kode", "parent_kode", "level", "tipe", "nama", "kode_pos", "lat", "lng"]
_KODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_TIPE_PER_LEVEL = {
    1: {Tipe.PROVINSI},
    2: {Tipe.KABUPATEN, Tipe.KOTA},
    3: {Tipe.KECAMATAN},
    4: {Tipe.DESA, Tipe.KELURAHAN, Tipe.DESA_ADAT},
}
_FIELDS = ["parent_id", "level", "tipe", "nama", "kode_pos", "lat", "lng", "provinsi_kode", "kabupaten_kode", "berlaku"]
BATCH = 5000


class ImporError(Exception):
    """The input cannot be imported; the message names the line."""


@dataclass
class Hasil:
    baris: int
    baru: int
    diubah: int
    tidak_berlaku: int
    dilewati: bool = False


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _float(value: str, lineno: int, name: str) -> float | None:
    if value == "":
        return None
    try:
        result = float(value)
    except ValueError:
        raise ImporError(f"baris {lineno}: {name} bukan angka: {value!r}") from None
    if not math.isfinite(result):
        raise ImporError(f"baris {lineno}: {name} bukan angka: {value!r}")
    return result


def baca_csv(path: Path) -> list[tuple]:
    """Parse and validate every row; returns tuples in the order of _FIELDS plus the code first."""
    rows: list[tuple] = []
    seen: set[str] = set()
    if not Path(path).is_file():
        raise ImporError(f"berkas tidak ditemukan: {path}")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except (StopIteration, UnicodeDecodeError, csv.Error):
            raise ImporError("baris 1: berkas kosong atau bukan CSV") from None
        if header != KOLOM:
            raise ImporError(f"baris 1: kolom harus {','.join(KOLOM)}")
        try:
            for row in reader:
                lineno = reader.line_num
                rows.append(_baris(row, lineno, seen))
        except (UnicodeDecodeError, csv.Error) as e:
            raise ImporError(f"baris {reader.line_num + 1}: tidak dapat dibaca ({e})") from None
    if not rows:
        raise ImporError("berkas tidak berisi satu wilayah pun")
    return rows


def _baris(row: list[str], lineno: int, seen: set[str]) -> tuple:
    if len(row) != len(KOLOM):
        raise ImporError(f"baris {lineno}: ada {len(row)} kolom, seharusnya {len(KOLOM)} (berkas terpotong?)")
    kode, parent, level, tipe, nama, kode_pos, lat, lng = (v.strip() for v in row)
    if not _KODE_RE.match(kode):
        raise ImporError(f"baris {lineno}: kode tidak sah: {kode!r}")
    if kode in seen:
        raise ImporError(f"baris {lineno}: kode {kode} muncul dua kali")
    lvl = level_dari_kode(kode)
    if level != str(lvl):
        raise ImporError(f"baris {lineno}: tingkat {level!r} tidak cocok dengan kode {kode}")
    expected_parent = kode.rsplit(".", 1)[0] if lvl > 1 else ""
    if parent != expected_parent:
        raise ImporError(f"baris {lineno}: induk {parent!r} tidak cocok dengan kode {kode}")
    if parent and parent not in seen:
        raise ImporError(f"baris {lineno}: induk {parent} belum didefinisikan sebelum {kode}")
    if tipe not in _TIPE_PER_LEVEL[lvl]:
        raise ImporError(f"baris {lineno}: jenis {tipe!r} tidak sah untuk tingkat {lvl}")
    if lvl == 4 and tipe != tipe_dari_kode(kode):
        raise ImporError(f"baris {lineno}: jenis {tipe} tidak cocok dengan kode {kode}")
    if not nama:
        raise ImporError(f"baris {lineno}: nama kosong")
    if kode_pos and not (kode_pos.isdigit() and len(kode_pos) == 5):
        raise ImporError(f"baris {lineno}: kode pos tidak sah: {kode_pos!r}")
    seen.add(kode)
    kabupaten = kode[:5] if lvl >= 2 else ""
    return (
        kode,
        parent or None,
        lvl,
        tipe,
        nama[:100],
        kode_pos,
        _float(lat, lineno, "lat"),
        _float(lng, lineno, "lng"),
        kode[:2],
        kabupaten,
        True,
    )


def impor_wilayah(path: Path, *, paksa: bool = False, progres: bool = True) -> Hasil:
    """Import (or re-import) the national table: new codes added, changed names updated,
    codes missing from the file marked no longer current. Unchanged files are skipped."""
    path = Path(path)
    digest = sha256_berkas(path)
    if not paksa and Impor.objects.filter(jenis="wilayah", sha256=digest).exists():
        return Hasil(baris=Wilayah.objects.count(), baru=0, diubah=0, tidak_berlaku=0, dilewati=True)

    rows = baca_csv(path)
    bar = Progress("Impor wilayah", len(rows), enabled=progres)
    with transaction.atomic():
        existing = {r[0]: r[1:] for r in Wilayah.objects.values_list("kode", *_FIELDS).iterator(chunk_size=10000)}
        baru: list[Wilayah] = []
        diubah: list[Wilayah] = []
        for row in rows:
            kode, values = row[0], row[1:]
            old = existing.pop(kode, None)
            if old is None:
                baru.append(Wilayah(kode=kode, **dict(zip(_FIELDS, values, strict=True))))
            elif tuple(old) != values:
                diubah.append(Wilayah(kode=kode, **dict(zip(_FIELDS, values, strict=True))))
        for start in range(0, len(baru), BATCH):
            Wilayah.objects.bulk_create(baru[start : start + BATCH], batch_size=BATCH)
            bar.update(len(baru[start : start + BATCH]))
        for start in range(0, len(diubah), 1000):
            Wilayah.objects.bulk_update(diubah[start : start + 1000], _FIELDS, batch_size=1000)
            bar.update(len(diubah[start : start + 1000]))
        bar.update(len(rows) - len(baru) - len(diubah))
        hilang = [k for k, v in existing.items() if v[-1]]
        for start in range(0, len(hilang), 1000):
            Wilayah.objects.filter(kode__in=hilang[start : start + 1000]).update(berlaku=False)
        Impor.objects.create(
            jenis="wilayah",
            berkas=path.name,
            sha256=digest,
            baris=len(rows),
            jumlah_baru=len(baru),
            jumlah_diubah=len(diubah),
        )
    bar.close()
    invalidate()  # names and villages show on cached pages, and on what is kept per page-cache generation
    return Hasil(baris=len(rows), baru=len(baru), diubah=len(diubah), tidak_berlaku=len(hilang))


# --- Boundaries -------------------------------------------------------------------------------

PETA_LEBAR = 1000  # SVG units across the kabupaten; 1 unit is about 70 m for Tapin
PETA_TOLERANSI = 0.6  # simplification tolerance, in SVG units


class Proyeksi:
    """Equirectangular projection of a kabupaten's bounding box onto an SVG canvas."""

    def __init__(self, minx: float, miny: float, maxx: float, maxy: float, lebar: int = PETA_LEBAR):
        self.batas = f"{minx!r} {miny!r} {maxx!r} {maxy!r}"
        self.minx, self.maxy = minx, maxy
        self.kx = math.cos(math.radians((miny + maxy) / 2))
        self.skala = lebar / ((maxx - minx) * self.kx)
        self.lebar = lebar
        self.tinggi = math.ceil((maxy - miny) * self.skala)

    def __call__(self, lng: float, lat: float) -> tuple[float, float]:
        return (lng - self.minx) * self.kx * self.skala, (self.maxy - lat) * self.skala

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.lebar} {self.tinggi}"

    @classmethod
    def dari_batas(cls, batas: str) -> Proyeksi | None:
        """The projection a kabupaten's map was drawn in, from its stored `peta_batas`; None before its
        boundaries were imported."""
        try:
            minx, miny, maxx, maxy = (float(x) for x in batas.split())
        except ValueError:
            return None
        return cls(minx, miny, maxx, maxy)


def _geojson(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ImporError(f"{Path(path).name}: bukan GeoJSON yang sah ({e})") from None
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ImporError(f"{Path(path).name}: harus FeatureCollection")
    return data


def svg_path(geometry: dict, proyeksi: Proyeksi) -> str:
    """The geometry projected, simplified once and written as a compact SVG path."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    def project(coords):
        x, y = proyeksi(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    geom = shapely.transform(shape(geometry), project)
    geom = geom.simplify(PETA_TOLERANSI, preserve_topology=True)
    polygons = getattr(geom, "geoms", [geom])
    parts: list[str] = []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            pts: list[tuple[int, int]] = []
            for x, y in ring.coords[:-1]:
                p = (round(x), round(y))
                if not pts or pts[-1] != p:
                    pts.append(p)
            if len(pts) < 3:
                continue
            x0, y0 = pts[0]
            seg = [f"M{x0} {y0}"]
            for x, y in pts[1:]:
                seg.append(f"l{x - x0} {y - y0}")
                x0, y0 = x, y
            parts.append("".join(seg).replace(" -", "-") + "z")
    return "".join(parts)


_LANGKAH_SVG = re.compile(r"([Ml])(-?\d+) ?(-?\d+)")


def poligon_svg(d: str):
    """The area of a path written by `svg_path` (rings of M/l steps closed by z), in map units, to test points
    against. Rings are combined even-odd, as the map fills them: a hole is a ring inside another."""
    from shapely.geometry import Polygon

    area = None
    for cincin in d.split("z"):
        titik, x, y = [], 0, 0
        for perintah, a, b in _LANGKAH_SVG.findall(cincin):
            x, y = (int(a), int(b)) if perintah == "M" else (x + int(a), y + int(b))
            titik.append((x, y))
        if len(titik) >= 3:
            bentuk = Polygon(titik).buffer(0)  # a simplified ring may touch itself; buffer(0) makes it valid
            area = bentuk if area is None else area.symmetric_difference(bentuk)
    return area


def impor_batas(kabupaten_kode: str, berkas: list[Path], *, progres: bool = True) -> int:
    """Store simplified SVG outlines for the kabupaten and the regions in the given GeoJSON files.

    The projection is fitted to the kabupaten's own outline (the file whose features carry
    its code). Returns the number of regions updated."""
    collections = [_geojson(p) for p in berkas]
    features = [f for c in collections for f in c["features"]]
    by_kode: dict[str, dict] = {}
    for i, feature in enumerate(features, 1):
        kode = (feature.get("properties") or {}).get("kode")
        geometry = feature.get("geometry")
        if not kode or not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise ImporError(f"fitur ke-{i}: tanpa kode atau tanpa geometri poligon")
        if kode != kabupaten_kode and not kode.startswith(kabupaten_kode + "."):
            raise ImporError(f"fitur ke-{i}: {kode} bukan bagian dari {kabupaten_kode}")
        by_kode[kode] = geometry
    if kabupaten_kode not in by_kode:
        raise ImporError(f"batas kabupaten {kabupaten_kode} sendiri tidak ada di berkas")
    from shapely.geometry import shape

    proyeksi = Proyeksi(*shape(by_kode[kabupaten_kode]).bounds)
    known = set(Wilayah.objects.filter(kode__in=list(by_kode)).values_list("kode", flat=True))
    missing = sorted(set(by_kode) - known)
    if missing:
        raise ImporError(f"kode belum ada di tabel wilayah (jalankan impor_wilayah dulu): {', '.join(missing[:5])}")
    bar = Progress("Impor batas", len(by_kode), enabled=progres)
    updates = []
    for kode, geometry in by_kode.items():
        updates.append(Wilayah(kode=kode, peta_svg=svg_path(geometry, proyeksi)))
        bar.update()
    bar.close()
    with transaction.atomic():
        Wilayah.objects.bulk_update(updates, ["peta_svg"], batch_size=500)
        Wilayah.objects.filter(kode=kabupaten_kode).update(peta_viewbox=proyeksi.viewbox, peta_batas=proyeksi.batas)
    invalidate()  # the maps draw these outlines (potensi.peta keeps them per page-cache generation)
    return len(updates)


def berkas_batas_bawaan(data_dir: Path, kabupaten_kode: str) -> list[Path]:
    """The boundary files shipped for a kabupaten, if any (Tapin's are in data/wilayah/)."""
    shipped = {"63.05": "tapin"}
    prefix = shipped.get(kabupaten_kode)
    if not prefix:
        return []
    names = [f"{prefix}_kabupaten.geojson", f"{prefix}_kecamatan.geojson", f"{prefix}_desa_kelurahan.geojson"]
    return [data_dir / "wilayah" / n for n in names if (data_dir / "wilayah" / n).exists()]
