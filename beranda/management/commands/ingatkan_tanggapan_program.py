"""Run once a day: tell each program's owner about the questions under their programs left 10 working days
without an official answer (the same ones the dashboard counts and the program page marks). A program is
claimed for the day before its owners are mailed, so a second run the same day sends nothing twice."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand

from akun.models import User
from diskusi.models import Komentar
from diskusi.models import Status as StatusKomentar
from jembatan.lib.mail import send
from suarawarga import akses as suarawarga_akses
from suarawarga.models import HARI_TANGGAPAN, Program, batas_tanggapan, hari_ini


class Command(BaseCommand):
    help = "Ingatkan pemilik program tentang pertanyaan warga yang belum ditanggapi 10 hari kerja."

    def handle(self, **options):
        pertanyaan = Komentar.objects.filter(
            content_type=ContentType.objects.get_for_model(Program),
            parent=None,
            status=StatusKomentar.TAMPIL,
            ditanggapi__isnull=True,
            dibuat__lt=batas_tanggapan(),
        ).order_by("dibuat", "id")
        per_program: dict[int, list[Komentar]] = defaultdict(list)
        for k in pertanyaan.defer("email"):
            per_program[k.object_id].append(k)
        hari = hari_ini()
        # Run twice a day (a retry, a second timer), a program's owners still hear of it once that day.
        programs = (
            Program.objects.select_related("wilayah")
            .prefetch_related("desa")
            .filter(pk__in=per_program)
            .exclude(tanggapan_diingatkan_pada=hari)
        )
        pemilik = User.objects.filter(is_active=True, peran__in=suarawarga_akses.PERAN_PROGRAM).exclude(email="")
        per_orang: dict[str, list[tuple[Program, list[Komentar]]]] = defaultdict(list)
        for program in [p for p in programs if p.klaim_pengingat_tanggapan(hari)]:
            for user in pemilik:
                if suarawarga_akses.boleh_kelola_program(user, program):
                    per_orang[user.email].append((program, per_program[program.pk]))
        konteks = {"situs": settings.SITE_URL, "hari": HARI_TANGGAPAN}
        for email, daftar in per_orang.items():
            send("tanggapan_program_pengingat", [email], {**konteks, "daftar": daftar})
        self.stdout.write(f"{pertanyaan.count()} pertanyaan belum ditanggapi; {len(per_orang)} pengingat terkirim.")
