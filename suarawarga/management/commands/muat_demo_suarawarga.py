"""A few clearly-marked DEMO programs, aspirations (at different steps) and a poll, so the suara warga pages
are not empty in a demo."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.models import Peran, User
from kim.models import Kim
from suarawarga.models import Aspirasi, Bidang, Jajak, Pemilih, Program, SumberDana, TahapProgram, TopikAspirasi, Tujuan
from wilayah.models import Level, Wilayah


class Command(BaseCommand):
    help = "Muat program pembangunan, aspirasi dan jajak pendapat DEMO yang bertanda jelas."

    def handle(self, **options):
        if Program.objects.filter(demo=True).exists():
            self.stdout.write("Suara warga: data demo sudah ada, dilewati.")
            return
        admin = User.objects.filter(demo=True, peran=Peran.ADMIN).first()
        kim = Kim.objects.filter(demo=True, tahap="aktif", wilayah__kabupaten_kode=settings.JEMBATAN_KABUPATEN).first()
        if admin is None or kim is None:
            self.stdout.write("Suara warga: akun dan KIM demo belum ada, dilewati.")
            return
        desa = kim.wilayah
        tahun = timezone.localdate().year
        jalan = Program(
            nama="[DEMO] Pengerasan jalan usaha tani Dusun 2",
            deskripsi="Pengerasan jalan sepanjang 450 m, lebar 3 m, menuju sawah warga sampai batas desa tetangga. (Contoh DEMO.)",
            wilayah=desa,
            bidang=Bidang.INFRASTRUKTUR,
            tahun=tahun,
            sumber_dana=SumberDana.DANA_DESA,
            anggaran=187_500_000,
            pelaksana=f"TPK {desa.nama_lengkap}",
            demo=True,
        )
        # The road reaches the next village of the kecamatan: a program of two villages, on both villages' pages.
        tetangga = (
            Wilayah.objects.filter(parent_id=desa.parent_id, level=Level.DESA, berlaku=True)
            .exclude(pk=desa.pk)
            .order_by("nama")[:1]
        )
        jalan.simpan(oleh=admin, versi=0, desa_lain=list(tetangga))
        jalan.ubah_tahap(TahapProgram.BERJALAN, oleh=admin, versi=jalan.versi)
        jalan.catat_progres(oleh=admin, persen=40, tanggal=timezone.localdate(), catatan="Timbunan sirtu 180 m selesai. (DEMO)")
        posyandu = Program(
            nama="[DEMO] Pembangunan gedung posyandu",
            deskripsi="Gedung posyandu 6 × 8 m di tanah hibah warga. (Contoh DEMO.)",
            wilayah=desa,
            bidang=Bidang.KESEHATAN,
            tahun=tahun,
            sumber_dana=SumberDana.ADD,
            anggaran=245_000_000,
            pelaksana=f"TPK {desa.nama_lengkap}",
            demo=True,
        )
        posyandu.simpan(oleh=admin, versi=0)
        isi = [
            (TopikAspirasi.INFRASTRUKTUR, "[DEMO] Jalan di RT 3 berlubang sejak musim hujan; motor sering tergelincir."),
            (TopikAspirasi.AIR_SANITASI, "[DEMO] Air bersih di RT 5 mati tiga hari dalam seminggu."),
            (TopikAspirasi.KESEHATAN, "[DEMO] Mohon jadwal posyandu lansia ditambah menjadi dua kali sebulan."),
        ]
        aspirasi = [Aspirasi.kirim(topik=t, isi=i, wilayah=desa, boleh_publik=True, demo=True) for t, i in isi]
        aspirasi[0].verifikasi(oleh=admin, catatan="Sudah dicek ke lokasi. (DEMO)")
        aspirasi[0].teruskan(oleh=admin, tujuan=Tujuan.DESA)
        aspirasi[1].verifikasi(oleh=admin)
        sekarang = timezone.now()
        Jajak.buat(
            oleh=admin,
            opsi=["Balai desa", "Dekat sekolah dasar", "Dekat masjid"],
            pertanyaan="[DEMO] Di mana sebaiknya posyandu baru dibangun?",
            wilayah=desa,
            pemilih=Pemilih.SEMUA,
            buka_pada=sekarang,
            tutup_pada=sekarang + timedelta(days=14),
            demo=True,
        )
        self.stdout.write(
            self.style.SUCCESS(f"Suara warga: 2 program, 3 aspirasi dan 1 jajak pendapat DEMO di {desa.nama_lengkap}.")
        )
