"""The discussion under the DEMO program: comments with stances, one question answered officially by the
program's owner, and one left more than 10 working days without an answer, so a demo shows the stance counts,
a pinned "Tanggapan resmi" and a "Belum ditanggapi" mark. Here rather than in suara warga because it joins two
modules (programs and comments)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.models import Peran, User
from diskusi.models import Komentar, Sikap
from diskusi.models import Status as StatusKomentar
from suarawarga import akses as suarawarga_akses
from suarawarga.models import Program, TahapProgram, batas_tanggapan, nama_pelaku

# (name, text, stance, days ago)
KOMENTAR = [
    (
        "Bu Rahmah (DEMO)",
        "Alhamdulillah, waktu panen nanti gabah tidak perlu dipikul lagi sampai jalan besar.",
        Sikap.MENDUKUNG,
        6,
    ),
    ("Pak Udin (DEMO)", "Kenapa pengerasannya hanya sampai Dusun 2? Jalan ke Dusun 3 juga rusak parah.", Sikap.KEBERATAN, 5),
    ("Ahmad (DEMO)", "Semoga pengerjaannya melibatkan pemuda desa sebagai tenaga kerja.", Sikap.NETRAL, 3),
    ("Siti (DEMO)", "Saya mendukung, jalan ini juga dipakai anak-anak ke sekolah.", Sikap.MENDUKUNG, 2),
]
JAWABAN = (
    "Anggaran tahun ini cukup untuk 450 m sampai batas Dusun 2. Ruas Dusun 3 sudah diusulkan untuk Musrenbangdes 2027. (DEMO)"
)
# Older than 10 working days whatever holidays fall in between: shown as "belum ditanggapi".
LAMA = ("Ibu Nor (DEMO)", "Berapa lama jalan ditutup selama pengerjaan? Kami perlu lewat untuk ke pasar.", Sikap.NETRAL)


class Command(BaseCommand):
    help = "Muat komentar DEMO (dengan sikap dan satu tanggapan resmi) di bawah program pembangunan DEMO."

    def handle(self, **options):
        program = (
            Program.objects.filter(demo=True, tahap=TahapProgram.BERJALAN)
            .select_related("wilayah__parent")
            .order_by("pk")
            .first()
        )
        if program is None:
            self.stdout.write("Diskusi program: program demo belum ada (jalankan muat_demo_suarawarga dulu), dilewati.")
            return
        ct = ContentType.objects.get_for_model(Program)
        if Komentar.objects.filter(content_type=ct, object_id=program.pk).exists():
            self.stdout.write("Diskusi program: komentar demo sudah ada, dilewati.")
            return
        pemilik = [
            u
            for u in User.objects.filter(demo=True, is_active=True, peran__in=[Peran.PEMDES, Peran.ADMIN]).order_by("peran")
            if suarawarga_akses.boleh_kelola_program(u, program)
        ]
        sekarang = timezone.now()

        def tulis(nama: str, isi: str, sikap: str, dibuat) -> Komentar:
            return Komentar.objects.create(
                content_type=ct,
                object_id=program.pk,
                wilayah=program.wilayah,
                nama=nama,
                isi=isi,
                sikap=sikap,
                status=StatusKomentar.TAMPIL,
                klien="demo",
                dibuat=dibuat,
                dimoderasi=dibuat,
            )

        lama = tulis(*LAMA, batas_tanggapan() - timedelta(days=3))
        komentar = [tulis(nama, isi, sikap, sekarang - timedelta(days=hari)) for nama, isi, sikap, hari in KOMENTAR]
        if pemilik:
            penjawab = next((u for u in pemilik if u.peran == Peran.PEMDES), pemilik[0])
            komentar[1].tanggapi_resmi(
                isi=JAWABAN,
                nama=nama_pelaku(penjawab, program.wilayah),
                oleh=penjawab,
                boleh=True,
                tautan=lambda p: settings.SITE_URL + p,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Diskusi program: {len(komentar) + 1} komentar DEMO di {program.nama}, "
                f"{1 if pemilik else 0} tanggapan resmi, 1 pertanyaan belum ditanggapi (sejak {lama.dibuat:%d-%m-%Y})."
            )
        )
