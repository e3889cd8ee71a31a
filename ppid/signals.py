"""Retire cached public pages when a Daftar Informasi Publik entry changes (the PPID pages show it)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jembatan.lib.pagecache import invalidate
from ppid.models import Informasi


@receiver([post_save, post_delete], sender=Informasi)
def _informasi_berubah(sender, instance, **kwargs):
    invalidate()
    transaction.on_commit(invalidate)  # again once committed: a page rendered meanwhile cached the old list
