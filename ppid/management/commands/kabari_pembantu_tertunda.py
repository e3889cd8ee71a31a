"""Queue again the e-mails owed to PPID Pembantu units that did not go (a failed send, a lost task). Run every
15 minutes; each mail is claimed before it goes, so an overlap sends nothing twice."""

from django.core.management.base import BaseCommand

from ppid.tasks import kabari_pembantu_tertunda


class Command(BaseCommand):
    help = "Antrekan lagi kabar kepada PPID Pembantu yang belum terkirim."

    def handle(self, **options):
        self.stdout.write(f"{kabari_pembantu_tertunda()} kabar PPID Pembantu diantrekan lagi.")
