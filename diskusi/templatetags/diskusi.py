"""`{% komentar_untuk obj %}`: the comments under any public page, and the form to add one."""

from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

from diskusi import komentar_publik
from diskusi.forms import KomentarForm
from diskusi.models import Komentar

register = template.Library()


@register.inclusion_tag("diskusi/_komentar.html", takes_context=True)
def komentar_untuk(context, obj):
    """The shown thread of `obj` and the form. Safe on cached pages: what it renders depends only on the
    object and the address (`?balas=`), never on the visitor's session or cookies. Only the uncached page
    of a held comment passes `komentar_menunggu` (ids) to show it to its author."""
    request = context.get("request")
    balas = komentar_publik.induk_balasan(obj, _angka(request.GET.get("balas")) if request else None)
    terbuka = komentar_publik.boleh_komentar(obj)
    return {
        "objek": obj,
        "utas": komentar_publik.utas(obj, context.get("komentar_menunggu", frozenset())),
        "jumlah": Komentar.objects.untuk(obj).tampil().count(),
        "terbuka": terbuka,
        "form": KomentarForm(objek=obj, balas=balas) if terbuka else None,
        "balas": balas,
        "request": request,
    }


def _angka(nilai):
    return int(nilai) if nilai and nilai.isdigit() else None


@register.filter
def teks_komentar(isi: str) -> SafeString:
    """A comment as HTML: escaped, paragraphs and line breaks kept, web links clickable but marked as
    user content that passes no ranking and no opener."""
    html = urlize(isi, trim_url_limit=60, nofollow=True, autoescape=True)
    # Only anchors urlize made carry this attribute: any quote typed by the user is already escaped.
    html = html.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(html))


@register.filter
def teks_polos(isi: str) -> SafeString:
    """A held comment shown to its author: escaped, no clickable links (it has not been checked yet)."""
    return mark_safe(linebreaks(isi, autoescape=True))
