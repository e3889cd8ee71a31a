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

`bench/penilaian.py nasional` is the nationwide case instead, on PostgreSQL after the national import (the
database bench/impor.py leaves): one active KIM per village of Indonesia (83,762), each with synthesised activity
for last month (fixed seed, so every run builds the same data: 4 activities, one held with a neighbouring KIM; 2
published news items; 2 of the month's 4 siaran received, one of them forwarded; 3 comments; 3 pengurus), then
the month's scores computed the way Diskominfo's button does it: a `Perhitungan` request run by the background
task `hitung_latar`, run in this process as a worker runs it (`hitung_latar.call`), with its progress read from the database
every 10 s by another connection, as the page does. The deployment scores one regency's KIM; here the task is
given every KIM of Indonesia (`skor.kim_dinilai` widened for the run). Target ≤ 5 minutes.
BENCH_NASIONAL_ULANG=1 computes again over data an earlier run synthesised (the month's scores are replaced).
"""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import sys
import tempfile
import threading
import time as jam
import tracemalloc
from datetime import datetime, time, timedelta

from umum import BASE_DIR, db_label, line, repeat_ms, setup_django, stopwatch, verdict

TARGET_HITUNG_S = 2
TARGET_HALAMAN_MS = 200
TARGET_BERAT_KB = 30
TARGET_BUNDEL_S = 20
TARGET_BUNDEL_MIB = 300
TARGET_NASIONAL_S = 300
SEED = 6305
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


def isi_nasional(bulan) -> int:
    """One active KIM per village of Indonesia with a month of synthesised activity; returns how many KIM."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from akun.models import Peran, User
    from diskusi.models import Komentar
    from diskusi.models import Status as SK
    from kim.models import Kim, Pengurus, Tahap
    from penilaian.models import JenisKegiatan, Kegiatan
    from siaran.models import Penerimaan, Siaran, StatusPenerimaan
    from warta.models import Berita, Status
    from wilayah.models import Level, Wilayah

    if Kim.objects.exists():
        raise SystemExit("bench: the database already holds KIM; run the nationwide case on a freshly imported one")
    rng = random.Random(SEED)
    admin = User.objects.create(email="bench-admin@bench.example", nama="Bench", peran=Peran.ADMIN, is_staff=True)
    desa = Wilayah.objects.filter(level=Level.DESA, berlaku=True).order_by("kode").values_list("kode", "nama")
    Kim.objects.bulk_create((Kim(wilayah_id=k, nama=f"KIM {n}", tahap=Tahap.AKTIF) for k, n in desa), batch_size=5000)
    kims = list(Kim.objects.order_by("wilayah_id").values_list("pk", "wilayah_id"))
    mulai = bulan - timedelta(days=400)
    Pengurus.objects.bulk_create(
        (Pengurus(kim_id=pk, nama=f"Pengurus {i}", jabatan="anggota", mulai=mulai) for pk, _w in kims for i in range(3)),
        batch_size=5000,
    )
    jenis = list(JenisKegiatan.objects.all())
    kegiatan = Kegiatan.objects.bulk_create(
        (
            Kegiatan(
                kim_id=pk,
                tanggal=bulan + timedelta(days=rng.randrange(28)),
                jenis=jenis[rng.randrange(len(jenis))],
                judul=f"Kegiatan {i}",
                tempat="Balai desa",
                uraian="Uraian kegiatan.",
                jumlah_peserta=rng.randrange(5, 60),
                pelapor=admin,
            )
            for pk, _w in kims
            for i in range(4)
        ),
        batch_size=5000,
    )
    Kegiatan.kim_mitra.through.objects.bulk_create(
        (Kegiatan.kim_mitra.through(kegiatan_id=g.pk, kim_id=kims[(n + 1) % len(kims)][0]) for n, g in enumerate(kegiatan[::4])),
        batch_size=5000,
    )
    pada = [timezone.make_aware(datetime.combine(bulan + timedelta(days=d), time(9))) for d in range(28)]
    berita = Berita.objects.bulk_create(
        (
            Berita(
                judul=f"Berita {i}",
                slug="berita",
                isi="Isi.",
                wilayah_id=w,
                kim_id=pk,
                penulis=admin,
                status=Status.TERBIT,
                terbit_pada=pada[rng.randrange(28)],
            )
            for pk, w in kims
            for i in range(2)
        ),
        batch_size=5000,
    )
    siaran = [
        Siaran.objects.create(judul=f"Siaran {i}", isi="Isi.", dikirim_oleh=admin, dikirim_pada=pada[i * 6]) for i in range(4)
    ]
    penerimaan = []
    for pk, _w in kims:
        for i, s in enumerate(rng.sample(siaran, 2)):
            cepat = i == 0
            penerimaan.append(
                Penerimaan(
                    siaran=s,
                    kim_id=pk,
                    status=StatusPenerimaan.DITERUSKAN if cepat else StatusPenerimaan.DITERIMA,
                    diteruskan_pada=(s.dikirim_pada or pada[0]) + timedelta(hours=rng.randrange(1, 48)) if cepat else None,
                )
            )
    Penerimaan.objects.bulk_create(penerimaan, batch_size=5000)
    ct = ContentType.objects.get_for_model(Berita)
    Komentar.objects.bulk_create(
        (
            Komentar(
                content_type=ct,
                object_id=b.pk,
                wilayah_id=b.wilayah_id,
                nama="Warga",
                isi="Komentar.",
                status=SK.TAMPIL,
                klien="x" * 32,
                dibuat=(b.terbit_pada or pada[0]) + timedelta(hours=2),
            )
            for b in berita[::2]
            for _ in range(3)
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner is told about the freshly inserted rows
    return len(kims)


def nasional() -> None:
    setup_django()
    from django.db import connection, connections
    from django.urls import reverse
    from django.utils import timezone

    if connection.vendor != "postgresql":
        raise SystemExit("bench: the nationwide case runs on PostgreSQL")
    from kim.models import Kim
    from penilaian import skor
    from penilaian.models import NilaiIndikator, Perhitungan, SkorBulanan, awal_bulan
    from penilaian.tasks import hitung_latar

    bulan = awal_bulan(awal_bulan(timezone.localdate()) - timedelta(days=1))
    if os.environ.get("BENCH_NASIONAL_ULANG") == "1" and Kim.objects.exists():  # a run that synthesised already
        isi_s, n = 0.0, Kim.objects.count()
    else:
        isi_s, n = stopwatch(lambda: isi_nasional(bulan))
    line(
        "penilaian",
        db=db_label(),
        what="synthesised a month of activity for every KIM of Indonesia",
        kim=n,
        seconds=round(isi_s, 1),
    )
    skor.kim_dinilai = lambda: Kim.objects.tercakup().order_by("pk")  # type: ignore[assignment]  # all of Indonesia
    reverse("beranda:utama")  # loads the URLconf, as a running worker has
    p = Perhitungan.objects.create(bulan=bulan, total=skor.kim_dinilai().count())
    berhenti = threading.Event()

    def pantau() -> None:
        awal = jam.perf_counter()
        while not berhenti.wait(10):
            selesai, total = Perhitungan.objects.filter(pk=p.pk).values_list("selesai", "total").get()
            print(f"bench: {jam.perf_counter() - awal:5.0f} s: {selesai} of {total} KIM", file=sys.stderr, flush=True)
        connections.close_all()

    pemantau = threading.Thread(target=pantau, daemon=True)
    pemantau.start()
    detik, hasil = stopwatch(lambda: hitung_latar.call(p.pk))
    berhenti.set()
    pemantau.join()
    p.refresh_from_db()
    line(
        "penilaian",
        db=db_label(),
        what=f"a month's scores for {p.total} KIM (all Indonesia) by the task hitung_latar, progress every 500 KIM",
        result=hasil,
        status=p.status,
        done=p.selesai,
        scores=SkorBulanan.objects.filter(bulan=bulan).count(),
        indicator_values=NilaiIndikator.objects.filter(skor__bulan=bulan).count(),
        seconds=round(detik, 1),
        target_seconds=TARGET_NASIONAL_S,
        ok=verdict(detik <= TARGET_NASIONAL_S and p.status == Perhitungan.Status.SELESAI),
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["nasional"]:
        nasional()
    else:
        main()
