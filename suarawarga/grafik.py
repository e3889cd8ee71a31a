"""The poll's result as a server-drawn SVG bar chart: no script, no stylesheet (presentation attributes, which
the strict CSP allows), a few hundred bytes."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from suarawarga.models import HasilOpsi

LEBAR = 600
TINGGI_BARIS = 44


def grafik_batang(hasil: list[HasilOpsi], total: int) -> SafeString:
    """One bar per option, its label above it and "n suara (p%)" beside it; the title says how many voted."""
    tinggi = TINGGI_BARIS * len(hasil) + 8
    judul = escape(_("Hasil jajak pendapat: %(n)s pemilih") % {"n": total})
    baris = []
    for i, h in enumerate(hasil):
        y = i * TINGGI_BARIS
        lebar = round(h.persen * 4.2, 1)  # 100 % is 420 of the 600 units; the rest holds the figures
        angka = escape(_("%(n)s suara (%(p)s%%)") % {"n": h.jumlah, "p": f"{h.persen:.0f}"})
        baris.append(
            f'<text x="0" y="{y + 14}" font-size="15">{escape(h.opsi.teks)}</text>'
            f'<rect x="0" y="{y + 20}" width="{lebar}" height="16" rx="2" fill="#1b6e53"/>'
            f'<text x="{lebar + 6}" y="{y + 33}" font-size="14">{angka}</text>'
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {tinggi}" role="img" aria-labelledby="grafik-judul" class="grafik">'
        f'<title id="grafik-judul">{judul}</title>{"".join(baris)}</svg>'
    )
