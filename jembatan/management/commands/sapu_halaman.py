"""Page files older than the page cache's time limit removed, as Redis expires its entries (jembatan.lib.pagefiles)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from jembatan.lib import pagefiles


class Command(BaseCommand):
    help = (
        "Hapus berkas halaman (JEMBATAN_HALAMAN_BERKAS) yang lebih tua dari JEMBATAN_PAGE_CACHE_SECONDS "
        "dan direktori generasi yang tidak lagi ditautkan."
    )

    def handle(self, **options):
        root = settings.JEMBATAN_HALAMAN_BERKAS
        if not root:
            self.stdout.write("JEMBATAN_HALAMAN_BERKAS kosong: tidak ada berkas halaman.")
            return
        umur = settings.JEMBATAN_PAGE_CACHE_SECONDS
        berkas, generasi = pagefiles.sweep(root, umur)
        self.stdout.write(f"{berkas} berkas halaman lebih tua dari {umur} detik dan {generasi} direktori generasi lama dihapus.")
