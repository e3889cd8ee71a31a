from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beranda.cadangan import BackupError, pulihkan


class Command(BaseCommand):
    help = "Pulihkan cadangan buatan `cadangkan` ke basis data dan MEDIA_ROOT yang dikonfigurasi."

    def add_arguments(self, parser):
        parser.add_argument("sumber", type=Path, help="folder cadangan (berisi manifest.json)")
        parser.add_argument("--ya", action="store_true", help="timpa basis data yang sudah berisi data")

    def handle(self, sumber, ya, **options):
        try:
            differences = pulihkan(sumber, timpa=ya, progres=self.stdout.write)
        except (BackupError, OSError) as e:
            raise CommandError(f"restore failed: {e}")
        if differences:
            lines = [f"  {table}: {expected} rows in the backup, {found} now" for table, (expected, found) in differences.items()]
            raise CommandError("restored, but row counts differ from the manifest:\n" + "\n".join(lines))
        self.stdout.write("restore complete: every table's row count matches the manifest")
