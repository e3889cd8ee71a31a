"""Background work of suara warga, through the one task API (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from jembatan.lib.mail import send
from suarawarga.models import LangkahAspirasi


@task()
def kabari_pengirim(langkah_id: int, tautan: str) -> str:
    """Tell the sender of an aspiration about a step, at the address they left (never shown anywhere)."""
    langkah = LangkahAspirasi.objects.select_related("aspirasi__wilayah").filter(pk=langkah_id).first()
    if langkah is None or not langkah.aspirasi.email:
        return "tidak perlu"
    send("aspirasi_langkah", [langkah.aspirasi.email], {"aspirasi": langkah.aspirasi, "langkah": langkah, "tautan": tautan})
    return "terkirim"
