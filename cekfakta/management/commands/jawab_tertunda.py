"""Send chat replies the provider did not accept yet, and work out messages left unprocessed. Run periodically."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from cekfakta.models import PesanMasuk
from cekfakta.tasks import kirim_balasan, proses_pesan


class Command(BaseCommand):
    help = "Kirim ulang balasan WhatsApp/Telegram yang belum terkirim dan proses pesan yang tertinggal."

    def handle(self, **options):
        lama = timezone.now() - timedelta(minutes=2)
        tertinggal = PesanMasuk.objects.filter(diproses__isnull=True, diterima__lt=lama).values_list("pk", flat=True)
        belum = (
            PesanMasuk.objects.filter(diproses__isnull=False, dijawab__isnull=True)
            .exclude(balasan="")
            .values_list("pk", flat=True)
        )
        for pk in tertinggal:
            proses_pesan.call(pk)
        hasil = [kirim_balasan(pk) for pk in belum]
        self.stdout.write(
            f"{len(tertinggal)} pesan diproses; {hasil.count('dijawab')} dari {len(hasil)} balasan tertunda terkirim."
        )
