"""Background work of the comments, through the one task API (django-tasks)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from diskusi.models import Komentar, Status
from jembatan.lib.mail import send


@task()
def kabari_balasan(komentar_id: int, tautan: str) -> str:
    """Tell the author of the parent comment about a shown reply, once, when they asked to be told.

    The reply is claimed before sending, so a retried task never mails twice; a failed send releases it."""
    if not Komentar.objects.filter(pk=komentar_id, diberi_tahu__isnull=True).update(diberi_tahu=timezone.now()):
        return "sudah"
    balasan = Komentar.objects.select_related("parent").get(pk=komentar_id)
    induk = balasan.parent
    if (
        induk is None
        or balasan.status != Status.TAMPIL
        or induk.status != Status.TAMPIL
        or not (induk.kabari and induk.email)
        or induk.email.lower() == balasan.email.lower()
    ):
        return "tidak perlu"
    try:
        # The replier's email never goes into this message: only their name and what they wrote.
        send("balasan_komentar", [induk.email], {"induk": induk, "balasan": balasan, "objek": balasan.objek, "tautan": tautan})
    except Exception:
        Komentar.objects.filter(pk=komentar_id).update(diberi_tahu=None)
        raise
    return "terkirim"
