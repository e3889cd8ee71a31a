"""The maklumat pelayanan on the PPID's public page, without changing that page's view."""

from django import template

from ppid.models_maklumat import Maklumat

register = template.Library()


@register.inclusion_tag("ppid/maklumat_ringkas.html")
def maklumat_ringkas(badan):
    return {"m": Maklumat.objects.filter(wilayah=badan).first(), "badan": badan}
