"""Retire cached public pages when a published item (or one of its photos) changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jembatan.lib.pagecache import invalidate
from potensi.models import FotoPotensi, JenisPotensi, Potensi


@receiver([post_save, post_delete], sender=Potensi)
@receiver([post_save, post_delete], sender=FotoPotensi)
def _potensi_berubah(sender, instance, **kwargs):
    potensi = instance if sender is Potensi else instance.potensi
    if sender is Potensi and kwargs.get("signal") is post_save:
        from potensi.cari import perbarui_vektor  # cari imports the models this module is loaded beside

        perbarui_vektor(potensi.pk)
    if potensi.terbit_pada is not None:
        invalidate()
        transaction.on_commit(invalidate)  # again once committed: a page rendered meanwhile cached the old text


@receiver([post_save, post_delete], sender=JenisPotensi)
def _jenis_berubah(sender, instance, **kwargs):
    invalidate()  # the catalogue's filter lists every kind
