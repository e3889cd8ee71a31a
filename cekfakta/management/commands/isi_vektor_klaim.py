from django.core.management.base import BaseCommand

from cekfakta.models import Klaim


class Command(BaseCommand):
    help = "Hitung vektor makna klaim yang belum punya (setelah pembaruan versi atau impor lama)."

    def handle(self, **options):
        n = Klaim.objects.all().isi_vektor()
        self.stdout.write(f"{n} klaim dihitung vektornya.")
