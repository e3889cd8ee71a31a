"""Forget reporters' contacts once the retention period is over (Law 27/2022: keep no longer than needed)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cekfakta.models import Laporan, PesanMasuk


class Command(BaseCommand):
    help = (
        "Hapus email, nomor/chat id dan tangkapan layar pelapor yang lebih tua dari masa simpan (JEMBATAN_CEKFAKTA_RETENSI_HARI)."
    )

    def handle(self, **options):
        batas = timezone.now() - timedelta(days=settings.JEMBATAN_CEKFAKTA_RETENSI_HARI)
        laporan = (
            Laporan.objects.filter(dibuat__lt=batas).exclude(email="", kontak_saluran="").update(email="", kontak_saluran="")
        )
        pesan = PesanMasuk.objects.filter(diterima__lt=batas).exclude(pengirim="").update(pengirim="")
        # Screenshots may show names and numbers too: the picture goes, its fingerprint (for matching) stays.
        gambar = 0
        for lama in Laporan.objects.filter(dibuat__lt=batas).exclude(gambar=""):
            lama.gambar.delete(save=False)
            Laporan.objects.filter(pk=lama.pk).update(gambar="")
            gambar += 1
        self.stdout.write(
            f"Kontak dihapus dari {laporan} laporan dan {pesan} pesan masuk; {gambar} tangkapan layar dihapus "
            f"(lebih tua dari {batas:%Y-%m-%d})."
        )
