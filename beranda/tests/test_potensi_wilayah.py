"""The potensi a village's KIM promotes, on its public profile (the village page), and a kecamatan's newest potensi,
composed by beranda (kim sits below the modules and cannot list them itself)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jembatan.test import DESA_A, DESA_B, KEC_BINUANG
from kim.models import Kim
from potensi.models import Status
from potensi.tests.bantu import jenis, make_potensi

pytestmark = pytest.mark.django_db


def _terbit(cast, **fields):
    return make_potensi(cast, status=Status.TERBIT, **fields)


def _profil_kim(html: str) -> str:
    m = re.search(r'<section aria-labelledby="judul-kim" class="kartu">(.*?)</section>', html, re.S)
    assert m, "no KIM profile on the village page"
    return m[1]


def test_the_kim_profile_lists_the_published_potensi_it_promotes(client, cast):
    """GIVEN village A's KIM with two published items and a draft, and village B's KIM with one item
    WHEN anyone opens village A's page
    THEN the KIM's profile names its two published items with links, and the catalogue, map and print links."""
    gula = _terbit(cast, nama="Gula aren")
    purun = _terbit(cast, nama="Anyaman purun", jenis=jenis("kerajinan"))
    make_potensi(cast, nama="Draf rahasia")
    _terbit(cast, nama="Madu", wilayah_id=DESA_B, kim=cast.kim_b)
    profil = _profil_kim(client.get(f"/wilayah/{DESA_A}/").content.decode())
    assert "Potensi yang dipromosikan" in profil
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a> · ([^<]+)</li>', profil) == [
        (purun.get_absolute_url(), "Anyaman purun", "Kerajinan"),
        (gula.get_absolute_url(), "Gula aren", "Pertanian"),
    ]
    assert f'href="/potensi/cetak/{DESA_A}/"' in profil and "/potensi/peta/?kecamatan=" in profil


def test_a_kim_without_published_potensi_has_no_such_part(client, cast):
    make_potensi(cast, nama="Draf rahasia")
    assert "Potensi yang dipromosikan" not in _profil_kim(client.get(f"/wilayah/{DESA_A}/").content.decode())


def test_the_kim_profile_uses_the_same_queries_whatever_the_number_of_items(client, cast, settings):
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    _terbit(cast)
    url = f"/wilayah/{DESA_A}/"
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for i in range(8):
        _terbit(cast, nama=f"Potensi {i}")
    with CaptureQueriesContext(connection) as banyak:
        client.get(url)
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)
    assert Kim.objects.get(pk=cast.kim_a.pk).potensi.count() == 9


def test_the_kecamatan_page_shows_its_newest_potensi_with_links(client, cast):
    _terbit(cast, nama="Gula aren")
    _terbit(cast, nama="Madu", wilayah_id=DESA_B, kim=cast.kim_b)  # Tapin Tengah
    html = client.get(f"/wilayah/{KEC_BINUANG}/").content.decode()
    assert "Potensi terbaru di kecamatan ini" in html and "Gula aren" in html and ">Madu<" not in html
    assert f'href="/potensi/cetak/{KEC_BINUANG}/"' in html
