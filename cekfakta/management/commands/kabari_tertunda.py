"""Tell reporters who were not yet told about a published verdict, or that their message was closed as "bukan
klaim" (e.g. the mail server was down). Run periodically."""

from django.core.management.base import BaseCommand

from cekfakta import layanan
from cekfakta.models import Klaim


class Command(BaseCommand):
    help = "Kirim ulang pemberitahuan putusan (atau penutupan sebagai bukan klaim) kepada pelapor yang belum menerimanya."

    def handle(self, **options):
        told = 0
        untold = [
            Klaim.objects.terbit().filter(laporan__diberi_tahu__isnull=True),
            Klaim.objects.bukan_klaim().filter(laporan__dikabari_ditutup__isnull=True),
        ]
        for klaim in untold:
            for pk in klaim.values_list("pk", flat=True).distinct():
                told += layanan.beri_tahu(pk)
        self.stdout.write(f"{told} pelapor diberi tahu.")
