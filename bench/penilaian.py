"""Issue 14, kegiatan dan penilaian: a month's scores for Tapin's 135 KIM, Diskominfo's all-KIM page, and the
festival evidence bundle of a KIM with 100 activities and 300 photos.

Runs on a bench database (bench/run: the SQLite one, after the national import; alone, any empty
DATABASE_URL=sqlite:///… file: it migrates and imports province 63 itself). Every village of the kabupaten gets an
active KIM with five pengurus, and each KIM, for last month: 8 activities (one with a partner KIM), 4 published
news items, 4 siaran receipts (half forwarded), 6 comments. Then:

1. `hitung_bulan` for last month, all KIM (target ≤ 2 s).
2. `/kelola/penilaian/` rendered in-process for the admin without any cache: median ms and SQL queries, and
   the same count with ten more KIM (constant: target ≤ 200 ms, constant queries); HTML + CSS gzip -9 (≤ 30 KB).
3. The bundle of one KIM with 100 activities and 300 photos (one real processed photo stored 300 times): the
   seconds to stream the whole ZIP and the peak of Python allocations while streaming (targets ≤ 20 s, ≤ 300 MiB).
Prints `penilaian` lines.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
import tracemalloc
from datetime import datetime, time, timedelta

from umum import BASE_DIR, db_label, line, repeat_ms, setup_django, stopwatch, verdict

TARGET_HITUNG_S = 2
TARGET_HALAMAN_MS = 200
TARGET_BERAT_KB = 30
TARGET_BUNDEL_S = 20
TARGET_BUNDEL_MIB = 300
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def siapkan_db() -> None:
    from django.conf import settings
    from django.core.management import call_command

    from wilayah.models import Wilayah

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages link the hashed stylesheet
    if not Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).exists():
        from jembatan.test import csv_provinsi
        from wilayah.impor import impor_wilayah

        impor_wilayah(csv_provinsi(settings.JEMBATAN_KABUPATEN[:2]), progres=False)


def isi(bulan) -> tuple[list, object]:
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from akun.models import Peran, User
    from diskusi.models import Komentar
    from diskusi.models import Status as SK
    from kim.models import Kim, Pengurus, Tahap
    from penilaian.models import JenisKegiatan, Kegiatan
    from siaran.models import Penerimaan, Siaran, StatusPenerimaan
    from warta.models import Berita, Status
    from wilayah.models import Level, Wilayah

    admin, _ = User.objects.get_or_create(
        email="bench-admin@bench.example", defaults={"nama": "Bench", "peran": Peran.ADMIN, "is_staff": True}
    )
    desa = list(Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA, berlaku=True))
    ada = set(Kim.objects.filter(wilayah__in=desa).values_list("wilayah_id", flat=True))
    Kim.objects.bulk_create(Kim(wilayah=w, nama=f"KIM {w.nama}", tahap=Tahap.AKTIF) for w in desa if w.kode not in ada)
    Kim.objects.filter(wilayah__in=desa).update(tahap=Tahap.AKTIF)
    kims = list(Kim.objects.filter(wilayah__in=desa).select_related("wilayah").order_by("pk"))
    Kegiatan.objects.filter(kim__in=kims).delete()
    Pengurus.objects.bulk_create(
        Pengurus(kim=k, nama=f"Pengurus {i}", jabatan="anggota", mulai=bulan - timedelta(days=400))
        for k in kims
        for i in range(5)
    )
    jenis = list(JenisKegiatan.objects.all())
    pada = [timezone.make_aware(datetime.combine(bulan + timedelta(days=d), time(9))) for d in range(28)]
    kegiatan = Kegiatan.objects.bulk_create(
        Kegiatan(
            kim=k,
            tanggal=bulan + timedelta(days=(i * 3) % 28),
            jenis=jenis[i % len(jenis)],
            judul=f"Kegiatan {i} {k.nama}",
            tempat="Balai desa",
            uraian="Uraian kegiatan.",
            jumlah_peserta=20,
            pelapor=admin,
        )
        for k in kims
        for i in range(8)
    )
    Kegiatan.kim_mitra.through.objects.bulk_create(
        Kegiatan.kim_mitra.through(kegiatan_id=g.pk, kim_id=kims[(n + 1) % len(kims)].pk) for n, g in enumerate(kegiatan[::8])
    )
    berita = Berita.objects.bulk_create(
        Berita(
            judul=f"Berita {i} {k.nama}",
            slug="berita",
            isi="Isi.",
            wilayah=k.wilayah,
            kim=k,
            penulis=admin,
            status=Status.TERBIT,
            terbit_pada=pada[i * 5],
        )
        for k in kims
        for i in range(4)
    )
    siaran = [
        Siaran.objects.create(judul=f"Siaran {i}", isi="Isi.", dikirim_oleh=admin, dikirim_pada=pada[i * 6]) for i in range(4)
    ]
    Penerimaan.objects.bulk_create(
        Penerimaan(
            siaran=s,
            kim=k,
            status=StatusPenerimaan.DITERUSKAN if i % 2 else StatusPenerimaan.DITERIMA,
            diteruskan_pada=s.dikirim_pada + timedelta(hours=3) if i % 2 else None,
        )
        for k in kims
        for i, s in enumerate(siaran)
    )
    ct = ContentType.objects.get_for_model(Berita)
    Komentar.objects.bulk_create(
        Komentar(
            content_type=ct,
            object_id=b.pk,
            wilayah_id=b.wilayah_id,
            nama="Warga",
            isi="Komentar.",
            status=SK.TAMPIL,
            klien="x" * 32,
            dibuat=pada[0] + timedelta(hours=2),
        )
        for b in berita[::2]
        for _ in range(3)
    )
    return kims, admin


def main() -> None:
    # The bundle's photos are written to a folder of their own, removed at the end.
    media = tempfile.mkdtemp(prefix="bench-penilaian-")
    os.environ["MEDIA_ROOT"] = media
    try:
        ukur()
    finally:
        shutil.rmtree(media, ignore_errors=True)


def ukur() -> None:
    setup_django()
    siapkan_db()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from penilaian.models import awal_bulan
    from penilaian.skor import hitung_bulan

    bulan = awal_bulan(awal_bulan(timezone.localdate()) - timedelta(days=1))
    kims, admin = isi(bulan)
    reverse("beranda:utama")  # loads the URLconf, as any running process has (about 1 s, once)
    detik, n = stopwatch(lambda: hitung_bulan(bulan))
    line(
        "penilaian",
        db=db_label(),
        what=f"hitung_bulan for {n} KIM, one month",
        seconds=round(detik, 2),
        target_seconds=TARGET_HITUNG_S,
        ok=verdict(detik <= TARGET_HITUNG_S),
    )

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)  # type: ignore[arg-type]
    url = f"/kelola/penilaian/?bulan={bulan:%Y-%m}"

    def render() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        return len(q)

    median, terlama = repeat_ms(render, RUNS)
    queries = render()
    html = client.get(url).content
    css = (BASE_DIR / "static" / "css" / "jembatan.css").read_bytes()
    kb = (len(gzip.compress(html, 9)) + len(gzip.compress(css, 9))) / 1024
    line(
        "penilaian",
        db=db_label(),
        what=f"/kelola/penilaian/ for {len(kims)} KIM, uncached",
        median_ms=round(median, 1),
        max_ms=round(terlama, 1),
        queries=queries,
        target_median_ms=TARGET_HALAMAN_MS,
        ok=verdict(median <= TARGET_HALAMAN_MS),
        html_css_gzip_kb=round(kb, 1),
        target_html_css_gzip_kb=TARGET_BERAT_KB,
        ok_weight=verdict(kb <= TARGET_BERAT_KB),
    )

    from penilaian import bundel

    kim = kims[0]
    siapkan_foto(kim, admin, bulan)
    isi_bundel = bundel.Bundel(kim, bulan, bulan)
    tracemalloc.start()
    detik, ukuran = stopwatch(lambda: sum(len(b) for b in bundel.tulis_zip(isi_bundel, situs="https://jembatan.example")))
    _now, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mib = puncak / 2**20
    line(
        "penilaian",
        db=db_label(),
        what="evidence bundle, 100 activities and 300 photos, streamed",
        seconds=round(detik, 2),
        zip_mb=round(ukuran / 1e6, 1),
        peak_python_mib=round(mib, 1),
        target_seconds=TARGET_BUNDEL_S,
        target_peak_python_mib=TARGET_BUNDEL_MIB,
        ok=verdict(detik <= TARGET_BUNDEL_S and mib <= TARGET_BUNDEL_MIB),
    )


def siapkan_foto(kim, admin, bulan) -> None:
    """Bring the KIM to 100 activities in the month, three photos each: one real photo processed once, its files
    stored again under new names for every row (what the bundle reads is the stored JPEG)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    from jembatan.lib.photos import process_photo
    from penilaian.models import FotoKegiatan, JenisKegiatan, Kegiatan

    gambar = Image.new("RGB", (1600, 1200))
    for x in range(0, 1600, 8):  # a pattern, so the JPEG is not trivially small
        gambar.paste((x % 256, (x * 3) % 256, (x * 7) % 256), (x, 0, x + 8, 1200))
    sumber = io.BytesIO()
    gambar.save(sumber, "PNG")
    sumber.seek(0)
    sumber.size = len(sumber.getvalue())  # type: ignore[attr-defined]
    lebar, tinggi, varian = process_photo(sumber, "bench")  # type: ignore[arg-type]
    isi_file = {w: {fmt: default_storage.open(p).read() for fmt, p in v.items()} for w, v in varian.items()}
    terbesar = max(isi_file, key=int)
    jenis = JenisKegiatan.objects.first()
    sudah = Kegiatan.objects.filter(kim=kim, tanggal__gte=bulan, tanggal__lt=bulan + timedelta(days=28)).count()
    Kegiatan.objects.bulk_create(
        Kegiatan(
            kim=kim,
            tanggal=bulan + timedelta(days=i % 28),
            jenis=jenis,
            judul=f"Kegiatan foto {i}",
            tempat="Balai",
            uraian="Uraian.",
            pelapor=admin,
        )
        for i in range(100 - sudah)
    )
    foto = []
    for g in Kegiatan.objects.filter(kim=kim, tanggal__gte=bulan, tanggal__lt=bulan + timedelta(days=28)):
        for i in range(3):
            salinan = {
                terbesar: {
                    fmt: default_storage.save(f"publik/bench/{g.pk}-{i}.{'jpg' if fmt == 'jpeg' else fmt}", ContentFile(data))
                    for fmt, data in isi_file[terbesar].items()
                }
            }
            foto.append(FotoKegiatan(kegiatan=g, keterangan=f"Foto {i}", lebar=lebar, tinggi=tinggi, varian=salinan, urutan=i))
    FotoKegiatan.objects.bulk_create(foto)


if __name__ == "__main__":
    main()
