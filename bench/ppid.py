"""Issue 13, PPID: the working-day clock, the annual report, and the public DIP and tracking pages.

`bench/ppid.py kalender` needs no database: 1,000,000 deadline computations (`add_working_days` by 10, the
legal clock) from start dates spread over 2024–2027 on one calendar with a regional holiday, after one
warm-up call; then 1,000,000 `working_days_between` over the same dates (target ≤ 2 s each).

`bench/ppid.py laporan` and `bench/ppid.py halaman` run on a bench database (DATABASE_URL=…/jembatan_bench*, or a
sqlite file outside var/; it migrates and imports province 63 when empty). `laporan` fills the kabupaten's 135
village PPID and the regency with 10,000 requests of last year (fixed seed; three in four answered, one in ten
refused on a Ps. 17 ground, one in fifty objected to) and times the regency's Laporan Layanan Informasi Publik as
DOCX — its figures and the recap of every village PPID — (target ≤ 5 s), and one village's. `halaman` renders a
village's DIP page (20 entries) and a tracking page in-process without the cache, counts their SQL queries
(again with more entries and requests: constant) and weighs HTML + CSS + JS with gzip -9 (target ≤ 30 KB), then
prints their addresses for bench/ppid.sh, which loads them under gunicorn with wrk.
Prints `ppid` lines.
"""

from __future__ import annotations

import datetime as dt
import gzip
import random
import re
import sys
import time

from umum import BASE_DIR, db_label, line, repeat_ms, setup_django, stopwatch, verdict

TARGET_KALENDER_S = 2.0
TARGET_LAPORAN_S = 5.0
TARGET_BERAT_KB = 30
N_KALENDER = 1_000_000
N_PERMOHONAN = 10_000
SEED = 1413


def bench_kalender() -> None:
    sys.path.insert(0, str(BASE_DIR))
    from jembatan.lib.workdays import Calendar

    kal = Calendar(extra_holidays={dt.date(2026, 12, 1): "Hari Jadi Kabupaten"})
    rng = random.Random(SEED)
    awal, akhir = dt.date(2024, 1, 1).toordinal(), dt.date(2027, 12, 31).toordinal()
    tanggal = [dt.date.fromordinal(rng.randint(awal, akhir)) for _ in range(N_KALENDER)]
    kal.add_working_days(tanggal[0], 10)
    mulai = time.perf_counter()
    for d in tanggal:
        kal.add_working_days(d, 10)
    tambah_s = time.perf_counter() - mulai
    pasangan = list(zip(tanggal, tanggal[1:] + tanggal[:1], strict=True))
    mulai = time.perf_counter()
    for a, b in pasangan:
        kal.working_days_between(a, b)
    antara_s = time.perf_counter() - mulai
    line(
        "ppid",
        part="kalender",
        n=N_KALENDER,
        add_working_days_s=round(tambah_s, 3),
        working_days_between_s=round(antara_s, 3),
        target_s=TARGET_KALENDER_S,
        ok=verdict(tambah_s <= TARGET_KALENDER_S and antara_s <= TARGET_KALENDER_S),
    )


def siapkan_db() -> None:
    """Migrate, collect the static files (pages link hashed names) and import the kabupaten's province once."""
    from django.conf import settings
    from django.core.management import call_command

    from wilayah.models import Wilayah

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).exists():
        from jembatan.test import csv_provinsi
        from wilayah.impor import impor_wilayah

        impor_wilayah(csv_provinsi(settings.JEMBATAN_KABUPATEN[:2]), progres=False)


def _tahun_lalu() -> int:
    from django.utils import timezone

    return timezone.localdate().year - 1


