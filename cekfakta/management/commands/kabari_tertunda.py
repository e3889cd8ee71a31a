"""Tell reporters who were not yet told about a published verdict, or that their message was closed as "bukan
klaim" (e.g. the mail server was down). Run periodically."""

from django.core.management.base import BaseCommand

from cekfakta import layanan
from cekfakta.models import Klaim


class Command(BaseCommand):
    help = "Kirim ulang pemberitahuan putusan (atau penutupan sebagai bukan klaim) kepada pelapor yang belum menerimanya."

    def handle(self, **options):
        told = 0
        for klaim in (Klaim.objects.terbit(), Klaim.objects.bukan_klaim()):
            for pk in klaim.filter(laporan__diberi_tahu__isnull=True).values_list("pk", flat=True).distinct():
                told += layanan.beri_tahu(pk)
        self.stdout.write(f"{told} pelapor diberi tahu.")
