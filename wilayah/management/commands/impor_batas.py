from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wilayah.impor import ImporError, berkas_batas_bawaan, impor_batas


class Command(BaseCommand):
    help = "Impor batas wilayah (GeoJSON) kabupaten yang dilayani, disederhanakan menjadi peta SVG."

    def add_arguments(self, parser):
        parser.add_argument("berkas", nargs="*", help="GeoJSON kabupaten, kecamatan, desa (bawaan: data/wilayah/)")
        parser.add_argument("--kabupaten", default=settings.JEMBATAN_KABUPATEN)

    def handle(self, berkas, kabupaten, **options):
        paths = [Path(p) for p in berkas] or berkas_batas_bawaan(Path(settings.JEMBATAN_DATA_DIR), kabupaten)
        if not paths:
            self.stdout.write(f"Batas: tidak ada berkas batas untuk {kabupaten}; peta memakai titik pusat desa.")
            return
        try:
            n = impor_batas(kabupaten, paths, progres=options["verbosity"] > 0)
        except ImporError as e:
            raise CommandError(f"{e}. Data yang ada tidak diubah.") from None
        self.stdout.write(self.style.SUCCESS(f"Batas: {n} wilayah {kabupaten} diperbarui."))
