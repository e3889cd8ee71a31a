"""The public catalogue and item pages: contact without exposing people, schema.org, filters, constant queries."""

import html as html_lib
import json
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jembatan.test import DESA_A, DESA_B
from kim.models import Kim
from potensi.models import Status
from potensi.tests.bantu import jenis, make_potensi

pytestmark = pytest.mark.django_db

NOMOR = "6281234567890"


def _teks(html: str) -> str:
    """What a reader sees: the page without its tags, attributes and scripts."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def _jsonld(html: str) -> dict:
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert m, "no JSON-LD on the page"
    return json.loads(m[1])


def _terbit(cast, **fields):
    return make_potensi(cast, status=Status.TERBIT, **fields)


def test_chat_button_goes_to_the_producer_only_with_consent_and_the_number_is_never_text(client, cast):
    """GIVEN a published item with the producer's number and their consent recorded
    WHEN anyone opens its page
    THEN the WhatsApp button opens a chat with that number naming the item, and the number is nowhere in the
    page's text or its JSON-LD."""
    p = _terbit(cast, wa_produsen=NOMOR, wa_setuju_pada="2026-01-10", wa_setuju_dicatat_oleh=cast.anggota)
    html = client.get(p.get_absolute_url()).content.decode()
    tombol = re.search(r'<a class="tombol" href="(https://wa\.me/[^"]+)"[^>]*>Chat di WhatsApp</a>', html)
    assert tombol and tombol[1].startswith(f"https://wa.me/{NOMOR}?text=") and "Gula%20aren%20Tungkap" in tombol[1]
    assert NOMOR not in _teks(html) and "0812" not in _teks(html)
    assert NOMOR not in json.dumps(_jsonld(html))
    assert html.count(NOMOR) == 1  # only inside the button's link


def test_without_consent_the_button_goes_to_the_kims_public_contact_or_is_absent(client, cast):
    p = _terbit(cast, wa_produsen=NOMOR)  # a number, but no consent recorded
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Chat di WhatsApp" not in html and NOMOR not in html
    Kim.objects.filter(pk=cast.kim_a.pk).update(telepon_kontak="0813 5000 1234", kontak_publik=True)
    cache.clear()  # an update() sends no signal; the KIM's profile form retires cached pages itself
    html = client.get(p.get_absolute_url()).content.decode()
    assert 'href="https://wa.me/6281350001234?text=' in html and NOMOR not in html


def test_a_kim_contact_that_is_not_public_gets_no_button(client, cast):
    Kim.objects.filter(pk=cast.kim_a.pk).update(telepon_kontak="0813 5000 1234", kontak_publik=False)
    html = client.get(_terbit(cast).get_absolute_url()).content.decode()
    assert "Chat di WhatsApp" not in html and "6281350001234" not in html


def test_item_page_shows_price_season_and_the_verified_mark(client, cast):
    with time_machine.travel("2026-03-02 10:00 +08:00", tick=False):
        p = _terbit(cast, harga_min=25000, harga_max=40000, satuan="kg", bulan=sum(1 << m for m in (4, 5, 6, 7)))
    teks = _teks(client.get(p.get_absolute_url()).content.decode())
    assert "Rp25.000–Rp40.000 / kg" in teks and "Mei–Agustus" in teks
    assert "Diverifikasi oleh KIM Tungkap Bersinar · terakhir dikonfirmasi 2 Maret 2026" in teks


def test_a_product_is_described_with_its_price_range(client, cast):
    p = _terbit(cast, harga_min=25000, harga_max=40000, satuan="kg", nama_usaha="KUB Aren Manis")
    data = _jsonld(client.get(p.get_absolute_url()).content.decode())
    assert data["@type"] == "Product" and data["name"] == "Gula aren Tungkap"
    assert data["offers"] == {
        "@type": "AggregateOffer",
        "lowPrice": 25000,
        "highPrice": 40000,
        "priceCurrency": "IDR",
        "availability": "https://schema.org/InStock",
    }
    assert data["brand"] == {"@type": "Brand", "name": "KUB Aren Manis"}


def test_a_place_is_a_tourist_attraction_and_its_point_shows_only_when_public(client, cast):
    p = _terbit(cast, jenis=jenis("wisata"), nama="Riam Kanan", lat=-2.98, lng=115.06, lokasi_publik=False)
    data = _jsonld(client.get(p.get_absolute_url()).content.decode())
    assert data["@type"] == "TouristAttraction" and data["address"]["addressLocality"] == "Tungkap" and "geo" not in data
    p.lokasi_publik = True
    p.save()
    data = _jsonld(client.get(p.get_absolute_url()).content.decode())
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": -2.98, "longitude": 115.06}


def test_a_service_is_a_local_business_with_a_price_range(client, cast):
    p = _terbit(cast, jenis=jenis("jasa"), nama="Jasa tenda", harga_min=500000, harga_max=500000, satuan="hari")
    data = _jsonld(client.get(p.get_absolute_url()).content.decode())
    assert data["@type"] == "LocalBusiness" and data["priceRange"] == "Rp500.000 / hari" and "telephone" not in data


def test_unpublished_items_are_not_public(client, cast):
    for status in (Status.DRAF, Status.DIAJUKAN, Status.DIKEMBALIKAN):
        p = make_potensi(cast, status=status)
        assert client.get(p.get_absolute_url()).status_code == 404
    assert "Gula aren" not in client.get("/potensi/").content.decode()


