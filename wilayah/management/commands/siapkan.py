from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Siapkan situs: migrasi, berkas statis, wilayah Indonesia, batas kabupaten, dan (bawaan) data DEMO. Aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--tanpa-demo", action="store_true", help="jangan muat data demo")

    def handle(self, tanpa_demo, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("impor_wilayah")
        call_command("impor_batas")
        if not tanpa_demo:
            call_command("muat_demo")
            call_command("muat_demo_cekfakta")
            call_command("muat_demo_warta")
            call_command("muat_demo_suarawarga")
            call_command("muat_demo_diskusi_program")
            call_command("muat_demo_ppid")
            call_command("muat_demo_penilaian")
            call_command("muat_demo_potensi")
        # Claims saved before the matcher read meaning (an upgraded database) get their vectors now.
        call_command("isi_vektor_klaim")
