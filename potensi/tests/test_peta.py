"""The catalogue's map: points over the regency's outlines, private homes at their village's centre, markers merged
per village when there are many, the filters kept, and a bounded size."""

import gzip
import random
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jembatan.test import DESA_A, DESA_B, KAB
from potensi import peta
from potensi.models import Potensi, Status
from potensi.tests.bantu import jenis, make_potensi
from wilayah.impor import Proyeksi
from wilayah.models import Level, Wilayah

pytestmark = pytest.mark.django_db


def _terbit(cast, **fields):
    return make_potensi(cast, status=Status.TERBIT, **fields)


def _svg(html: str) -> str:
    m = re.search(r'<svg class="peta peta-potensi".*?</svg>', html, re.S)
    assert m, "no map on the page"
    return m[0]


def _titik(svg: str) -> dict[str, tuple[int, int]]:
    """{link: (cx, cy)} of the markers."""
    return {
        href: (int(x), int(y)) for href, x, y in re.findall(r'<a href="([^"]+)"><circle class="\w+" cx="(\d+)" cy="(\d+)"', svg)
    }


def _proyeksi():
    return Proyeksi.dari_batas(Wilayah.objects.get(kode=KAB).peta_batas)


def test_a_place_is_drawn_at_its_point_and_a_private_home_at_its_village_centre(client, cast):
    """GIVEN a river spot whose point is public and a home kitchen whose point is not
    WHEN anyone opens the catalogue
    THEN the spot's marker stands where its coordinates project, and the kitchen's on the village's centre,
    not on its coordinates."""
    desa = Wilayah.objects.get(kode=DESA_A)
    wisata = _terbit(cast, nama="Riam", jenis=jenis("wisata"), lat=desa.lat + 0.01, lng=desa.lng + 0.01, lokasi_publik=True)
    dapur = _terbit(cast, nama="Dapur Bu Salmah", lat=desa.lat - 0.012, lng=desa.lng - 0.012, lokasi_publik=False)
    titik = _titik(_svg(client.get("/potensi/").content.decode()))
    proj = _proyeksi()
    x, y = proj(wisata.lng, wisata.lat)
    assert titik[wisata.get_absolute_url()] == (round(x), round(y))
    x, y = proj(desa.lng, desa.lat)
    assert titik[dapur.get_absolute_url()] == (round(x), round(y))
    assert "Dapur Bu Salmah — Desa Tungkap" in _svg(client.get("/potensi/").content.decode())


def test_the_map_shows_only_what_the_filters_keep(client, cast):
    a = _terbit(cast, nama="Gula aren")
    b = _terbit(cast, nama="Anyaman purun", jenis=jenis("kerajinan"))
    c = _terbit(cast, nama="Madu", wilayah_id=DESA_B, kim=cast.kim_b)
    make_potensi(cast, nama="Draf")
    titik = _titik(_svg(client.get("/potensi/peta/?jenis=kerajinan").content.decode()))
    assert list(titik) == [b.get_absolute_url()]
    titik = _titik(_svg(client.get(f"/potensi/peta/?desa={DESA_B}").content.decode()))
    assert list(titik) == [c.get_absolute_url()]
    titik = _titik(_svg(client.get("/potensi/?q=purun").content.decode()))
    assert list(titik) == [b.get_absolute_url()]
    titik = _titik(_svg(client.get("/potensi/?jenis=pertanian&kecamatan=63.05.01").content.decode()))
    assert list(titik) == [a.get_absolute_url()]


def test_items_on_one_spot_become_one_marker_opening_the_villages_list_with_the_filters(client, cast):
    for i in range(3):
        _terbit(cast, nama=f"Kue {i}", jenis=jenis("kuliner"))  # no point: all on the village centre
    svg = _svg(client.get("/potensi/?jenis=kuliner").content.decode())
    [href] = _titik(svg)
    assert href == f"/potensi/?jenis=kuliner&amp;desa={DESA_A}"
    assert "<text" in svg and ">3</text>" in svg and "3 potensi di Desa Tungkap" in svg


def test_past_the_limit_every_village_is_one_marker(client, cast, monkeypatch):
    monkeypatch.setattr(peta, "MAKS_PENANDA", 2)
    desa = Wilayah.objects.get(kode=DESA_A)
    for i in range(3):
        _terbit(cast, nama=f"Wisata {i}", lat=desa.lat + 0.01 * i, lng=desa.lng, lokasi_publik=True)
    madu = _terbit(cast, nama="Madu", wilayah_id=DESA_B, kim=cast.kim_b)
    titik = _titik(_svg(client.get("/potensi/").content.decode()))
    assert set(titik) == {f"/potensi/?desa={DESA_A}", madu.get_absolute_url()}
    x, y = _proyeksi()(desa.lng, desa.lat)
    assert titik[f"/potensi/?desa={DESA_A}"] == (round(x), round(y))


