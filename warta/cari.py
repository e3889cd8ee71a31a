"""Searching published news: PostgreSQL full-text search with the `indonesian` configuration (title
weighted over body, ranked, with highlighted snippets); a plain substring search on SQLite."""

from __future__ import annotations

from django.db.models import F, Subquery, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from jembatan.lib.fulltext import KONFIG, cocok_teks, kata_kunci, kueri, pakai_fts
from jembatan.lib.markup import to_text
from warta.models import Berita

__all__ = ["KONFIG", "cari", "cuplikan_aman", "cuplikan_untuk", "pakai_fts", "perbarui_vektor"]


def perbarui_vektor(pk: int) -> None:
    """Recompute one item's search vector (called after every save; PostgreSQL only)."""
    if not pakai_fts():
        return
    from django.contrib.postgres.search import SearchVector

    vektor = (
        SearchVector("judul", weight="A", config=KONFIG)
        + SearchVector("ringkasan", weight="B", config=KONFIG)
        + SearchVector("isi", weight="C", config=KONFIG)
    )
    Berita.objects.filter(pk=pk).update(cari_vektor=vektor)


# Relevance is ranked among the newest 1,000 matches only: ranking every match of a common phrase in a large
# archive costs far more than anyone reading past the first pages gains.
BATAS_PERINGKAT = 1000


def cari(q: str, qs=None):
    """Published items matching `q`, best first, then the newest, then the highest id, so that pages never
    shuffle items of equal rank (snippets: `cuplikan_untuk()` for the page shown)."""
    qs = (qs if qs is not None else Berita.objects.terbit()).select_related("wilayah", "kim")
    q = kueri(q)
    kata = kata_kunci(q)
    if not kata:
        return qs.none()
    if pakai_fts():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(q, config=KONFIG, search_type="websearch")
        terbaru = qs.filter(cari_vektor=query).order_by("-terbit_pada", "-pk").values("pk")[:BATAS_PERINGKAT]
        return (
            qs.filter(pk__in=Subquery(terbaru))
            .annotate(peringkat=SearchRank(F("cari_vektor"), query))
            .defer("isi", "cari_vektor")
            .order_by("-peringkat", "-terbit_pada", "-pk")
        )
    # Without full-text search: items with the words in their title first, then the newest.
    cond, peringkat = cocok_teks(kata, ("judul", "isi", "ringkasan"), utama="judul")
    return qs.filter(cond).annotate(cuplikan=Value(""), peringkat=peringkat).order_by("-peringkat", "-terbit_pada", "-pk")


def cuplikan_untuk(items, q: str) -> dict[int, str]:
    """Highlighted snippets for the items of one page: {id: safe HTML} (PostgreSQL's ts_headline on
    just those rows; elsewhere the summary with the words marked)."""
    items = list(items)
    if pakai_fts() and items:
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        query = SearchQuery(kueri(q), config=KONFIG, search_type="websearch")
        rows = Berita.objects.filter(pk__in=[b.pk for b in items]).annotate(
            cuplikan=SearchHeadline(
                "isi", query, config=KONFIG, start_sel="<mark>", stop_sel="</mark>", max_words=30, min_words=12, max_fragments=2
            )
        )
        mentah = dict(rows.values_list("pk", "cuplikan"))
        for b in items:
            b.cuplikan = mentah.get(b.pk, "")
    return {b.pk: cuplikan_aman(b, q) for b in items}


def cuplikan_aman(berita, q: str) -> str:
    """The snippet to show: PostgreSQL's headline made safe (only <mark> kept), else the summary with the words marked."""
    if getattr(berita, "cuplikan", ""):
        teks: str = escape(to_text(berita.cuplikan.replace("<mark>", "\x01").replace("</mark>", "\x02")))
        return mark_safe(teks.replace("\x01", "<mark>").replace("\x02", "</mark>"))  # only our own <mark> tags survive
    teks = escape(berita.ringkasan_atau_awal)
    for k in sorted({k for k in q.split() if len(k) > 2}, key=len, reverse=True):
        teks = _tandai(teks, escape(k))
    return mark_safe(teks)


def _tandai(teks: str, kata: str) -> str:
    import re

    return re.sub(f"({re.escape(kata)})", r"<mark>\1</mark>", teks, flags=re.IGNORECASE)
