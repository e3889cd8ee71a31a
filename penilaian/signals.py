"""Retire cached public pages when what they show of activities and levels changes (the village page lists a
KIM's recent activities and, when published, its level)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jembatan.lib.pagecache import invalidate
from penilaian.models import FotoKegiatan, Kegiatan, Pengaturan


@receiver([post_save, post_delete], sender=Kegiatan)
@receiver([post_save, post_delete], sender=FotoKegiatan)
@receiver([post_save, post_delete], sender=Pengaturan)
def _berubah(sender, instance, **kwargs):
    invalidate()
    transaction.on_commit(invalidate)  # again once committed: a page rendered meanwhile cached the old state
