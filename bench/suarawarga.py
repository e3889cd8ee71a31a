"""Suara warga (issue 12): its public pages under load, their weight, 10,000 votes from 50 voters at once, and the
aspiration list and statistics over 100,000 aspirations.

Needs a bench database on which `manage.py siapkan` ran (the DEMO programs, aspirations and discussion), and,
for the pages under load, Redis (REDIS_URL) and wrk. Run on its own, e.g.

    createdb -h 127.0.0.1 -U postgres suarabench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/suarabench REDIS_URL=redis://127.0.0.1:6379/8 \\
        DEBUG=0 SECRET_KEY=bench-only ALLOWED_HOSTS=127.0.0.1 .venv/bin/python manage.py siapkan
    DATABASE_URL=… REDIS_URL=… DEBUG=0 SECRET_KEY=bench-only ALLOWED_HOSTS=127.0.0.1 \\
        taskset -c 0 .venv/bin/python bench/suarawarga.py

Parts (environment): BENCH_SW_ONLY_ASPIRASI=1 (only the aspiration list and statistics over 100,000: no votes,
no gunicorn/wrk), BENCH_SW_SKIP_LOAD=1 (no gunicorn/wrk), BENCH_SW_ASPIRASI=100000 (aspirations the
database is filled up to; the bench rows say "BENCH" and stay for a second run), BENCH_SW_VOTES=10000,
BENCH_SW_VOTERS=50, BENCH_DURATION=10 / BENCH_WARMUP=2 / BENCH_CONNS=32 / BENCH_THREADS=2 (wrk),
BENCH_SW_WORKERS=4 (gunicorn sync workers), BENCH_RUNS=40 (timed renders per page). Prints `suarawarga` lines.
"""

from __future__ import annotations

import gzip
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from berat import fetch, own_assets
from umum import BASE_DIR, line, setup_django, stopwatch, verdict

RUNS = int(os.environ.get("BENCH_RUNS", "40"))
ASPIRASI = int(os.environ.get("BENCH_SW_ASPIRASI", "100000"))
VOTES = int(os.environ.get("BENCH_SW_VOTES", "10000"))
VOTERS = int(os.environ.get("BENCH_SW_VOTERS", "50"))
DURATION = os.environ.get("BENCH_DURATION", "10")
WARMUP = os.environ.get("BENCH_WARMUP", "2")
CONNS = os.environ.get("BENCH_CONNS", "32")
THREADS = os.environ.get("BENCH_THREADS", "2")
WORKERS = os.environ.get("BENCH_SW_WORKERS", "4")

