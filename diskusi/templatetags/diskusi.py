"""`{% komentar_untuk obj %}`: the comments under any public page, and the form to add one."""

from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

from diskusi import komentar_publik
from diskusi.forms import KomentarForm
from diskusi.models import Komentar, Status

register = template.Library()


@register.inclusion_tag("diskusi/_komentar.html", takes_context=True)
def komentar_untuk(context, obj):
    """The shown thread of `obj` and the form, with the visitor's own comments still waiting for moderation.

    Those come from the signed cookie their browser got when posting: a page rendered with them is personal,
    and the page cache never stores or serves pages to a visitor who carries that cookie
    (JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES), so nobody else ever sees them."""
    request = context.get("request")
    balas = komentar_publik.induk_balasan(obj, _angka(request.GET.get("balas")) if request else None)
    terbuka = komentar_publik.boleh_komentar(obj)
    menunggu = set(context.get("komentar_menunggu", frozenset()))
    if request is not None and komentar_publik.KUKI_MENUNGGU in request.COOKIES:
        milik = komentar_publik.id_kuki_menunggu(request)
        menunggu |= set(Komentar.objects.untuk(obj).filter(pk__in=milik, status=Status.MENUNGGU).values_list("pk", flat=True))
    return {
        "objek": obj,
        "utas": komentar_publik.utas(obj, frozenset(menunggu), komentar_publik.batas_tanggapan(obj)),
        "sikap": komentar_publik.jumlah_sikap(obj) if komentar_publik.minta_sikap(obj) else None,
        "jumlah_menunggu": len(menunggu),
        "jumlah": Komentar.objects.untuk(obj).tampil().count(),
        "terbuka": terbuka,
        "form": KomentarForm(objek=obj, balas=balas) if terbuka else None,
        "balas": balas,
        "request": request,
    }


def _angka(nilai: str | None) -> int | None:
    """A comment id from `?balas=`, or None. Anyone can type the address: "²" passes `isdigit()` but not `int()`."""
    try:
        angka = int(nilai or "")
    except ValueError:
        return None
    return angka if angka > 0 else None


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
