"""Searching the catalogue: the same machinery as news search (warta.cari) — PostgreSQL full-text search with the
`indonesian` configuration, the item's name weighted over its producer over its description, ranked; a plain
substring search on SQLite. It narrows whatever queryset the catalogue's filters already made."""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

from potensi.models import Potensi

KONFIG = "indonesian"


def pakai_fts() -> bool:
    return connection.vendor == "postgresql"


def perbarui_vektor(pk: int) -> None:
    """Recompute one item's search vector (called after every save; PostgreSQL only)."""
    if not pakai_fts():
        return
    Potensi.objects.filter(pk=pk).update(cari_vektor=vektor_cari())


def vektor_cari():
    """The expression of an item's search vector: its name over its producer over its description (PostgreSQL)."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("nama", weight="A", config=KONFIG)
        + SearchVector("nama_usaha", "nama_produsen", weight="B", config=KONFIG)
        + SearchVector("deskripsi", weight="C", config=KONFIG)
    )


def _kueri(q: str) -> str:
    # PostgreSQL refuses NUL characters in any text it is given.
    return q.replace("\x00", " ").strip()[:200]


def kata_kunci(q: str) -> list[str]:
    """The words a search looks for: at most eight, each longer than one character (a single letter is in
    nearly every item). A query without any finds nothing, on either database."""
    return [k for k in _kueri(q).split() if len(k) > 1][:8]


def cari(qs, q: str):
    """The items of `qs` matching `q`, best first, then the most recently confirmed, then the highest id, so that
    pages never shuffle items of equal rank."""
    kata = kata_kunci(q)
    if not kata:
        return qs.none()
    if pakai_fts():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(_kueri(q), config=KONFIG, search_type="websearch")
        return (
            qs.filter(cari_vektor=query)
            .annotate(peringkat=SearchRank(F("cari_vektor"), query))
            .order_by("-peringkat", "-dikonfirmasi_pada", "-pk")
        )
    cond = Q()
    di_nama = Q()
    for k in kata:
        cond &= Q(nama__icontains=k) | Q(deskripsi__icontains=k) | Q(nama_usaha__icontains=k) | Q(nama_produsen__icontains=k)
        di_nama &= Q(nama__icontains=k)
    # Without full-text search: items with every word in their name first.
    peringkat = Case(When(di_nama, then=Value(2)), default=Value(1), output_field=IntegerField())
    return qs.filter(cond).annotate(peringkat=peringkat).order_by("-peringkat", "-dikonfirmasi_pada", "-pk")