TARGET_RPS = 1000
TARGET_P99_MS = 50
TARGET_PAGE_GZ = 30_000
TARGET_REQUESTS = 3
TARGET_SVG = 5_000
TARGET_P95_MS = 100


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def cpu_backend_ms(pid: int | None) -> float:
    """CPU milliseconds (user + system) the PostgreSQL backend `pid` has used so far, from /proc (0 when it cannot
    be read: another machine, or SQLite)."""
    try:
        kolom = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(kolom[11]) + int(kolom[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


# --- Data ---------------------------------------------------------------------------------------------


def isi_aspirasi(sampai: int) -> None:
    """Fill the database up to `sampai` aspirations across the regency's villages, topics and steps (straight
    rows: the model's `kirim` would take minutes and measure nothing here)."""
    from django.conf import settings
    from django.utils import timezone

    from suarawarga.models import HARI_TERUSKAN, Aspirasi, StatusAspirasi, TopikAspirasi, buat_kode
    from wilayah.models import Level, Wilayah

    ada = Aspirasi.objects.count()
    if ada >= sampai:
        _analyze()
        line("suarawarga", part="data", aspirasi=ada, created=0)
        return
    kecamatan_desa = dict(
        Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA).values_list("kode", "parent_id")
    )
    desa = list(kecamatan_desa)
    rng = random.Random(12)
    sekarang = timezone.now()
    status = [s for s in StatusAspirasi.values if s != StatusAspirasi.DIGABUNG]
    kode = set(Aspirasi.objects.values_list("kode", flat=True))
    mulai = time.perf_counter()
    baris = []
    for _i in range(sampai - ada):
        while (k := buat_kode()) in kode:
            pass
        kode.add(k)
        diterima = sekarang - timedelta(days=rng.randint(0, 720), minutes=rng.randint(0, 1440))
        st = rng.choice(status)
        kode_desa = rng.choice(desa)
        dijawab = st in (StatusAspirasi.DITINDAKLANJUTI, StatusAspirasi.SELESAI)
        baris.append(
            Aspirasi(
                kode=k,
                topik=rng.choice(TopikAspirasi.values),
                isi=f"BENCH aspirasi {k}: jalan rusak di RT {rng.randint(1, 12)}, mohon segera diperbaiki.",
                wilayah_id=kode_desa,
                kecamatan_id=kecamatan_desa[kode_desa],  # what `Aspirasi.save` keeps; bulk_create does not call it
                boleh_publik=rng.random() < 0.6,
                status=st,
                diterima_pada=diterima,
                ditindaklanjuti_pada=diterima + timedelta(days=7) if dijawab else None,
                selesai_pada=diterima + timedelta(days=9) if st in (StatusAspirasi.SELESAI, StatusAspirasi.DITOLAK) else None,
                hari_jawab=rng.randint(1, 20) if dijawab or st == StatusAspirasi.DITOLAK else None,
                batas_teruskan=(diterima + timedelta(days=HARI_TERUSKAN + 2)).date(),
                batas_tindak_lanjut=(diterima + timedelta(days=10)).date() if st != StatusAspirasi.DITERIMA else None,
                jumlah_pendukung=rng.randint(1, 40),
            )
        )
        if len(baris) == 5000:
            Aspirasi.objects.bulk_create(baris)
            baris = []
    Aspirasi.objects.bulk_create(baris)
    _analyze()
    detik = round(time.perf_counter() - mulai, 1)
    line("suarawarga", part="data", aspirasi=Aspirasi.objects.count(), created=sampai - ada, seconds=detik)


def _analyze() -> None:
    """Fresh planner statistics and visibility map after the bulk insert, so that index-only scans (the list's
    count, the statistics) need no visit to the table: what autovacuum does too, some time later."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE suarawarga_aspirasi")


# --- In-process: the aspiration list and statistics over 100,000 ---------------------------------------


def render_p95(paths: list[str]) -> None:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from suarawarga.models import Aspirasi

    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0):
        for path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"bench: {path} answered {response.status_code}")
            jumlah = len(queries)
            backend = None
            if connection.vendor == "postgresql":
                with connection.cursor() as c:
                    c.execute("SELECT pg_backend_pid()")
                    backend = c.fetchone()[0]
            times, cpu = [], []
            db_awal = cpu_backend_ms(backend)
            for _i in range(RUNS):
                cpu_awal = time.process_time()
                times.append(stopwatch(lambda p=path: client.get(p))[0] * 1000)
                cpu.append((time.process_time() - cpu_awal) * 1000)
            db_cpu = (cpu_backend_ms(backend) - db_awal) / RUNS
            p95 = statistics.quantiles(times, n=20)[-1]
            line(
                "suarawarga",
                part="render",
                page=path,
                what=f"in-process render, page cache off, {RUNS} runs, {Aspirasi.objects.count()} aspirations",
                queries=jumlah,
                p50_ms=round(statistics.median(times), 1),
                p95_ms=round(p95, 1),
                # This process's CPU only (Python, templates); the database's work is in the wall time above.
                cpu_p50_ms=round(statistics.median(cpu), 1),
                cpu_p95_ms=round(statistics.quantiles(cpu, n=20)[-1], 1),
                db_cpu_mean_ms=round(db_cpu, 1),  # the backend's CPU (/proc, 10 ms ticks), per render
                target_p95_ms=TARGET_P95_MS,
                ok=verdict(p95 <= TARGET_P95_MS),
                load=uptime().split("load average:")[-1].strip(),
            )


# --- 10,000 votes from 50 voters at once -------------------------------------------------------------------


def suara_bersamaan() -> int:
    """VOTERS threads, each its own database connection, cast VOTES votes through `Jajak.pilih` (the path the
    vote view takes) on one poll; then the counts must add up to VOTES with none lost. Returns the poll's id."""
    from django.db import connection
    from django.utils import timezone

    from akun.models import Peran, User
    from suarawarga.grafik import grafik_batang
    from suarawarga.models import Jajak, Pemilih
    from wilayah.models import Wilayah

    admin = User.objects.filter(peran=Peran.ADMIN).order_by("pk").first()
    desa = Wilayah.objects.filter(level=4, kabupaten_kode=os.environ.get("JEMBATAN_KABUPATEN", "63.05")).order_by("kode").first()
    sekarang = timezone.now()
    jajak = Jajak.buat(
        oleh=admin,
        opsi=["Balai desa", "Dekat sekolah dasar", "Dekat masjid", "Lapangan bola"],
        pertanyaan=f"BENCH {sekarang:%H%M%S} Di mana posyandu baru dibangun?",
        wilayah=desa,
        pemilih=Pemilih.SEMUA,
        buka_pada=sekarang - timedelta(minutes=1),
        tutup_pada=sekarang + timedelta(days=30),
    )
    opsi = list(jajak.opsi.values_list("pk", flat=True))
    connection.close()
    galat: list[str] = []
    dipilih = [0] * len(opsi)
    kunci = threading.Lock()
    per_pemilih = VOTES // VOTERS

    def pemilih(n: int) -> None:
        from django.db import connection as conn

        rng = random.Random(n)
        try:
            for i in range(per_pemilih):
                k = rng.randrange(len(opsi))
                Jajak.objects.get(pk=jajak.pk).pilih(pemilih=f"tbench-{n}-{i}", opsi_ids=[opsi[k]], klien=f"k{n}")
                with kunci:
                    dipilih[k] += 1
        except Exception as e:
            galat.append(repr(e))
        finally:
            conn.close()

    threads = [threading.Thread(target=pemilih, args=(n,)) for n in range(VOTERS)]
    mulai = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    detik = time.perf_counter() - mulai
    hasil, total = jajak.hasil()
    dihitung = [h.jumlah for h in hasil]
    hilang = VOTERS * per_pemilih - sum(dihitung)
    line(
        "suarawarga",
        part="votes",
        what=f"{VOTERS} threads, one connection each, Jajak.pilih on one poll",
        votes=VOTERS * per_pemilih,
        voters=total,
        counted=sum(dihitung),
        lost=hilang,
        per_option_match=verdict(dihitung == dipilih),
        errors=len(galat),
        seconds=round(detik, 1),
        votes_per_s=round(VOTERS * per_pemilih / detik),
        ok=verdict(hilang == 0 and not galat and dihitung == dipilih and total == VOTERS * per_pemilih),
    )
    if galat:
        print(f"bench: first vote error: {galat[0]}", file=sys.stderr)
    svg = str(grafik_batang(hasil, total)).encode()
    line(
        "suarawarga",
        part="chart",
        what="poll chart SVG, 4 options, 10,000 votes",
        svg_bytes=len(svg),
        svg_gz9=gz(svg),
        target_svg_bytes=TARGET_SVG,
        ok=verdict(len(svg) <= TARGET_SVG),
    )
    return jajak.pk


# --- HTTP: gunicorn + wrk, page cache on ------------------------------------------------------------------


def halaman_beban(jajak_pk: int) -> list[str]:
    from suarawarga.models import Aspirasi, Program

    program = Program.objects.filter(demo=True).order_by("pk").first() or Program.objects.order_by("pk").first()
    aspirasi = Aspirasi.objects.filter(demo=True).order_by("pk").first() or Aspirasi.objects.order_by("pk").first()
    if program is None or aspirasi is None:
        raise SystemExit("bench: no program or aspiration (run manage.py siapkan first)")
    return ["/program/", program.get_absolute_url(), aspirasi.get_absolute_url(), f"/jajak/{jajak_pk}/"]


def beban(paths: list[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = Path(os.environ.get("BENCH_TMP", tempfile.gettempdir())) / f"gunicorn-suarawarga-{port}.log"
    gunicorn = [str(BASE_DIR / ".venv/bin/gunicorn"), "jembatan.wsgi", "-w", WORKERS, "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*gunicorn, "--graceful-timeout", "5", "--error-logfile", str(log)],
        cwd=BASE_DIR,
        start_new_session=True,
    )
    try:
        for _i in range(60):
            try:
                fetch(base + "/program/")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit(f"bench: gunicorn did not answer; see {log}")
        for path in paths:
            html = fetch(base + path)
            css, js, lain = own_assets(html)
            berkas = b"".join(fetch(base + h) for h in css + js)
            total = gz(html) + gz(berkas)
            permintaan = 1 + len(css) + len(js)
            line(
                "suarawarga",
                part="weight",
                page=path,
                what="own HTML + CSS + JS, gzip -9",
                total_gz9=total,
                requests=permintaan,
                other_requests=len(lain),
                other_gz9=sum(gz(fetch(base + h)) for h in lain),
                target_total_gz9=TARGET_PAGE_GZ,
                target_requests=TARGET_REQUESTS,
                ok=verdict(total <= TARGET_PAGE_GZ and permintaan <= TARGET_REQUESTS),
            )
        lua = str(BASE_DIR / "bench/wrk_laporan.lua")
        for path in paths:
            subprocess.run(["wrk", "-t", THREADS, "-c", CONNS, "-d", f"{WARMUP}s", base + path], capture_output=True, check=True)
            beban_awal = uptime()
            out = subprocess.run(
                [
                    "wrk",
                    "-t",
                    THREADS,
                    "-c",
                    CONNS,
                    "-d",
                    f"{DURATION}s",
                    "--timeout",
                    "10s",
                    "--latency",
                    "-s",
                    lua,
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            angka = dict(re.findall(r"(\w+)=([\d.]+)", out.split("WRK", 1)[1]))
            rps, p99 = float(angka["rps"]), float(angka["p99_ms"])
            line(
                "suarawarga",
                part="load",
                page=path,
                what=f"gunicorn sync -w {WORKERS}, page cache on (Redis), wrk -t{THREADS} -c{CONNS} -d{DURATION}s",
                rps=round(rps),
                p50_ms=angka["p50_ms"],
                p99_ms=angka["p99_ms"],
                non2xx=angka["non2xx"],
                target_min_rps=TARGET_RPS,
                target_p99_ms=TARGET_P99_MS,
                ok=verdict(rps >= TARGET_RPS and p99 <= TARGET_P99_MS and angka["non2xx"] == "0"),
                load=beban_awal.split("load average:")[-1].strip(),
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    setup_django()
    line("suarawarga", part="meta", uptime=uptime(), nproc=os.cpu_count())
    isi_aspirasi(ASPIRASI)
    render_p95(
        ["/aspirasi/", "/aspirasi/?topik=infrastruktur", "/aspirasi/statistik/", "/api/v1/aspirasi", "/api/v1/aspirasi/statistik"]
    )
    if os.environ.get("BENCH_SW_ONLY_ASPIRASI") != "1":
        jajak_pk = suara_bersamaan()
        if os.environ.get("BENCH_SW_SKIP_LOAD") != "1":
            beban(halaman_beban(jajak_pk))
    line("suarawarga", part="meta", uptime_end=uptime())


if __name__ == "__main__":
    main()
