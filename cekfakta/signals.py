"""Retire cached public pages when a verdict or its references change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cekfakta.models import Klaim, Referensi
from jembatan.lib.pagecache import invalidate


@receiver([post_save, post_delete], sender=Klaim)
@receiver([post_save, post_delete], sender=Referensi)
def _putusan_berubah(sender, instance, **kwargs):
    klaim = instance if sender is Klaim else instance.klaim
    # Open claims are not public: a new report must not empty the whole page cache.
    if klaim.diterbitkan is not None or kwargs.get("signal") is post_delete:
        invalidate()
