"""Searching the catalogue: ranked full-text search on PostgreSQL (substring search on SQLite), within the filters."""

import re

import pytest
from django.core.cache import cache

from jembatan.test import DESA_B
from potensi.cari import cari, pakai_fts
from potensi.models import Potensi, Status
from potensi.tests.bantu import jenis, make_potensi

pytestmark = pytest.mark.django_db


def _terbit(cast, **fields):
    return make_potensi(cast, status=Status.TERBIT, **fields)


def _nama(client, query: str) -> list[str]:
    cache.clear()
    html = client.get(f"/potensi/?{query}").content.decode()
    return re.findall(r'<h2><a href="/potensi/\d+-[^"]+">([^<]+)</a>', html)


def test_an_item_named_by_the_words_comes_before_one_that_only_mentions_them(client, cast):
    _terbit(cast, nama="Keripik pisang", deskripsi="Camilan renyah. Cocok dengan madu kelulut dari tetangga.")
    _terbit(cast, nama="Madu kelulut", deskripsi="Madu lebah tanpa sengat dari hutan karet.")
    _terbit(cast, nama="Anyaman purun", deskripsi="Tikar dan tas.")
    assert _nama(client, "q=madu+kelulut") == ["Madu kelulut", "Keripik pisang"]


def test_the_producer_and_business_names_are_searched_too(client, cast):
    _terbit(cast, nama="Gula aren", nama_usaha="KUB Aren Manis")
    _terbit(cast, nama="Anyaman purun", nama_produsen="Ibu Salmah")
    assert _nama(client, "q=salmah") == ["Anyaman purun"]
    assert _nama(client, "q=manis") == ["Gula aren"]


def test_search_combines_with_the_filters(client, cast):
    _terbit(cast, nama="Madu kelulut Tungkap")
    _terbit(cast, nama="Madu kelulut Pandulangan", wilayah_id=DESA_B, kim=cast.kim_b)
    _terbit(cast, nama="Madu hutan", jenis=jenis("produk-umkm"))
    assert set(_nama(client, "q=madu")) == {"Madu kelulut Tungkap", "Madu kelulut Pandulangan", "Madu hutan"}
    assert _nama(client, f"q=madu&desa={DESA_B}") == ["Madu kelulut Pandulangan"]
    assert _nama(client, "q=madu&jenis=produk-umkm") == ["Madu hutan"]


def test_unpublished_items_and_queries_without_words_find_nothing(cast):
    make_potensi(cast, nama="Madu rahasia")
    assert not cari(Potensi.objects.publik(), "madu").exists()
    _terbit(cast, nama="Madu kelulut")
    assert not cari(Potensi.objects.publik(), "a \x00 ").exists()
    assert [p.nama for p in cari(Potensi.objects.publik(), "madu\x00")] == ["Madu kelulut"]


def test_an_edited_item_is_found_by_its_new_words(cast):
    p = _terbit(cast, nama="Gula aren")
    p.deskripsi = "Kini juga ada gula semut organik."
    p.save()
    assert [x.pk for x in cari(Potensi.objects.publik(), "semut")] == [p.pk]


@pytest.mark.skipif("not __import__('potensi.cari').cari.pakai_fts()", reason="PostgreSQL full-text search only")
def test_postgres_finds_a_word_by_its_stem(cast):
    """The `indonesian` configuration stems words: "anyaman" finds an item that says "anyam"."""
    assert pakai_fts()
    _terbit(cast, nama="Tikar purun", deskripsi="Dianyam tangan oleh ibu-ibu desa; anyaman rapat.")
    assert [p.nama for p in cari(Potensi.objects.publik(), "anyaman")] == ["Tikar purun"]