def test_catalogue_filters_by_kind_village_kecamatan_month_and_words(client, cast):
    _terbit(cast, nama="Gula aren", bulan=1 << 4)  # May only
    _terbit(cast, nama="Anyaman purun", jenis=jenis("kerajinan"), deskripsi="Tikar dan tas purun.")
    _terbit(cast, nama="Madu kelulut", wilayah_id=DESA_B, kim=cast.kim_b)

    def nama(query: str) -> set[str]:
        # A fresh render each time: the clock jumps by hours here, and a shared cache (Redis) keeps
        # pages by the real clock (a cached page may lag a month's turn by the page cache's few minutes).
        cache.clear()
        html = client.get(f"/potensi/?{query}").content.decode()
        return set(re.findall(r'<h2><a href="/potensi/\d+-[^"]+">([^<]+)</a>', html))

    assert nama("") == {"Gula aren", "Anyaman purun", "Madu kelulut"}
    assert nama("jenis=kerajinan") == {"Anyaman purun"}
    assert nama(f"desa={DESA_B}") == {"Madu kelulut"}
    assert nama("kecamatan=63.05.01") == {"Gula aren", "Anyaman purun"}
    assert nama("q=tikar") == {"Anyaman purun"}
    with time_machine.travel("2026-05-15 23:30 +08:00", tick=False):  # still May in Tapin, 15:30 UTC
        assert nama("bulan_ini=on") == {"Gula aren", "Anyaman purun", "Madu kelulut"}
    with time_machine.travel("2026-05-31 23:30 +08:00", tick=False):  # May in Tapin, though only just
        assert "Gula aren" in nama("bulan_ini=on")
    with time_machine.travel("2026-06-01 00:30 +08:00", tick=False):  # already June in Tapin, still May in UTC
        assert nama("bulan_ini=on") == {"Anyaman purun", "Madu kelulut"}


def _jumlah_query(client, url: str) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q.captured_queries)


def test_catalogue_and_item_page_use_the_same_queries_whatever_the_number_of_items(client, cast, settings):
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    pertama = _terbit(cast)
    from potensi.models import FotoPotensi

    FotoPotensi.objects.create(potensi=pertama, varian={"400": {"webp": "a.webp", "jpeg": "a.jpg"}})
    _jumlah_query(client, "/potensi/")  # the first request fills per-process caches (the regency, content types)
    sedikit = _jumlah_query(client, "/potensi/"), _jumlah_query(client, pertama.get_absolute_url())
    for i in range(12):
        p = _terbit(cast, nama=f"Potensi {i}")
        FotoPotensi.objects.create(potensi=p, varian={"400": {"webp": f"{i}.webp", "jpeg": f"{i}.jpg"}})
        FotoPotensi.objects.create(potensi=pertama, varian={"400": {"webp": f"b{i}.webp", "jpeg": f"b{i}.jpg"}})
    _jumlah_query(client, "/potensi/")  # the new items started a page-cache generation: the map's background is read anew
    assert (_jumlah_query(client, "/potensi/"), _jumlah_query(client, pertama.get_absolute_url())) == sedikit


def test_the_village_page_lists_its_published_items_with_constant_queries(client, cast, settings):
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    _terbit(cast, nama="Gula aren", harga_min=25000, harga_max=40000, satuan="kg")
    make_potensi(cast, nama="Draf rahasia")
    _terbit(cast, nama="Madu Pandulangan", wilayah_id=DESA_B, kim=cast.kim_b)
    url = f"/wilayah/{DESA_A}/"
    teks = _teks(client.get(url).content.decode())
    assert "Potensi desa" in teks and "Gula aren" in teks and "Rp25.000–Rp40.000 / kg" in teks
    assert "Draf rahasia" not in teks and "Madu Pandulangan" not in teks
    sebelum = _jumlah_query(client, url)
    for i in range(5):
        _terbit(cast, nama=f"Potensi {i}")
    assert _jumlah_query(client, url) == sebelum


def test_a_cached_catalogue_is_retired_when_an_item_is_approved(client, cast):
    p = make_potensi(cast, status=Status.DIAJUKAN)
    assert "Gula aren" not in client.get("/potensi/").content.decode()
    p.setujui(oleh=cast.editor, versi=p.versi)
    assert "Gula aren" in client.get("/potensi/").content.decode()


def test_a_wrong_slug_redirects_to_the_items_address(client, cast):
    p = _terbit(cast)
    response = client.get(f"/potensi/{p.pk}-salah/")
    assert response.status_code == 301 and response["Location"] == p.get_absolute_url()


def test_published_items_are_in_the_sitemap(client, cast):
    p = _terbit(cast)
    make_potensi(cast, nama="Draf")
    xml = client.get("/sitemap.xml").content.decode()
    assert p.get_absolute_url() in xml and xml.count("/potensi/") == 3  # the item, the catalogue and its map
    assert "/potensi/peta/</loc>" in xml


def test_the_filters_place_lists_are_read_once_per_page_cache_generation(client, cast, settings):
    """
    GIVEN the catalogue shown once
    WHEN a village is renamed without any signal (as an import writes), then the page-cache generation moves on
    THEN the filter keeps the list it read until the new generation, which lists the new name
    """
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    from jembatan.lib.pagecache import invalidate
    from wilayah.models import Wilayah

    assert client.get("/potensi/").status_code == 200
    Wilayah.objects.filter(kode=DESA_A).update(nama="Tungkap Baru")
    assert f'<option value="{DESA_A}">Tungkap Baru</option>' not in client.get("/potensi/").content.decode()
    invalidate()
    html = client.get("/potensi/").content.decode()
    assert f'<option value="{DESA_A}">Tungkap Baru</option>' in html
    assert (
        f'<option value="{DESA_A}" selected>Tungkap Baru</option>' in client.get("/potensi/", {"desa": DESA_A}).content.decode()
    )
