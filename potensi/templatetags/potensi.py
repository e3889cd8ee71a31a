"""`{% peta_pilih_titik form %}`: the village map on the item form, where a click sets the point.

Drawn on the server (the outlines of the villages the writer may choose, in the regency map's projection) and
hidden until the page's script shows it: without JavaScript the typed coordinates are the way in."""

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wilayah.impor import Proyeksi, poligon_svg
from wilayah.models import Wilayah

register = template.Library()


def _angka(nilai) -> float | None:
    try:
        return float(nilai)
    except (TypeError, ValueError):
        return None


@register.simple_tag
def peta_pilih_titik(form) -> SafeString:
    """The map for `form`'s village choices and point; empty when the regency's outlines were not imported."""
    batas = Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).values_list("peta_batas", flat=True).first()
    proyeksi = Proyeksi.dari_batas(batas or "")
    if proyeksi is None:
        return mark_safe("")
    pilihan = form.fields["wilayah"].queryset
    desa = list(Wilayah.objects.filter(pk__in=pilihan.values("pk")).only("kode", "lat", "lng", "peta_svg").order_by())
    desa = [d for d in desa if d.peta_svg]
    if not desa:
        return mark_safe("")
    kode = str(form["wilayah"].value() or "")
    terpilih = next((d for d in desa if d.kode == kode), desa[0] if len(desa) == 1 else None)
    # The view opens on the chosen village (the script re-fits it when another is chosen), else on all of them.
    fokus = [terpilih] if terpilih else desa
    x0, y0, x1, y1 = _batas([poligon_svg(d.peta_svg).bounds for d in fokus])
    tepi = max(x1 - x0, y1 - y0, 10) * 0.15
    viewbox = f"{x0 - tepi:.0f} {y0 - tepi:.0f} {x1 - x0 + 2 * tepi:.0f} {y1 - y0 + 2 * tepi:.0f}"
    lat, lng = _angka(form["lat"].value()), _angka(form["lng"].value())
    if (lat is None or lng is None) and terpilih is not None:
        lat, lng = terpilih.lat, terpilih.lng  # an item without a point sits at its village's centre
    parts = [
        f'<svg class="peta peta-potensi pilih-titik" viewBox="{viewbox}" role="group" aria-labelledby="pilih-titik-judul" '
        f'data-awal="{terpilih.kode if terpilih else ""}" '
        f'data-proyeksi="{proyeksi.minx!r} {proyeksi.maxy!r} {proyeksi.kx!r} {proyeksi.skala!r}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="pilih-titik-judul">{escape(_("Peta desa: klik untuk memilih titik lokasi"))}</title>'
    ]
    for d in desa:
        pusat = ""
        if d.lat is not None and d.lng is not None:
            x, y = proyeksi(d.lng, d.lat)
            # Drawn, and as coordinates: the arrow keys move a point from there in metres.
            pusat = f' data-pusat="{x:.1f} {y:.1f}" data-pusat-ll="{d.lat!r} {d.lng!r}"'
        kelas = "desa dipilih" if d is terpilih else "desa"
        parts.append(f'<path class="{kelas}" data-kode="{d.kode}"{pusat} d="{d.peta_svg}"/>')
    r = max(x1 - x0, y1 - y0, 10) / 50
    if lat is not None and lng is not None:
        x, y = proyeksi(lng, lat)
        parts.append(f'<circle class="pilihan" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>')
    else:
        parts.append(f'<circle class="pilihan" cx="0" cy="0" r="{r:.1f}" visibility="hidden"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _batas(kotak: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return min(k[0] for k in kotak), min(k[1] for k in kotak), max(k[2] for k in kotak), max(k[3] for k in kotak)
