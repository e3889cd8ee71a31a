"""Remind the pengurus of dormant KIM by e-mail. Run it daily (cron):

    15 7 * * *  cd /srv/jembatan && .venv/bin/python manage.py ingatkan_kim_tidur

A KIM is reminded at most once every 30 days while it stays dormant, however often this runs.
"""

from django.core.management.base import BaseCommand

from penilaian.pengingat import ingatkan


class Command(BaseCommand):
    help = "Kirim pengingat kepada pengurus KIM yang lama tidak melaporkan kegiatan."

    def handle(self, *args, **options):
        self.stdout.write(f"{ingatkan()} KIM diingatkan.")
