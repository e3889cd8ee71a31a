"""Retire cached public pages when what they show changes: a Daftar Informasi Publik entry (the PPID pages), and a
request, its objection or its files (the requester's tracking page, cached like every public page)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jembatan.lib.pagecache import invalidate
from ppid.models import Informasi, Keberatan, Lampiran, Permohonan


@receiver([post_save, post_delete], sender=Informasi)
@receiver([post_save, post_delete], sender=Permohonan)
@receiver([post_save, post_delete], sender=Keberatan)
@receiver([post_save, post_delete], sender=Lampiran)
def _halaman_publik_berubah(sender, instance, **kwargs):
    invalidate()
    transaction.on_commit(invalidate)  # again once committed: a page rendered meanwhile cached the old state
