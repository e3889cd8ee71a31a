import uuid

from django import template
from django.utils.html import format_html

from akun.sekali import FIELD

register = template.Library()


@register.simple_tag
def kunci_kirim() -> str:
    """The hidden idempotency key of a form that must be stored once however often it is delivered."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4().hex)
