"""Compute the KIM scores of a month (default: last month). Run it early each month (cron):

    30 1 1 * *  cd /srv/jembatan && .venv/bin/python manage.py hitung_skor

A month already computed is computed again with the scheme it was computed with.
"""

from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jembatan.lib.domain import DomainError
from jembatan.lib.progress import Progress
from penilaian.models import awal_bulan
from penilaian.skor import hitung_bulan, kim_dinilai


def _bulan(teks: str):
    try:
        return datetime.strptime(teks, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"Bulan tidak dikenal: {teks!r} (tulis seperti 2026-05).") from None


class Command(BaseCommand):
    help = "Hitung skor KIM sebulan (bawaan: bulan lalu)."

    def add_arguments(self, parser):
        parser.add_argument("--bulan", type=_bulan, help="bulan yang dihitung, mis. 2026-05")

    def handle(self, *args, bulan=None, verbosity=1, **options):
        bulan = bulan or awal_bulan(awal_bulan(timezone.localdate()) - timedelta(days=1))
        progres = Progress(f"Skor {bulan:%Y-%m}", kim_dinilai().count(), stream=self.stderr, enabled=verbosity > 0)
        try:
            n = hitung_bulan(bulan, progres=lambda selesai, total: progres.update(selesai - progres.done))
        except DomainError as e:
            raise CommandError(str(e)) from None
        progres.close()
        self.stdout.write(f"Skor {n} KIM untuk {bulan:%Y-%m} dihitung.")