def isi_permohonan(tahun: int) -> None:
    """10,000 requests of `tahun` over the 135 village PPID and the regency (fixed seed), registered in bulk with
    the fields the desk would have left: deadlines from the calendar, three in four answered."""
    from django.conf import settings

    from akun.models import Peran, User
    from ppid.models import (
        BATAS_JAWAB,
        AlasanPengecualian,
        Keberatan,
        Keputusan,
        Permohonan,
        Status,
        badan_publik_qs,
        kalender,
        nomor_registrasi,
    )

    Keberatan.objects.filter(permohonan__demo=True).delete()
    Permohonan.objects.filter(demo=True).delete()
    admin, _ = User.objects.get_or_create(
        email="bench-admin@bench.example", defaults={"nama": "Bench", "peran": Peran.ADMIN, "is_staff": True}
    )
    rng = random.Random(SEED)
    kal = kalender()
    badan = list(badan_publik_qs().order_by("kode"))
    assert len(badan) == 136 or settings.JEMBATAN_KABUPATEN != "63.05", len(badan)
    urut: dict[str, int] = {}
    baris = []
    awal = dt.date(tahun, 1, 2).toordinal()
    for n in range(N_PERMOHONAN):
        w = badan[n % len(badan)]
        diterima = dt.date.fromordinal(awal + rng.randint(0, 340))
        urut[w.kode] = urut.get(w.kode, 0) + 1
        batas = kal.add_working_days(diterima, BATAS_JAWAB)
        p = Permohonan(
            wilayah=w,
            nomor=nomor_registrasi("PPID", urut[w.kode], w, diterima) + f"-B{n}",
            urut=urut[w.kode],
            tahun=tahun,
            kode=f"B{n:09d}",
            nama=f"Pemohon {n}",
            nomor_identitas="6305000000000000",
            alamat="Alamat",
            rincian="Salinan dokumen anggaran.",
            tujuan="Pengawasan.",
            diterima=diterima,
            batas_jawab=batas,
            demo=True,
        )
        if rng.random() < 0.75:
            lama = rng.randint(1, 14)
            keputusan = rng.choice(list(Keputusan.values))
            p.status, p.keputusan, p.lama_jawab = Status.SELESAI, keputusan, lama
            p.dijawab, p.dijawab_oleh, p.isi_jawaban, p.penandatangan = (
                kal.add_working_days(diterima, lama),
                admin,
                "Isi.",
                "PPID",
            )
            if keputusan in (Keputusan.DITOLAK, Keputusan.SEBAGIAN):
                p.alasan_pengecualian, p.uji_konsekuensi = rng.choice(AlasanPengecualian.values), "Uji."
        baris.append(p)
    Permohonan.objects.bulk_create(baris, batch_size=1000)
    dijawab = list(Permohonan.objects.filter(demo=True, dijawab__isnull=False).order_by("pk")[::37])
    Keberatan.objects.bulk_create(
        Keberatan(
            permohonan=p,
            nomor=f"KEBERATAN-B{p.pk}",
            urut=i + 1,
            tahun=tahun,
            alasan="d",
            uraian="Tidak lengkap.",
            diterima=p.dijawab,
            batas_tanggapan=kal.add_working_days(p.dijawab, 30),
        )
        for i, p in enumerate(dijawab)
        if p.dijawab is not None
    )


def bench_laporan() -> None:
    from django.conf import settings

    from ppid.laporan import laporan_docx
    from wilayah.models import Wilayah

    siapkan_db()
    tahun = _tahun_lalu()
    isi_s, _ = stopwatch(lambda: isi_permohonan(tahun))
    kabupaten = Wilayah.objects.get(kode=settings.JEMBATAN_KABUPATEN)
    desa = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=4, berlaku=True).order_by("kode").first()
    assert desa is not None
    kab_s, isi = stopwatch(lambda: laporan_docx(kabupaten, tahun))
    kab_med_ms, kab_max_ms = repeat_ms(lambda: laporan_docx(kabupaten, tahun), 3)
    desa_med_ms, _ = repeat_ms(lambda: laporan_docx(desa, tahun), 5)
    line(
        "ppid",
        part="laporan",
        db=db_label(),
        requests=N_PERMOHONAN,
        village_ppid=135,
        fill_s=round(isi_s, 1),
        regency_report_docx_first_s=round(kab_s, 2),
        regency_report_docx_median_s=round(kab_med_ms / 1000, 2),
        regency_report_docx_max_s=round(kab_max_ms / 1000, 2),
        docx_kb=round(len(isi) / 1024, 1),
        village_report_docx_median_ms=round(desa_med_ms),
        target_s=TARGET_LAPORAN_S,
        ok=verdict(max(kab_s, kab_max_ms / 1000) <= TARGET_LAPORAN_S),
    )


