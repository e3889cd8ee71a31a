"""A few clearly-marked DEMO activity reports and an award, then last month's scores, so the activity and
score pages are not empty in a demo."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.models import Peran, User
from kim.models import Kim
from penilaian.models import JenisKegiatan, Kegiatan, Penghargaan, awal_bulan
from penilaian.skor import hitung_bulan

KEGIATAN = [
    # (days ago, kind, title, place, participants)
    (5, "literasi-digital", "Kelas literasi digital: mengenali penipuan lewat pesan berantai", "Balai desa", 24),
    (12, "peliputan", "Liputan panen raya kelompok tani", "Sawah kelompok tani", None),
    (20, "diseminasi-informasi", "Menyampaikan jadwal posyandu di pengumuman masjid", "Masjid desa", 60),
    (33, "rapat", "Rapat bulanan pengurus KIM", "Sekretariat KIM", 9),
    (41, "sosialisasi", "Sosialisasi cek fakta bersama karang taruna", "Balai desa", 35),
]


class Command(BaseCommand):
    help = "Muat beberapa laporan kegiatan KIM DEMO yang bertanda jelas, lalu hitung skor bulan lalu."

    def handle(self, **options):
        if Kegiatan.objects.filter(demo=True).exists():
            self.stdout.write("Kegiatan: data demo sudah ada, dilewati.")
            return
        kims = list(Kim.objects.filter(demo=True, tahap="aktif", wilayah__kabupaten_kode=settings.JEMBATAN_KABUPATEN)[:3])
        pelapor = User.objects.filter(demo=True, peran=Peran.ADMIN).first()
        if pelapor is None or not kims:
            self.stdout.write("Kegiatan: akun dan KIM demo belum ada, dilewati.")
            return
        hari_ini = timezone.localdate()
        jenis = {j.slug: j for j in JenisKegiatan.objects.all()}
        for i, kim in enumerate(kims):
            # The last KIM reports nothing recent: the regency page shows it as needing support.
            for hari, slug, judul, tempat, peserta in KEGIATAN if i < len(kims) - 1 else KEGIATAN[-1:]:
                g = Kegiatan.objects.create(
                    kim=kim,
                    tanggal=hari_ini - timedelta(days=hari + 30 * (i == len(kims) - 1) + i),
                    jenis=jenis.get(slug) or jenis["lainnya"],
                    judul=f"[DEMO] {judul}",
                    tempat=f"{tempat} {kim.wilayah.nama}",
                    uraian="Contoh laporan kegiatan untuk demo. (DEMO)",
                    jumlah_peserta=peserta,
                    pelapor=pelapor,
                    demo=True,
                )
                if slug == "sosialisasi" and len(kims) > 1:
                    g.kim_mitra.set([k for k in kims if k != kim][:1])
        Penghargaan.objects.create(
            kim=kims[0], nama="[DEMO] Juara I Lomba KIM Kabupaten", tanggal=hari_ini - timedelta(days=90), dicatat_oleh=pelapor
        )
        bulan_lalu = awal_bulan(awal_bulan(hari_ini) - timedelta(days=1))
        hitung_bulan(bulan_lalu)
        hitung_bulan(awal_bulan(bulan_lalu - timedelta(days=1)))
        self.stdout.write(f"Kegiatan: data demo dimuat untuk {len(kims)} KIM, skor dua bulan terakhir dihitung.")
