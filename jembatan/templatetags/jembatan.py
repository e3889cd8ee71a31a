from django import template

from jembatan.lib.markup import to_html
from kim.models import Tahap

register = template.Library()


@register.filter
def label_tahap(kode: str | None) -> str:
    """The display label of a KIM stage code; no KIM at all reads as "Belum ada"."""
    try:
        return str(Tahap(kode or Tahap.BELUM_ADA).label)
    except ValueError:
        return str(kode)


@register.filter
def markah(teks: str):
    """User-written Markdown as sanitised HTML (see jembatan.lib.markup)."""

    return to_html(teks)


@register.filter
def foto_url(foto, lebar: int) -> str:
    """The JPEG URL of a photo at (at least) `lebar` pixels wide."""
    return foto.url(int(lebar))