def _berat_kb(html: bytes) -> tuple[float, int]:
    """HTML plus the stylesheets and scripts it links from our static files, each gzip -9, in KB; and their count."""
    from django.conf import settings

    total = len(gzip.compress(html, 9))
    aset = re.findall(rb'(?:href|src)="' + re.escape(settings.STATIC_URL.encode()) + rb'([^"]+\.(?:css|js))"', html)
    for nama in aset:
        total += len(gzip.compress((settings.STATIC_ROOT / nama.decode()).read_bytes(), 9))
    return total / 1024, len(aset)


def bench_halaman() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from ppid.models import Informasi, Kategori, Permohonan
    from wilayah.models import Wilayah

    siapkan_db()
    desa = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=4, berlaku=True).order_by("kode").first()
    assert desa is not None
    Informasi.objects.filter(wilayah=desa).delete()
    hari = dt.date.today() - dt.timedelta(days=30)
    kategori = list(Kategori.values)

    def tambah(n: int, awal: int) -> None:
        Informasi.objects.bulk_create(
            Informasi(
                wilayah=desa,
                kategori=kategori[i % 3],
                judul=f"Informasi publik {i}: APBDes, RKPDes dan laporan realisasi",
                ringkasan="Dokumen anggaran desa beserta rincian kegiatan dan realisasinya.",
                penanggung_jawab="Kaur Keuangan",
                retensi="5 tahun",
                tanggal=hari,
                diperbarui=hari,
            )
            for i in range(awal, awal + n)
        )

    tambah(20, 0)
    p = Permohonan.objects.filter(demo=True, dijawab__isnull=False).order_by("pk").first()
    if p is None:
        isi_permohonan(_tahun_lalu())
        p = Permohonan.objects.filter(demo=True, dijawab__isnull=False).order_by("pk").first()
    assert p is not None
    halaman = {"dip": f"/ppid/{desa.kode}/", "lacak": p.get_tracking_url()}
    client = Client(HTTP_HOST="127.0.0.1")

    def kueri(url: str):
        """The response and the number of SQL statements it took (counted as they run)."""
        n = [0]

        def hitung(execute, sql, params, many, context):
            n[0] += 1
            return execute(sql, params, many, context)

        client.get(url)
        with connection.execute_wrapper(hitung):
            r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        return r, n[0]

    hasil = {}
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0):
        for nama, url in halaman.items():
            r, q = kueri(url)
            ms, _ = repeat_ms(lambda url=url: client.get(url), 20)
            kb, aset = _berat_kb(r.content)
            hasil[nama] = (q, ms, kb, aset)
        tambah(80, 20)  # 100 entries: the query count must not move
        dip_100 = kueri(halaman["dip"])[1]
    # A cached hit in this process (local-memory cache): CPU time per request, which bounds what two cores serve.
    cpu_cached = {}
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=300):
        for nama, url in halaman.items():
            client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            mulai = time.process_time()
            for _ in range(2000):
                client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            cpu_cached[nama] = (time.process_time() - mulai) / 2000 * 1000
    for nama, (q, ms, kb, aset) in hasil.items():
        line(
            "ppid",
            part="halaman",
            page=nama,
            url=halaman[nama],
            db=db_label(),
            queries=q,
            **({"queries_with_100_entries": dip_100} if nama == "dip" else {}),
            uncached_median_ms=round(ms, 1),
            cached_cpu_ms_per_req_in_process=round(cpu_cached[nama], 3),
            html_css_js_gzip_kb=round(kb, 1),
            static_files=aset,
            target_kb=TARGET_BERAT_KB,
            ok=verdict(kb <= TARGET_BERAT_KB and (nama != "dip" or dip_100 == q)),
        )
    print(f"PAGES {halaman['dip']} {halaman['lacak']}", flush=True)


if __name__ == "__main__":
    bagian = sys.argv[1] if len(sys.argv) > 1 else "kalender"
    if bagian == "kalender":
        bench_kalender()
    elif bagian in ("laporan", "halaman"):
        setup_django()
        {"laporan": bench_laporan, "halaman": bench_halaman}[bagian]()
    else:
        sys.exit(f"bench/ppid.py: unknown part {bagian!r} (kalender, laporan, halaman)")
