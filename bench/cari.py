"""Issue 3, search: warta.cari.cari() over 100,000 published news items on PostgreSQL.

Fills the bench database with BENCH_CARI_ITEMS (default 100,000) published items about Tapin's
villages, bulk_create, with synthetic Indonesian text (a fixed seed: titles from a word list, bodies
mixing the seed article's sentences with generated ones), then computes every search vector with one
UPDATE using warta.cari's own expression (title A, summary B, body C, `indonesian` configuration) and
runs ANALYZE. Then times ~50 realistic queries, each as the search page's first page needs it:
`list(cari(q)[:15])` with `cuplikan_untuk` for the page (`page` figures, target p95 ≤ 50 ms), and, for
information, the same plus the Paginator's COUNT the view also runs (`view`). One warm-up pass, then
BENCH_CARI_PASSES (default 3) timed passes. Prints `cari` lines.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import timedelta

from artikel import paragraf_seed
from umum import line, setup_django, stopwatch, verdict

ITEMS = int(os.environ.get("BENCH_CARI_ITEMS", "100000"))
PASSES = int(os.environ.get("BENCH_CARI_PASSES", "3"))
TARGET_P95_MS = 50
SEED = 6305
SUBJEK = [
    "Warga",
    "Pemerintah desa",
    "Kelompok tani",
    "Pengurus KIM",
    "Puskesmas",
    "Karang taruna",
    "Ibu-ibu PKK",
    "Babinsa",
    "Sekolah dasar",
    "Pelaku UMKM",
    "Dinas Kesehatan",
    "Camat",
    "Kepala desa",
    "BPBD",
]
KERJA = [
    "menggelar",
    "meresmikan",
    "membahas",
    "memperbaiki",
    "menyalurkan",
    "mengikuti",
    "mendata",
    "membangun",
    "menanam",
    "membersihkan",
    "melatih",
    "mengadakan",
    "meninjau",
    "mensosialisasikan",
]
OBJEK = [
    "jalan usaha tani",
    "jembatan gantung",
    "posyandu balita",
    "bantuan langsung tunai",
    "pupuk bersubsidi",
    "vaksinasi anak",
    "pelatihan menjahit",
    "pasar desa",
    "irigasi sawah",
    "air bersih",
    "sumur bor",
    "rumah tidak layak huni",
    "lomba kebersihan",
    "gotong royong",
    "pencegahan stunting",
    "bibit padi unggul",
    "kebun karet",
    "tambak ikan",
    "anyaman purun",
    "musyawarah dana desa",
    "pemilihan ketua RT",
    "turnamen sepak bola",
    "festival budaya Banjar",
    "pengajian rutin",
    "banjir kiriman",
    "kebakaran lahan",
    "internet desa",
    "perpustakaan desa",
    "bank sampah",
    "imunisasi campak",
    "pembagian sembako",
    "ternak sapi",
    "harga gabah",
    "sekolah rusak",
    "beasiswa siswa",
]
KETERANGAN = [
    "di balai desa",
    "bersama warga",
    "di lapangan kecamatan",
    "pada Sabtu pagi",
    "selama tiga hari",
    "dengan dukungan dana desa",
    "setelah hujan deras",
    "di tepi sungai",
    "menjelang musim tanam",
    "untuk pertama kalinya",
    "sesuai jadwal",
    "di halaman masjid",
]
QUERIES = [
    "jalan usaha tani",
    "jembatan",
    "posyandu",
    "bantuan langsung tunai",
    "BLT",
    "pupuk subsidi",
    "vaksinasi",
    "pelatihan menjahit",
    "pasar desa",
    "irigasi",
    "air bersih",
    "sumur bor",
    "rumah tidak layak huni",
    "gotong royong",
    "stunting",
    "bibit padi",
    "karet",
    "tambak ikan",
    "anyaman purun",
    "dana desa",
    "ketua RT",
    "sepak bola",
    "festival budaya",
    "banjir",
    "kebakaran lahan",
    "internet",
    "perpustakaan",
    "bank sampah",
    "imunisasi campak",
    "sembako",
    "sapi",
    "harga gabah",
    "sekolah rusak",
    "beasiswa",
    "KIM",
    "Kelompok Informasi Masyarakat",
    "Kominfo Tapin",
    "Binuang",
    "Rantau",
    "Tapin Utara",
    "Haris Faridi",
    "keterbukaan informasi publik",
    "hoaks",
    "kepala desa",
    "potensi unggulan desa",
    "puskesmas",
    '"dana desa"',
    "banjir -kebakaran",
    "karang taruna",
    "lurah",
]


def kalimat(rng: random.Random, wilayah: str) -> str:
    return f"{rng.choice(SUBJEK)} {wilayah} {rng.choice(KERJA)} {rng.choice(OBJEK)} {rng.choice(KETERANGAN)}."


def buat_berita(n: int) -> tuple[int, float]:
    from django.utils import timezone
    from django.utils.text import slugify

    from akun.models import Peran, User
    from warta.models import Berita, Kategori, Status
    from wilayah.models import Level, Wilayah

    rng = random.Random(SEED)
    seed = [s.strip() + "." for p in paragraf_seed() for s in p.split(". ") if s.strip()]
    desa = list(Wilayah.objects.filter(level=Level.DESA, kabupaten_kode="63.05").values_list("kode", "nama"))
    penulis = User.objects.filter(email="bench-cari@localhost").first() or User.objects.create_user(
        "bench-cari@localhost", nama="Penulis Bench", peran=Peran.ADMIN
    )
    now = timezone.now()
    rows = []
    for i in range(n):
        kode, nama = rng.choice(desa)
        judul = f"{rng.choice(SUBJEK)} {nama} {rng.choice(KERJA)} {rng.choice(OBJEK)}"
        paragraf = []
        for _ in range(rng.randint(3, 6)):
            kal = [kalimat(rng, nama) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.5:
                kal.insert(rng.randint(0, len(kal)), rng.choice(seed))
            paragraf.append(" ".join(kal))
        waktu = now - timedelta(minutes=i * 15 + rng.randint(0, 14))
        rows.append(
            Berita(
                judul=judul[:200],
                slug=slugify(judul)[:110] or "berita",
                ringkasan=kalimat(rng, nama),
                isi="\n\n".join(paragraf),
                kategori=rng.choice(Kategori.values),
                wilayah_id=kode,
                penulis=penulis,
                status=Status.TERBIT,
                terbit_pada=waktu,
                diperiksa_oleh=penulis,
                cek_sumber=True,
                cek_fakta=True,
                cek_foto=True,
                cek_pribadi=True,
            )
        )
    seconds, _ = stopwatch(lambda: Berita.objects.bulk_create(rows, batch_size=2000))
    return len(rows), seconds


def vektor_semua() -> float:
    """Every vector in one UPDATE, with warta.cari.perbarui_vektor's expression, then ANALYZE."""
    from django.contrib.postgres.search import SearchVector
    from django.db import connection

    from warta.cari import KONFIG
    from warta.models import Berita

    vektor = (
        SearchVector("judul", weight="A", config=KONFIG)
        + SearchVector("ringkasan", weight="B", config=KONFIG)
        + SearchVector("isi", weight="C", config=KONFIG)
    )
    seconds, _ = stopwatch(lambda: Berita.objects.filter(cari_vektor__isnull=True).update(cari_vektor=vektor))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Berita._meta.db_table}")
    return seconds


