"""What the bench scripts share: Django set-up on a bench database only, timing, output lines."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Set Django up on the database named by DATABASE_URL, refusing anything but a bench database.

    The bench drops and fills its databases, so the dev database (var/db.sqlite3), the `test`
    database and any unset DATABASE_URL are refused before Django is imported; a PostgreSQL database must be
    named as a bench one (jembatan_bench…, or …bench for a part run on its own)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite:"):
        path = Path(url.split("sqlite:///", 1)[-1]).resolve()
        if path.is_relative_to(BASE_DIR / "var"):
            sys.exit(f"bench: refusing to touch {path} (the dev database)")
    elif url.startswith(("postgres://", "postgresql://")):
        if "bench" not in url.rsplit("/", 1)[-1]:
            sys.exit("bench: DATABASE_URL must name a PostgreSQL database whose name says bench (jembatan_bench*)")
    else:
        sys.exit("bench: set DATABASE_URL to a bench database (bench/run does)")
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jembatan.settings")
    import django

    django.setup()


def db_label() -> str:
    from django.db import connection

    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def stopwatch(fn: Callable[[], T]) -> tuple[float, T]:
    """Seconds the call took, and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def repeat_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and max milliseconds over `runs` calls, after one warm-up call."""
    fn()
    times = [stopwatch(fn)[0] * 1000 for _ in range(runs)]
    return statistics.median(times), max(times)


def line(section: str, **figures: object) -> None:
    """Print one `section key=value ...` line (values with spaces are quoted); round floats first."""
    parts = [section]
    for key, value in figures.items():
        text = str(value)
        parts.append(f'{key}="{text}"' if " " in text else f"{key}={text}")
    print(" ".join(parts), flush=True)


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def cari_berwaktu(indeks, teks: str, k: int = 5) -> tuple[list, float, float]:
    """`indeks.cari(teks, k)` of the hoax matcher, with its time in ms and the part of it spent embedding the
    message (the rest is the lexical stage, the search among the verdicts' vectors and the scoring)."""
    penyemat = indeks.penyemat
    semat = [0.0]

    def berwaktu(potongan):
        mulai = time.perf_counter()
        try:
            return penyemat(potongan)
        finally:
            semat[0] += (time.perf_counter() - mulai) * 1000

    indeks.penyemat = berwaktu
    try:
        mulai = time.perf_counter()
        hasil = indeks.cari(teks, k)
        total = (time.perf_counter() - mulai) * 1000
    finally:
        indeks.penyemat = penyemat
    return hasil, total, semat[0]
