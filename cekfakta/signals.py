"""Retire cached public pages when a verdict or its references change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cekfakta.models import Klaim, Referensi
from jembatan.lib.pagecache import invalidate


@receiver([post_save, post_delete], sender=Klaim)
@receiver([post_save, post_delete], sender=Referensi)
def _putusan_berubah(sender, instance, **kwargs):
    if kwargs.get("signal") is post_delete:
        # Without reading the claim: when a claim and its references are deleted together, it may be gone already.
        invalidate()
        return
    klaim = instance if sender is Klaim else instance.klaim
    # Open claims are not public: a new report must not empty the whole page cache.
    if klaim.diterbitkan is not None:
        invalidate()
