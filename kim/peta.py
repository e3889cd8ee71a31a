"""The regency map as inline SVG, drawn on the server from outlines stored at import.

No tiles, no script: each village is a link coloured by its KIM stage with a <title> that
browsers show on hover. Regions without an outline fall back to a dot at their centroid.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kim.models import Tahap
from wilayah.models import Tipe


def proyeksi_titik(points: list[tuple[float, float]], lebar: int = 1000):
    """A projection fitted to the points (lng, lat) and its viewBox, for a map drawn without stored outlines."""
    lngs = [p[0] for p in points]
    lats = [p[1] for p in points]
    minx, maxx, miny, maxy = min(lngs), max(lngs), min(lats), max(lats)
    kx = math.cos(math.radians((miny + maxy) / 2))
    span = max((maxx - minx) * kx, maxy - miny, 1e-6)
    skala = (lebar - 40) / span
    tinggi = math.ceil((maxy - miny) * skala) + 40
    return (lambda lng, lat: (20 + (lng - minx) * kx * skala, 20 + (maxy - lat) * skala)), f"0 0 {lebar} {tinggi}"


def peta_svg(
    viewbox: str,
    desa: Iterable,
    kecamatan: Iterable = (),
    *,
    label: str,
    sorot: str | None = None,
) -> SafeString:
    """Render villages (objects with kode, nama, tipe display, peta_svg, lat, lng, tahap)
    and kecamatan outlines. `sorot` outlines one kecamatan's villages more strongly."""
    desa = list(desa)
    kecamatan = list(kecamatan)
    proj = None
    if not viewbox or any(not d.peta_svg for d in desa):
        pts = [(d.lng, d.lat) for d in desa if d.lat is not None and d.lng is not None]
        if pts:
            proj, fallback_box = proyeksi_titik(pts)
            if not viewbox:
                viewbox = fallback_box
    parts = [
        f'<svg class="peta" viewBox="{viewbox}" role="group" aria-labelledby="peta-judul" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="peta-judul">{escape(label)}</title>'
    ]
    # Labels resolved once per call, not once per village (translation lookups add up).
    label_tahap = {t.value: str(t.label) for t in Tahap}
    label_tipe = {t.value: str(t.label) for t in Tipe}
    for d in desa:
        tahap = d.tahap or Tahap.BELUM_ADA
        title = f"{label_tipe.get(d.tipe, d.tipe)} {d.nama} — {label_tahap[tahap]}"
        cls = f"t-{tahap}" + (" redup" if sorot and d.parent_id != sorot else "")
        attrs = f'class="{cls}" data-kode="{d.kode}"'
        if d.peta_svg:
            shape = f'<path {attrs} d="{d.peta_svg}">'
        elif proj and d.lat is not None:
            x, y = proj(d.lng, d.lat)
            shape = f'<circle {attrs} cx="{x:.0f}" cy="{y:.0f}" r="7">'
        else:
            continue
        parts.append(f'<a href="/wilayah/{d.kode}/">{shape}<title>{escape(title)}</title></{shape[1 : shape.index(" ")]}></a>')
    for k in kecamatan:
        if k.peta_svg:
            parts.append(f'<path class="kec" d="{k.peta_svg}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


LEGENDA = [(t.value, t.label) for t in Tahap]
