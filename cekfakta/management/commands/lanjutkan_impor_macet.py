"""Continue ClaimReview imports whose background worker stopped, or whose parts the task queue refused. Run it
periodically (every 10 minutes):

    */10 * * * *  cd /srv/jembatan && .venv/bin/python manage.py lanjutkan_impor_macet

When the task queue holds no waiting task, a running import that stored nothing for ten minutes lost its part
with the worker that took it: its unfinished parts are queued again, and after three such tries in a row the import
fails and its admin page says to look at the worker. An import whose parts the queue refused (Redis or the database
gone) is queued again the same way once the queue answers. A part queued twice is stored once. An import that
failed on a part's own error is continued by a person, from its admin page.
"""

from django.core.management.base import BaseCommand

from cekfakta.claimreview import lanjutkan_yang_macet


class Command(BaseCommand):
    help = (
        "Lanjutkan impor ClaimReview yang tidak maju karena pekerja latar belakangnya berhenti, atau yang bagiannya "
        "ditolak antrean tugas."
    )

    def handle(self, *args, **options):
        hasil = lanjutkan_yang_macet()
        if hasil.antrean:
            self.stdout.write(f"Antrean tugas masih berisi {hasil.antrean} tugas: tidak ada impor yang dilanjutkan.")
            return
        self.stdout.write(
            f"{hasil.dilanjutkan} impor dilanjutkan ({hasil.bagian} bagian diantrekan lagi), {hasil.dihentikan} impor dihentikan."
        )
        if hasil.ditolak:
            self.stderr.write(f"Antrean tugas masih menolak {hasil.ditolak} impor; dicoba lagi pada putaran berikutnya.")
        if hasil.galat:
            self.stderr.write(f"{hasil.galat} impor tidak dapat dilanjutkan kali ini; lihat log.")
