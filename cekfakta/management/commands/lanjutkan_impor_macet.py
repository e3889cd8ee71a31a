"""Continue ClaimReview imports whose background worker stopped. Run it periodically (every 10 minutes):

    */10 * * * *  cd /srv/jembatan && .venv/bin/python manage.py lanjutkan_impor_macet

An import that stored nothing for ten minutes has its unfinished parts queued again; after three such tries in a
row it fails and its admin page says to look at the worker. A part queued twice is stored once.
"""

from django.core.management.base import BaseCommand

from cekfakta.claimreview import lanjutkan_yang_macet


class Command(BaseCommand):
    help = "Lanjutkan impor ClaimReview yang tidak maju karena pekerja latar belakangnya berhenti."

    def handle(self, *args, **options):
        dilanjutkan, bagian, berhenti = lanjutkan_yang_macet()
        self.stdout.write(f"{dilanjutkan} impor dilanjutkan ({bagian} bagian diantrekan lagi), {berhenti} impor dihentikan.")
