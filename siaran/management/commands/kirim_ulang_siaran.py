"""Retry siaran e-mails that failed or were left behind. Run it periodically (cron every 10 minutes):

    */10 * * * *  cd /srv/jembatan && .venv/bin/python manage.py kirim_ulang_siaran

It sends in this process (no worker needed) with the same claim as the delivery task, so running it
while tasks are still working, or twice at once, never sends an e-mail twice.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from siaran.models import JEDA_ANTRE, UKURAN_BATCH, Kiriman, StatusKiriman
from siaran.tasks import antar


class Command(BaseCommand):
    help = "Kirim ulang surel siaran yang gagal, tertahan, atau tertinggal di antrean."

    def handle(self, *args, **options):
        now = timezone.now()
        # Fresh queued rows still belong to their own task; older ones lost theirs (e.g. a queue outage).
        ids = list(
            Kiriman.objects.bisa_diklaim(now)
            .exclude(Q(status=StatusKiriman.ANTRE) & Q(dibuat__gt=now - JEDA_ANTRE))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        total = {"terkirim": 0, "gagal": 0, "dilewati": 0}
        for i in range(0, len(ids), UKURAN_BATCH):
            hasil = antar(ids[i : i + UKURAN_BATCH])
            for key in total:
                total[key] += hasil[key]
            if hasil["server_mati"] and not hasil["terkirim"]:
                self.stderr.write("Server surel tidak dapat dihubungi; sisa kiriman dicoba pada putaran berikutnya.")
                break
        self.stdout.write(
            f"{len(ids)} kiriman diperiksa: {total['terkirim']} terkirim, {total['gagal']} gagal, {total['dilewati']} dilewati."
        )
