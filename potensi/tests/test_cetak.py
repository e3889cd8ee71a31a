"""Printed potensi: the poster with its QR code, the A4 catalogue of a village or kecamatan, and the Atom feed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jembatan.test import DESA_A, DESA_B, KEC_BINUANG
from potensi.cetak import kode_qr
from potensi.models import FotoPotensi, Status
from potensi.tests.bantu import jenis, make_potensi

pytestmark = pytest.mark.django_db


def _terbit(cast, **fields):
    return make_potensi(cast, status=Status.TERBIT, **fields)


def test_the_poster_carries_a_qr_code_of_the_items_address(client, cast, settings):
    """GIVEN a published item
    WHEN its poster is opened
    THEN the page holds the QR code (drawn on the server) of the item's absolute address, printed beside it too."""
    settings.SITE_URL = "https://potensi.tapin.example"
    p = _terbit(cast, harga_min=25000, harga_max=40000, satuan="kg")
    html = client.get(f"/potensi/{p.pk}-{p.slug}/poster/").content.decode()
    url = f"https://potensi.tapin.example{p.get_absolute_url()}"
    qr = re.search(r'<svg viewBox="0 0 \d+ \d+" class="qr">.*?</svg>', html, re.S)
    assert qr and qr[0] == str(kode_qr(url, f"Kode QR ke halaman {p.nama}"))
    assert url in html and "Rp25.000–Rp40.000 / kg" in html and 'class="poster poster-a6"' in html
    assert kode_qr(url, "x") != kode_qr(url + "x", "x")  # the code changes with the address it carries


def test_the_poster_comes_in_a5_and_only_for_published_items(client, cast):
    p = _terbit(cast)
    assert 'class="poster poster-a5"' in client.get(f"/potensi/{p.pk}-{p.slug}/poster/?ukuran=a5").content.decode()
    assert 'class="poster poster-a6"' in client.get(f"/potensi/{p.pk}-{p.slug}/poster/?ukuran=a0").content.decode()
    draf = make_potensi(cast, nama="Draf")
    assert client.get(f"/potensi/{draf.pk}-{draf.slug}/poster/").status_code == 404
    r = client.get(f"/potensi/{p.pk}-salah/poster/")
    assert r.status_code == 301 and r["Location"] == f"/potensi/{p.pk}-{p.slug}/poster/"


def test_the_item_page_links_its_poster(client, cast):
    p = _terbit(cast)
    assert f'href="/potensi/{p.pk}-{p.slug}/poster/"' in client.get(p.get_absolute_url()).content.decode()


def _judul(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/potensi/[^"]+">([^<]+)</a></h3>', html)


def test_the_village_catalogue_lists_its_published_items_by_kind(client, cast):
    _terbit(cast, nama="Gula aren")
    _terbit(cast, nama="Anyaman purun", jenis=jenis("kerajinan"))
    make_potensi(cast, nama="Draf rahasia")
    _terbit(cast, nama="Madu", wilayah_id=DESA_B, kim=cast.kim_b)
    html = client.get(f"/potensi/cetak/{DESA_A}/").content.decode()
    assert _judul(html) == ["Gula aren", "Anyaman purun"]  # Pertanian before Kerajinan, as the kinds are ordered
    assert re.findall(r'<h2 id="jenis-[^"]+">([^<]+)</h2>', html) == ["Pertanian", "Kerajinan"]
    assert "2 potensi terverifikasi" in html and 'class="qr"' in html


def test_the_kecamatan_catalogue_names_each_items_village(client, cast):
    _terbit(cast, nama="Gula aren")
    _terbit(cast, nama="Madu", wilayah_id=DESA_B, kim=cast.kim_b)  # another kecamatan
    html = client.get(f"/potensi/cetak/{KEC_BINUANG}/").content.decode()
    assert _judul(html) == ["Gula aren"] and "Desa Tungkap · Kelompok Tani Maju" in html


def test_a_catalogue_outside_the_regency_or_of_the_regency_itself_is_404(client, cast):
    for kode in ("63.05", "63.04.01", "63.04.01.2001", "99"):
        assert client.get(f"/potensi/cetak/{kode}/").status_code == 404


def _jumlah_query(client, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def test_printed_pages_and_the_feed_use_the_same_queries_whatever_the_number_of_items(client, cast, settings):
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    p = _terbit(cast)
    urls = [f"/potensi/cetak/{DESA_A}/", f"/potensi/cetak/{KEC_BINUANG}/", f"/potensi/{p.pk}-{p.slug}/poster/", "/potensi/feed/"]
    for url in urls:
        _jumlah_query(client, url)
    sedikit = [_jumlah_query(client, url) for url in urls]
    for i in range(10):
        q = _terbit(cast, nama=f"Potensi {i}", jenis=jenis("kerajinan" if i % 2 else "kuliner"))
        FotoPotensi.objects.create(potensi=q, varian={"400": {"webp": f"{i}.webp", "jpeg": f"{i}.jpg"}})
        FotoPotensi.objects.create(potensi=p, varian={"400": {"webp": f"p{i}.webp", "jpeg": f"p{i}.jpg"}})
    assert [_jumlah_query(client, url) for url in urls] == sedikit


def test_the_feed_lists_published_items_newest_first_and_the_catalogue_links_it(client, cast):
    lama = _terbit(cast, nama="Gula aren", terbit_pada="2026-01-05T10:00:00+08:00")
    baru = _terbit(cast, nama="Madu kelulut", wilayah_id=DESA_B, kim=cast.kim_b, terbit_pada="2026-02-05T10:00:00+08:00")
    make_potensi(cast, nama="Draf rahasia")
    response = client.get("/potensi/feed/")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert re.findall(r"<title>([^<]+)</title>", xml)[1:] == ["Madu kelulut — Desa Pandulangan", "Gula aren — Desa Tungkap"]
    assert baru.get_absolute_url() in xml and lama.get_absolute_url() in xml and "Draf rahasia" not in xml
    assert '<link rel="alternate" type="application/atom+xml"' in client.get("/potensi/").content.decode()
    assert 'href="/potensi/feed/"' in client.get("/potensi/").content.decode()
