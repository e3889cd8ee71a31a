from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wilayah.impor import ImporError, impor_wilayah

BAWAAN = Path(settings.JEMBATAN_DATA_DIR) / "wilayah" / "wilayah_indonesia_kepmendagri2025.csv"


class Command(BaseCommand):
    help = "Impor tabel wilayah Kemendagri seluruh Indonesia (idempoten; berkas yang sama dilewati)."

    def add_arguments(self, parser):
        parser.add_argument("berkas", nargs="?", default=str(BAWAAN), help="CSV wilayah (bawaan: data/wilayah/)")
        parser.add_argument("--paksa", action="store_true", help="baca ulang walau berkasnya sudah pernah diimpor")

    def handle(self, berkas, paksa, **options):
        try:
            hasil = impor_wilayah(Path(berkas), paksa=paksa, progres=options["verbosity"] > 0)
        except ImporError as e:
            raise CommandError(f"{Path(berkas).name}: {e}. Data yang ada tidak diubah.") from None
        if hasil.dilewati:
            self.stdout.write(f"Wilayah: {Path(berkas).name} sudah diimpor ({hasil.baris:,} wilayah), dilewati.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wilayah: {hasil.baris:,} baris; {hasil.baru:,} baru, {hasil.diubah:,} diperbarui, "
                    f"{hasil.tidak_berlaku:,} tidak berlaku lagi."
                )
            )
