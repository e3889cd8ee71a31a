"""Remind each PPID of deadlines three and one working days ahead, and its atasan of overdue requests. Run daily."""

from django.core.management.base import BaseCommand

from ppid.pengingat import kirim_pengingat


class Command(BaseCommand):
    help = "Kirim pengingat batas waktu permohonan informasi kepada PPID (H-3, H-1) dan atasan PPID (terlambat)."

    def handle(self, **options):
        self.stdout.write(f"{kirim_pengingat()} pengingat PPID terkirim.")