def test_links_are_not_inside_an_image_or_another_link(client, cast):
    _terbit(cast)
    svg = _svg(client.get("/potensi/").content.decode())
    assert 'role="img"' not in svg and 'role="group"' in svg
    assert not re.search(r"<a [^>]*>(?:(?!</a>).)*<a ", svg, re.S)


def test_a_map_of_ten_thousand_items_stays_under_60_kb_compressed(client, cast):
    """GIVEN 10,000 published items with public points spread over every village of the regency
    WHEN the map page is opened
    THEN the map is at most 60 KB gzip-compressed (the whole page, too)."""
    acak = random.Random(11)
    desa = list(Wilayah.objects.filter(kabupaten_kode=KAB, level=Level.DESA, lat__isnull=False).values_list("kode", "lat", "lng"))
    contoh = make_potensi(cast, status=Status.TERBIT)
    kolom = {
        f.attname: getattr(contoh, f.attname) for f in Potensi._meta.concrete_fields if f.attname not in ("id", "cari_vektor")
    }
    items = []
    for i in range(10_000):
        kode, lat, lng = acak.choice(desa)
        publik = acak.random() < 0.6
        items.append(
            Potensi(
                **{
                    **kolom,
                    "wilayah_id": kode,
                    "kim_id": None,
                    "nama": f"Potensi nomor {i}",
                    "slug": f"potensi-nomor-{i}",
                    "lat": lat + acak.uniform(-0.02, 0.02),
                    "lng": lng + acak.uniform(-0.02, 0.02),
                    "lokasi_publik": publik,
                }
            )
        )
    Potensi.objects.bulk_create(items, batch_size=1000)
    cache.clear()
    html = client.get("/potensi/peta/").content.decode()
    svg = _svg(html)
    ukuran = len(gzip.compress(svg.encode()))
    print(
        f"map of 10,001 items: {len(svg):,} bytes, {ukuran:,} bytes gzip; page {len(gzip.compress(html.encode())):,} bytes gzip"
    )
    assert ukuran <= 60_000 and len(gzip.compress(html.encode())) <= 60_000
    katalog = client.get("/potensi/").content
    print(f"catalogue's first page (24 items and the map): {len(gzip.compress(katalog)):,} bytes gzip")
    assert len(gzip.compress(katalog)) <= 60_000
    assert len(_titik(svg)) <= 135  # one marker per village


def _jumlah_query(client, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def test_the_map_pages_use_the_same_queries_whatever_the_number_of_items(client, cast, settings):
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    _terbit(cast)
    urls = ["/potensi/peta/", "/potensi/peta/?kecamatan=63.05.01&jenis=pertanian", "/potensi/?q=gula"]
    for url in urls:
        _jumlah_query(client, url)  # per-process caches
    sedikit = [_jumlah_query(client, url) for url in urls]
    desa = Wilayah.objects.get(kode=DESA_A)
    for i in range(15):
        _terbit(cast, nama=f"Gula {i}", lat=desa.lat + i / 1000, lng=desa.lng, lokasi_publik=True)
        _terbit(cast, nama=f"Madu {i}", wilayah_id=DESA_B, kim=cast.kim_b)
    for url in urls:
        _jumlah_query(client, url)  # the new items started a page-cache generation: backgrounds are read anew
    assert [_jumlah_query(client, url) for url in urls] == sedikit


def test_the_maps_background_is_read_once_per_page_cache_generation(client, cast, settings):
    """
    GIVEN the catalogue's map drawn once
    WHEN the catalogue is asked again, then after the region's outlines are imported anew
    THEN the second answer reads no region data, and the one after the import draws the new outlines
    """
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    _terbit(cast)
    with CaptureQueriesContext(connection) as pertama:
        client.get("/potensi/")
    with CaptureQueriesContext(connection) as kedua:
        html = client.get("/potensi/").content.decode()

    def garis(queries) -> list[str]:  # the villages' and kecamatan's outlines, read for the map's background
        return [q["sql"] for q in queries if "peta_svg" in q["sql"] and '"wilayah_wilayah"."level" IN' in q["sql"]]

    assert garis(pertama.captured_queries) and not garis(kedua.captured_queries)
    desa = Wilayah.objects.get(kode=DESA_A)
    assert desa.peta_svg and desa.peta_svg in html
    Wilayah.objects.filter(kode=DESA_A).update(peta_svg="M1 1L2 2Z")
    assert "M1 1L2 2Z" not in client.get("/potensi/").content.decode()  # kept for this generation
    from jembatan.lib.pagecache import invalidate

    invalidate()  # as the boundary import does
    assert 'd="M1 1L2 2Z"' in client.get("/potensi/").content.decode()
