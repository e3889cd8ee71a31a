"""Background work of the PPID desk, through the one task API (django-tasks)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from jembatan.lib.mail import send
from ppid.models import Permohonan, nama_ppid

LANGKAH = ("diterima", "diperpanjang", "dijawab", "keberatan", "tanggapan")


@task()
def kabari_pemohon(permohonan_id: int, langkah: str) -> str:
    """Tell the requester, when they gave an e-mail, that their request moved one step (`LANGKAH`)."""
    if langkah not in LANGKAH:
        raise ValueError(f"unknown step {langkah!r}")
    p = Permohonan.objects.select_related("wilayah").filter(pk=permohonan_id).first()
    if p is None or not p.email:
        return "tanpa e-mail"
    konteks = {
        "p": p,
        "langkah": langkah,
        "ppid": nama_ppid(p.wilayah),
        "keberatan": getattr(p, "keberatan", None),
        "tautan": settings.SITE_URL + p.get_tracking_url(),
    }
    send("ppid_kabar", [p.email], konteks)
    return "terkirim"
