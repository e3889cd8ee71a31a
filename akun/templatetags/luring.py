from django import template

from akun.luring import tanda_akun as _tanda_akun

register = template.Library()


@register.simple_tag(takes_context=True)
def tanda_akun(context) -> str:
    """The account a page is made for, as the offline worker and page script name it (akun.luring)."""
    request = context.get("request")
    return _tanda_akun(request.user) if request is not None and hasattr(request, "user") else ""
