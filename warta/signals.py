"""Retire cached public pages when published news changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jembatan.lib.pagecache import invalidate
from warta.models import Berita, Foto, Pembaruan, Ralat


@receiver([post_save, post_delete], sender=Berita)
@receiver([post_save, post_delete], sender=Foto)
@receiver([post_save, post_delete], sender=Ralat)
@receiver([post_save, post_delete], sender=Pembaruan)
def _warta_berubah(sender, instance, **kwargs):
    berita = instance if sender is Berita else instance.berita
    if sender is Berita and kwargs.get("signal") is post_save:
        from warta.cari import perbarui_vektor

        perbarui_vektor(berita.pk)
    if berita.terbit_pada is not None:
        invalidate()
        transaction.on_commit(invalidate)  # again once committed: a page rendered meanwhile cached the old text
