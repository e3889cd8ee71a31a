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
import random
import sys
import time

from umum import BASE_DIR, line, verdict

TARGET_KALENDER_S = 2.0
N_KALENDER = 1_000_000
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


if __name__ == "__main__":
    bagian = sys.argv[1] if len(sys.argv) > 1 else "kalender"
    if bagian == "kalender":
        bench_kalender()
    else:
        sys.exit(f"bench/ppid.py: unknown part {bagian!r} (kalender, laporan, halaman)")
