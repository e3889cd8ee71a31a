"""Retire cached public pages whenever data they show changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jembatan.lib.pagecache import invalidate
from kim.models import Kim, Pengurus, RiwayatTahap, TargetCakupan


@receiver([post_save, post_delete], sender=Kim)
@receiver([post_save, post_delete], sender=Pengurus)
@receiver([post_save, post_delete], sender=RiwayatTahap)
@receiver([post_save, post_delete], sender=TargetCakupan)
def _data_kim_berubah(sender, **kwargs):
    invalidate()