def persentil(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    setup_django()
    from django.core.paginator import Paginator
    from django.db import connection

    from warta.cari import cari, cuplikan_untuk
    from warta.models import Berita

    if connection.vendor != "postgresql":
        raise SystemExit("bench: the search benchmark needs PostgreSQL")
    dibuat, bulk_s = buat_berita(ITEMS)
    vektor_s = vektor_semua()
    terbit = Berita.objects.terbit().count()
    line(
        "cari",
        what="bulk_create published news, one UPDATE for the search vectors, ANALYZE",
        created=dibuat,
        published=terbit,
        bulk_create_s=round(bulk_s, 1),
        vector_update_s=round(vektor_s, 1),
    )

    def halaman(q: str) -> int:
        hasil = list(cari(q)[:15])
        cuplikan_untuk(hasil, q)
        return len(hasil)

    def tampilan(q: str) -> int:
        page = Paginator(cari(q), 15).get_page(1)
        cuplikan_untuk(page.object_list, q)
        return page.paginator.count

    for q in QUERIES:  # warm-up
        halaman(q)
    page_ms, view_ms, hits, lambat = [], [], {}, []
    for _ in range(PASSES):
        for q in QUERIES:
            t0 = time.perf_counter()
            n = halaman(q)
            t1 = time.perf_counter()
            hits[q] = tampilan(q)
            t2 = time.perf_counter()
            page_ms.append((t1 - t0) * 1000)
            view_ms.append((t2 - t1) * 1000)
            lambat.append(((t1 - t0) * 1000, q, n))
    p95 = persentil(page_ms, 95)
    line(
        "cari",
        call="page",
        what="list(cari(q)[:15]) with cuplikan_untuk for the page, first page",
        queries=len(QUERIES),
        samples=len(page_ms),
        p50_ms=round(statistics.median(page_ms), 1),
        p95_ms=round(p95, 1),
        max_ms=round(max(page_ms), 1),
        target_p95_ms=TARGET_P95_MS,
        ok=verdict(p95 <= TARGET_P95_MS),
    )
    line(
        "cari",
        call="view",
        what="as the search view: Paginator(cari(q), 15) page 1 with its COUNT, and snippets",
        samples=len(view_ms),
        p50_ms=round(statistics.median(view_ms), 1),
        p95_ms=round(persentil(view_ms, 95), 1),
        max_ms=round(max(view_ms), 1),
        median_hits=statistics.median(hits.values()),
        max_hits=max(hits.values()),
        no_hits=sum(1 for v in hits.values() if not v),
    )
    terlambat: dict[str, float] = {}
    for ms, q, _ in lambat:
        terlambat[q] = max(ms, terlambat.get(q, 0.0))
    for q, ms in sorted(terlambat.items(), key=lambda x: -x[1])[:5]:
        line("cari", call="slowest", q=q.replace('"', "'"), max_ms=round(ms, 1), hits=hits[q])


if __name__ == "__main__":
    main()
