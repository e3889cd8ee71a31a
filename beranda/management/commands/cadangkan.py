from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from beranda.cadangan import BackupError, cadangkan


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas unggahan ke satu folder bertanggal (bawaan: var/cadangan/)."

    def add_arguments(self, parser):
        parser.add_argument("--ke", type=Path, help="folder tujuan (bawaan: JEMBATAN_VAR_DIR/cadangan)")

    def handle(self, ke, **options):
        try:
            cadangkan(ke or Path(settings.VAR_DIR) / "cadangan", progres=self.stdout.write)
        except (BackupError, OSError) as e:
            raise CommandError(f"backup failed: {e}")
