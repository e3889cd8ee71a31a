from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cekfakta.claimreview import ClaimReviewError, impor


class Command(BaseCommand):
    help = "Impor putusan cek fakta dari berkas JSON schema.org ClaimReview (larik atau DataFeed)."

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--sumber", default="", help="nama pemeriksa fakta bila butir tidak menyebut author")

    def handle(self, berkas, sumber, **options):
        try:
            hasil = impor(Path(berkas).read_bytes(), sumber_bawaan=sumber)
        except (OSError, ClaimReviewError) as e:
            raise CommandError(f"{berkas}: {e}. Tidak ada yang diimpor.") from None
        self.stdout.write(self.style.SUCCESS(f"ClaimReview: {hasil.ringkasan()}"))
        for alasan in hasil.ditolak:
            self.stdout.write(self.style.WARNING(f"  {alasan}"))
