"""A few clearly-marked DEMO news items, so the news pages are not empty in a demo."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.models import Peran, User
from kim.models import Kim
from warta.models import Berita, Kategori, Status

BERITA = [
    (
        "Posyandu balita dibuka setiap Selasa di balai desa",
        Kategori.KESEHATAN,
        "Kader posyandu mengajak ibu-ibu membawa balita untuk **penimbangan dan imunisasi** setiap Selasa pukul 08.00 "
        "di balai desa.\n\n- Bawa buku KIA\n- Balita yang sakit diperiksa bidan desa\n\n(Berita contoh DEMO.)",
    ),
    (
        "Musyawarah desa membahas perbaikan jalan usaha tani",
        Kategori.PEMBANGUNAN,
        "Warga, BPD dan pemerintah desa bermusyawarah tentang prioritas perbaikan jalan usaha tani tahun depan. "
        "Usulan yang disepakati akan dibawa ke musrenbang kecamatan.\n\n(Berita contoh DEMO.)",
    ),
    (
        "Panen raya padi, petani berharap harga gabah stabil",
        Kategori.PERTANIAN,
        "Kelompok tani memulai panen raya. Penyuluh pertanian mengingatkan agar gabah dikeringkan dengan baik "
        "sebelum dijual.\n\n(Berita contoh DEMO.)",
    ),
]


class Command(BaseCommand):
    help = "Muat beberapa warta DEMO yang bertanda jelas."

    def handle(self, **options):
        if Berita.objects.filter(demo=True).exists():
            self.stdout.write("Warta: data demo sudah ada, dilewati.")
            return
        penulis = User.objects.filter(demo=True, peran=Peran.ADMIN).first()
        kims = list(Kim.objects.filter(demo=True, tahap="aktif", wilayah__kabupaten_kode=settings.JEMBATAN_KABUPATEN)[:3])
        if penulis is None or not kims:
            self.stdout.write("Warta: akun dan KIM demo belum ada, dilewati.")
            return
        now = timezone.now()
        for i, ((judul, kategori, isi), kim) in enumerate(zip(BERITA, kims, strict=False)):
            Berita.objects.create(
                judul=f"{judul} ({kim.wilayah.nama})",
                isi=isi,
                kategori=kategori,
                wilayah=kim.wilayah,
                kim=kim,
                penulis=penulis,
                status=Status.TERBIT,
                terbit_pada=now - timedelta(days=i + 1),
                diperiksa_oleh=penulis,
                cek_sumber=True,
                cek_fakta=True,
                cek_foto=True,
                cek_pribadi=True,
                demo=True,
            )
        self.stdout.write(self.style.SUCCESS(f"Warta: {min(len(BERITA), len(kims))} berita DEMO dimuat."))
