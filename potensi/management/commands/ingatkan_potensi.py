"""Remind editors of village potentials not confirmed for a year. Run it daily (cron):

    30 7 * * *  cd /srv/jembatan && .venv/bin/python manage.py ingatkan_potensi

Each item is reminded once when it is marked "perlu diperbarui" and once a week before it leaves the
catalogue, however often this runs; confirming it ("Masih berlaku") starts the year again.
"""

from django.core.management.base import BaseCommand

from potensi.pengingat import ingatkan


class Command(BaseCommand):
    help = "Kirim pengingat kepada penyunting potensi desa yang belum dikonfirmasi setahun."

    def handle(self, *args, **options):
        self.stdout.write(f"{ingatkan()} surel pengingat potensi terkirim.")
