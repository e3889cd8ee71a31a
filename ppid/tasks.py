"""Background work of the PPID desk, through the one task API (django-tasks)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from akun.models import Peran
from jembatan.lib.mail import send
from ppid.models import JenisKabar, KabarPembantu, Permohonan, nama_ppid

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


@task()
def kabari_pembantu(kabar_id: int) -> str:
    """Tell a PPID Pembantu's active accounts that a request was forwarded to their unit or taken back from it.
    The row is claimed before the mail goes, so a task run twice mails once; a failed send gives the claim back
    for a retry. The mail names what is asked and the deadline, never the requester's identity number or address."""
    if not KabarPembantu.objects.filter(pk=kabar_id, terkirim__isnull=True).update(terkirim=timezone.now()):
        return "sudah"
    kabar = KabarPembantu.objects.select_related("permohonan__wilayah", "pembantu").get(pk=kabar_id)
    if kabar.jenis != JenisKabar.TARIK and kabar.permohonan.pembantu_id != kabar.pembantu_id:
        return "pindah"  # taken back or sent elsewhere before this mail went: the unit has nothing to answer
    kepada = list(
        kabar.pembantu.petugas.filter(is_active=True, peran=Peran.PPID_PEMBANTU).exclude(email="").values_list("email", flat=True)
    )
    if not kepada:
        return "tanpa penerima"
    p = kabar.permohonan
    konteks = {
        "p": p,
        "kabar": kabar,
        "unit": kabar.pembantu.nama_ppid,
        "ppid_utama": nama_ppid(p.wilayah),
        "tautan": settings.SITE_URL + p.get_absolute_url(),
    }
    try:
        send("ppid_pembantu", kepada, konteks)
    except Exception:
        KabarPembantu.objects.filter(pk=kabar_id).update(terkirim=None)
        raise
    return "terkirim"


def kabari_pembantu_tertunda(umur_menit: int = 5) -> int:
    """Queue again every unit e-mail owed for more than `umur_menit` minutes and not sent (its send failed and gave
    the claim back, or the queue lost the task); returns how many. Run periodically."""
    batas = timezone.now() - timedelta(minutes=umur_menit)
    ids = list(KabarPembantu.objects.filter(terkirim__isnull=True, dibuat__lt=batas).values_list("pk", flat=True))
    for pk in ids:
        kabari_pembantu.enqueue(pk)
    return len(ids)
