"""A few clearly-marked DEMO items of village potential, so the catalogue, its map and the village pages are not
empty in a demo. Written as a KIM would leave them after review: published, verified by the KIM, confirmed."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.models import Peran, User
from kim.models import Kim
from potensi.models import JenisPotensi, Potensi, Status, nama_pemverifikasi


def bulan(*nomor: int) -> int:
    """The months an item is available, as the model stores them (bit n-1 for month n)."""
    return sum(1 << (n - 1) for n in nomor)


SEPANJANG = bulan(*range(1, 13))

# (kind slug, name, description, producer, business, price min, max, unit, months, capacity, hours, ticket, place)
ITEMS = [
    (
        "produk-umkm",
        "Gula aren cetak",
        "Gula aren dari nira pohon aren di kebun warga, dimasak di tungku kayu dan dicetak dalam tempurung kelapa.\n\n"
        "- Tanpa campuran gula pasir\n- Tahan 3 bulan di tempat kering\n\n(Contoh DEMO.)",
        "Ibu Salmah (DEMO)",
        "Kelompok Usaha Aren Sejahtera (DEMO)",
        25_000,
        40_000,
        "kg",
        SEPANJANG,
        "± 200 kg/bulan",
        "",
        "",
        False,
    ),
    (
        "kerajinan",
        "Tikar dan tas anyaman purun",
        "Purun dari rawa desa dianyam menjadi tikar, tas belanja dan tempat tisu. Pesanan motif dan ukuran khusus "
        "dapat dibicarakan lebih dulu.\n\n(Contoh DEMO.)",
        "Kelompok Pengrajin Purun (DEMO)",
        "",
        15_000,
        150_000,
        "buah",
        SEPANJANG,
        "± 300 buah/bulan",
        "",
        "",
        False,
    ),
    (
        "perkebunan",
        "Madu kelulut",
        "Madu lebah kelulut (trigona) dari kotak sarang di pekarangan warga. Rasanya asam manis; panen terbanyak "
        "saat musim bunga.\n\n(Contoh DEMO.)",
        "Pak Rahmat (DEMO)",
        "",
        120_000,
        180_000,
        "botol 500 ml",
        bulan(3, 4, 5, 6, 7, 8),
        "± 40 botol/bulan",
        "",
        "",
        False,
    ),
    (
        "wisata",
        "Susur sungai dengan jukung",
        "Perjalanan satu jam menyusuri sungai desa dengan jukung (perahu kayu), melihat kebun dan rumah lanting. "
        "Pemandu dari karang taruna; pelampung disediakan.\n\n(Contoh DEMO.)",
        "Pokdarwis desa (DEMO)",
        "",
        None,
        None,
        "",
        SEPANJANG,
        "6 jukung, 4 orang per jukung",
        "Sabtu–Minggu 07.00–11.00 WITA",
        "Rp20.000 per orang",
        True,
    ),
    (
        "kuliner",
        "Warung ikan bakar tepi sungai",
        "Ikan patin dan nila bakar dengan sambal limau, dimasak di tepi sungai. Menerima pesanan nasi kotak untuk "
        "acara desa.\n\n(Contoh DEMO.)",
        "Ibu Nurhayati (DEMO)",
        "",
        20_000,
        45_000,
        "porsi",
        SEPANJANG,
        "",
        "Setiap hari 10.00–20.00 WITA",
        "",
        True,
    ),
]


class Command(BaseCommand):
    help = "Muat beberapa potensi desa DEMO yang bertanda jelas."

    def handle(self, **options):
        if Potensi.objects.filter(demo=True).exists():
            self.stdout.write("Potensi: data demo sudah ada, dilewati.")
            return
        kims = list(
            Kim.objects.filter(demo=True, tahap="aktif", wilayah__kabupaten_kode=settings.JEMBATAN_KABUPATEN)
            .select_related("wilayah")
            .order_by("wilayah_id")[:2]
        )
        # Each item is written and approved by its own KIM's DEMO pengurus, else by the DEMO admin.
        pengurus = {u.wilayah_id: u for u in User.objects.filter(demo=True, peran=Peran.PENGURUS)}
        admin = User.objects.filter(demo=True, peran=Peran.ADMIN).first()
        if not kims or admin is None:
            self.stdout.write("Potensi: akun dan KIM demo belum ada, dilewati.")
            return
        jenis = {j.slug: j for j in JenisPotensi.objects.all()}
        sekarang = timezone.now()
        for i, (slug, nama, deskripsi, produsen, usaha, hmin, hmax, satuan, bln, kapasitas, jam, tiket, tempat) in enumerate(
            ITEMS
        ):
            kim = kims[i % len(kims)]
            penulis = pengurus.get(kim.wilayah_id, admin)
            p = Potensi(
                jenis=jenis[slug],
                nama=f"{nama} (DEMO)",
                deskripsi=deskripsi,
                wilayah=kim.wilayah,
                kim=kim,
                nama_produsen=produsen,
                nama_usaha=usaha,
                harga_min=hmin,
                harga_max=hmax,
                satuan=satuan,
                bulan=bln,
                kapasitas=kapasitas,
                jam_buka=jam,
                tiket=tiket,
                lat=kim.wilayah.lat,
                lng=kim.wilayah.lng,
                lokasi_publik=tempat,
                penulis=penulis,
                status=Status.TERBIT,
                disetujui_oleh=penulis,
                terbit_pada=sekarang - timedelta(days=10 + i),
                dikonfirmasi_pada=sekarang - timedelta(days=10 + i),
                demo=True,
            )
            p.pemverifikasi = nama_pemverifikasi(penulis, p)
            p.save()
        self.stdout.write(f"Potensi: {len(ITEMS)} potensi DEMO dimuat.")
