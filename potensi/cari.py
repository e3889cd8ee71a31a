"""Searching the catalogue: the same machinery as news search (warta.cari) — PostgreSQL full-text search with the
`indonesian` configuration, the item's name weighted over its producer over its description, ranked; a plain
substring search on SQLite. It narrows whatever queryset the catalogue's filters already made."""

from __future__ import annotations

from django.db.models import F

from jembatan.lib.fulltext import KONFIG, cocok_teks, kata_kunci, kueri, pakai_fts
from potensi.models import Potensi

__all__ = ["cari", "pakai_fts", "perbarui_vektor", "vektor_cari"]


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


def cari(qs, q: str):
    """The items of `qs` matching `q`, best first, then the most recently confirmed, then the highest id, so that
    pages never shuffle items of equal rank."""
    kata = kata_kunci(q)
    if not kata:
        return qs.none()
    if pakai_fts():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(kueri(q), config=KONFIG, search_type="websearch")
        return (
            qs.filter(cari_vektor=query)
            .annotate(peringkat=SearchRank(F("cari_vektor"), query))
            .order_by("-peringkat", "-dikonfirmasi_pada", "-pk")
        )
    # Without full-text search: items with every word in their name first.
    cond, peringkat = cocok_teks(kata, ("nama", "deskripsi", "nama_usaha", "nama_produsen"), utama="nama")
    return qs.filter(cond).annotate(peringkat=peringkat).order_by("-peringkat", "-dikonfirmasi_pada", "-pk")
