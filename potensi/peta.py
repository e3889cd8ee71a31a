"""The catalogue's map: the regency drawn on the server as inline SVG (the outlines stored at import, in the same
projection), with a point per published item. No tiles, no script.

A private home is never a point of its own: such an item sits on its village's centre (`Potensi.lokasi_publik`).
Items on the same spot of a village become one marker; past MAKS_PENANDA markers every village becomes one marker
with its count, so the map's size follows the number of villages, not of items. A marker of one item links to it,
one of several to the catalogue of that village (with the page's other filters). The SVG is a plain group of links,
not an image: an image's children are presentational and links inside it would be hidden from assistive
technology."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, F, FloatField, Max, Q, When
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jembatan.lib.pagecache import generation, public_page
from kim.peta import proyeksi_titik
from potensi.forms import SaringForm
from potensi.models import Potensi
from wilayah.impor import Proyeksi
from wilayah.models import Level, Wilayah, kabupaten_aktif

# Beyond this many markers the map shows one per village: about 40 bytes each once compressed.
MAKS_PENANDA = 600


@dataclass
class Penanda:
    x: int
    y: int
    desa: str  # village code
    nama_desa: str
    jumlah: int = 0
    # The item, while the marker holds exactly one.
    pk: int = 0
    slug: str = ""
    nama: str = ""


@dataclass
class Latar:
    """What the points are drawn over: the projection, the viewBox, and the outlines (or village dots)."""

    proyeksi: Callable[[float, float], tuple[float, float]]
    viewbox: str
    lebar: float
    tinggi: float
    desa: list[tuple[str, str]]  # (code, path d) or (code, "") for a village drawn as its centre
    kecamatan: list[str]
    pusat: dict[str, tuple[float, float, str]]  # village code → (lat, lng, full name)


# Backgrounds already read, per (page-cache generation, regency, kecamatan, language): the outlines are tens of
# kilobytes that change only with a region import, which starts a new generation as any data change does.
_LATAR: dict[tuple[int, str, str | None, str], Latar | None] = {}


def latar_kabupaten(kecamatan: str | None = None) -> Latar | None:
    """The regency's map (or one kecamatan's villages on it): read once per process and page-cache generation, then
    no query at all."""
    kunci = (generation(), settings.JEMBATAN_KABUPATEN, kecamatan, get_language())
    if kunci not in _LATAR:
        if len(_LATAR) > 64:  # old generations: the kecamatan of one regency times a few languages stay far below
            _LATAR.clear()
        _LATAR[kunci] = _baca_latar(kecamatan)
    return _LATAR[kunci]


def _baca_latar(kecamatan: str | None) -> Latar | None:
    """The background read from the region data: two queries whatever the number of items."""
    kabupaten = Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).only("peta_viewbox", "peta_batas").first()
    wilayah = list(
        Wilayah.objects.filter(
            kabupaten_kode=settings.JEMBATAN_KABUPATEN, level__in=[Level.KECAMATAN, Level.DESA], berlaku=True
        ).only("kode", "nama", "tipe", "level", "parent_id", "lat", "lng", "peta_svg")
    )
    desa = [w for w in wilayah if w.level == Level.DESA]
    pusat = {w.kode: (w.lat, w.lng, w.nama_lengkap) for w in desa if w.lat is not None and w.lng is not None}
    if kabupaten is None or not pusat:
        return None
    tampil = [w for w in desa if kecamatan is None or w.parent_id == kecamatan]
    proyeksi = Proyeksi.dari_batas(kabupaten.peta_batas) if kabupaten.peta_viewbox else None
    if proyeksi is not None:
        return Latar(
            proyeksi=proyeksi,
            viewbox=kabupaten.peta_viewbox,
            lebar=proyeksi.lebar,
            tinggi=proyeksi.tinggi,
            desa=[(w.kode, w.peta_svg) for w in tampil],
            kecamatan=[w.peta_svg for w in wilayah if w.level == Level.KECAMATAN and w.peta_svg],
            pusat=pusat,
        )
    # Outlines not imported: the villages' centres, as the coverage map does.
    proj, viewbox = proyeksi_titik([(lng, lat) for lat, lng, _n in pusat.values()])
    lebar, tinggi = (float(v) for v in viewbox.split()[2:])
    return Latar(proj, viewbox, lebar, tinggi, [(w.kode, "") for w in tampil], [], pusat)


def penanda(tempat, latar: Latar) -> list[Penanda]:
    """Markers for rows of (wilayah_id, lat, lng, jumlah, pk, slug, nama): the items of a village at one point, lat
    and lng None for those shown at its centre, pk/slug/nama those of the item when jumlah is 1 (`_tempat`)."""
    per_tempat: dict[tuple[str, int, int], Penanda] = {}
    for desa, lat, lng, jumlah, pk, slug, nama in tempat:
        if desa not in latar.pusat:
            continue
        if lat is None or lng is None:
            lat, lng = latar.pusat[desa][:2]  # a private home is shown only as its village
        x, y = latar.proyeksi(lng, lat)
        if not (0 <= x <= latar.lebar and 0 <= y <= latar.tinggi):
            continue  # outside the map (the form refuses such points; older data may have them)
        p = per_tempat.setdefault((desa, round(x), round(y)), Penanda(round(x), round(y), desa, latar.pusat[desa][2]))
        p.jumlah += jumlah
        p.pk, p.slug, p.nama = pk, slug, nama
    if len(per_tempat) <= MAKS_PENANDA:
        return sorted(per_tempat.values(), key=lambda p: (p.y, p.x))
    per_desa: dict[str, Penanda] = {}
    for p in per_tempat.values():
        if p.desa not in per_desa:
            lat, lng, nama_desa = latar.pusat[p.desa]
            x, y = latar.proyeksi(lng, lat)
            per_desa[p.desa] = Penanda(round(x), round(y), p.desa, nama_desa, pk=p.pk, slug=p.slug, nama=p.nama)
        per_desa[p.desa].jumlah += p.jumlah
    return sorted(per_desa.values(), key=lambda p: (p.y, p.x))


def _tempat(qs):
    """The items of `qs` counted per village and point in one grouped query, so the map reads a row per place
    rather than per item (a village's private homes, at its centre, are one row). For a place of one item, Max()
    is that item's own pk, slug and name."""
    publik = Q(lokasi_publik=True)
    return (
        qs.prefetch_related(None)
        .annotate(
            tempat_lat=Case(When(publik, then=F("lat")), default=None, output_field=FloatField()),
            tempat_lng=Case(When(publik, then=F("lng")), default=None, output_field=FloatField()),
        )
        .order_by()
        .values_list("wilayah_id", "tempat_lat", "tempat_lng")
        .annotate(jumlah=Count("pk"), satu_pk=Max("pk"), satu_slug=Max("slug"), satu_nama=Max("nama"))
    )


def peta_potensi(qs, latar: Latar, *, judul: str, saringan: dict[str, str] | None = None) -> SafeString:
    """The map of the items of `qs` (already filtered to what is public) over `latar`. `saringan`: the page's other
    filters, kept in the links of markers that open a village's list."""
    daftar = reverse("potensi:daftar")
    saringan = {k: v for k, v in (saringan or {}).items() if v and k not in ("desa", "kecamatan", "halaman")}
    parts = [
        f'<svg class="peta peta-potensi" viewBox="{latar.viewbox}" role="group" aria-labelledby="peta-potensi-judul" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="peta-potensi-judul">{escape(judul)}</title>'
    ]
    for kode, d in latar.desa:
        if d:
            parts.append(f'<path class="desa" d="{d}"/>')
        elif kode in latar.pusat:
            x, y = latar.proyeksi(latar.pusat[kode][1], latar.pusat[kode][0])
            parts.append(f'<circle class="desa" cx="{x:.0f}" cy="{y:.0f}" r="6"/>')
    parts += [f'<path class="kec" d="{d}"/>' for d in latar.kecamatan]
    for p in penanda(_tempat(qs), latar):
        if p.jumlah == 1:
            href = reverse("potensi:detail", args=[p.pk, p.slug])
            judul_titik = f"{p.nama} — {p.nama_desa}"
            parts.append(
                f'<a href="{href}"><circle class="titik" cx="{p.x}" cy="{p.y}" r="6"/><title>{escape(judul_titik)}</title></a>'
            )
            continue
        href = f"{daftar}?{urlencode({**saringan, 'desa': p.desa})}"
        judul_titik = ngettext("%(n)s potensi di %(desa)s", "%(n)s potensi di %(desa)s", p.jumlah) % {
            "n": p.jumlah,
            "desa": p.nama_desa,
        }
        r = 7 + min(3 * math.log2(p.jumlah), 14)
        parts.append(
            f'<a href="{escape(href)}"><circle class="kumpulan" cx="{p.x}" cy="{p.y}" r="{r:.0f}"/>'
            f'<text x="{p.x}" y="{p.y}">{p.jumlah}</text><title>{escape(judul_titik)}</title></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def judul_peta(wilayah_nama: str) -> str:
    return _("Peta potensi desa di %(nama)s") % {"nama": wilayah_nama}


# --- The map's own page ---------------------------------------------------------------------------


@require_safe
@public_page
def halaman_peta(request):
    """The regency's map of published items, large, with the catalogue's filters."""
    form = SaringForm(request.GET)
    qs = form.saring(Potensi.objects.publik())
    kecamatan = form.cleaned_data.get("kecamatan")
    latar = latar_kabupaten(kecamatan.kode if kecamatan else None)
    nama = kecamatan.nama_lengkap if kecamatan else kabupaten_aktif().nama
    peta = peta_potensi(qs, latar, judul=judul_peta(nama), saringan=request.GET.dict()) if latar else ""
    return render(request, "potensi/peta.html", {"form": form, "peta": peta, "nama": nama, "jumlah": qs.count()})
