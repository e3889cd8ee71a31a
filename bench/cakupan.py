"""(c) Time the coverage counts with a KIM in every village of Indonesia.

Gives every village that has no KIM yet one at a random stage (fixed seed, so every run
builds the same data), then times kim.cakupan.cakupan_nasional() and cakupan() for the
largest province, Kalimantan Selatan, Tapin and Binuang. Prints `cakupan` lines.
"""

from __future__ import annotations

import functools
import os
import random
from collections.abc import Callable

from umum import db_label, line, repeat_ms, setup_django, stopwatch, verdict

TARGET_NASIONAL_MS = 300
SEED = 6305
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def isi_kim() -> tuple[int, float]:
    """One KIM per village still without one; returns how many were made and the seconds taken."""
    from django.db import connection

    from kim.models import Kim, Tahap
    from wilayah.models import Level, Wilayah

    rng = random.Random(SEED)
    tahap = list(Tahap.values)
    desa = Wilayah.objects.filter(level=Level.DESA, kim__isnull=True).order_by("kode").values_list("kode", "nama")
    baru = [Kim(wilayah_id=kode, nama=f"KIM {nama}", tahap=rng.choice(tahap)) for kode, nama in desa]
    seconds, _ = stopwatch(lambda: Kim.objects.bulk_create(baru, batch_size=5000))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Kim._meta.db_table}, {Wilayah._meta.db_table}")
    return len(baru), seconds


def main() -> None:
    setup_django()
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from kim.cakupan import cakupan, cakupan_nasional
    from kim.models import Kim
    from wilayah.models import Level, Wilayah

    dibuat, isi_s = isi_kim()
    villages = Wilayah.objects.filter(level=Level.DESA, berlaku=True).count()
    per_provinsi = (
        Wilayah.objects.filter(level=Level.DESA, berlaku=True)
        .values("provinsi_kode")
        .annotate(n=Count("kode"))
        .order_by("-n")
        .first()
    )
    if per_provinsi is None:
        raise SystemExit("bench: no villages in the database; run the national import first")
    terbesar = per_provinsi["provinsi_kode"]
    line(
        "cakupan",
        db=db_label(),
        what="bulk_create one KIM per village",
        villages=villages,
        kim=Kim.objects.count(),
        created=dibuat,
        bulk_create_s=round(isi_s, 2),
    )

    total = sum(row.jumlah_wilayah for row in cakupan_nasional())
    if total != villages:
        raise SystemExit(f"bench: cakupan_nasional counts {total} villages, the table holds {villages}")
    calls: list[tuple[str, str, Callable[[], object]]] = [
        ("nasional", "cakupan_nasional() (all kabupaten/kota of Indonesia)", cakupan_nasional)
    ]
    for kode, label in [(terbesar, "largest province"), ("63", "province"), ("63.05", "kabupaten"), ("63.05.01", "kecamatan")]:
        wilayah = Wilayah.objects.get(kode=kode)
        calls.append((kode, f"cakupan() of {wilayah.nama} ({label})", functools.partial(cakupan, wilayah)))
    for name, what, fn in calls:
        with CaptureQueriesContext(connection) as queries:
            fn()
        count = len(queries)
        median_ms, max_ms = repeat_ms(fn, RUNS)
        figures = {"median_ms": round(median_ms, 1), "max_ms": round(max_ms, 1), "runs": RUNS, "queries": count}
        if name == "nasional" and connection.vendor == "postgresql":  # SQLite: for information only
            figures |= {"target_median_ms": TARGET_NASIONAL_MS, "ok": verdict(median_ms <= TARGET_NASIONAL_MS)}
        line("cakupan", db=db_label(), call=name, what=what, **figures)


if __name__ == "__main__":
    main()
