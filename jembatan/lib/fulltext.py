"""What every search of the site shares: PostgreSQL full-text search with the `indonesian` configuration where the
database has it, a plain substring search elsewhere (SQLite), and one reading of what the visitor typed.

Each module keeps its own vector, ranking and order (warta.cari, potensi.cari); this is the part that must not
differ between them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

KONFIG = "indonesian"


def pakai_fts() -> bool:
    return connection.vendor == "postgresql"


def kueri(q: str) -> str:
    """The query as searched: PostgreSQL refuses NUL characters in any text it is given; 200 characters at most."""
    return q.replace("\x00", " ").strip()[:200]


def kata_kunci(q: str) -> list[str]:
    """The words a search looks for: at most eight, each longer than one character (a single letter is in
    nearly every item). A query without any finds nothing, on either database."""
    return [k for k in kueri(q).split() if len(k) > 1][:8]


def cocok_teks(kata: Sequence[str], kolom: Sequence[str], utama: str) -> tuple[Q, Case]:
    """The substring search without full-text search: every word in one of `kolom`, and a rank of 2 for the
    rows with every word in `utama` (the title or name), 1 for the others."""
    cond, di_utama = Q(), Q()
    for k in kata:
        satu = Q()
        for nama in kolom:
            satu |= Q(**{f"{nama}__icontains": k})
        cond &= satu
        di_utama &= Q(**{f"{utama}__icontains": k})
    return cond, Case(When(di_utama, then=Value(2)), default=Value(1), output_field=IntegerField())
