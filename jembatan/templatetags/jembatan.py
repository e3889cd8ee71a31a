from django import template

from kim.models import Tahap

register = template.Library()


@register.filter
def label_tahap(kode: str | None) -> str:
    """The display label of a KIM stage code; no KIM at all reads as "Belum ada"."""
    try:
        return Tahap(kode or Tahap.BELUM_ADA).label
    except ValueError:
        return str(kode)
