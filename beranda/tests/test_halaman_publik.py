"""Public pages: what an anonymous visitor sees, in a constant number of queries, within budget."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jembatan.test import DESA_A, make_kim, make_pengurus
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/wilayah/63.05.01/", f"/wilayah/{DESA_A}/", "/kim/", "/cakupan/"]


def _queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()  # count a full render, not a cached one
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_query_count_does_not_grow_with_the_number_of_kim(client, url):
    make_kim("63.05.01.2003", "aktif")
    few = _queries(client, url)
    for kode in Wilayah.objects.filter(kabupaten_kode="63.05", level=4, kim__isnull=True).values_list("kode", flat=True)[:60]:
        kim = make_kim(kode, "aktif")
        make_pengurus(kim, f"Ketua {kode}")
    make_pengurus(Wilayah.objects.get(kode=DESA_A).kim, "Sekretaris", "sekretaris")
    from django.core.cache import cache

    cache.clear()
    assert _queries(client, url) == few


@pytest.mark.parametrize("url", ["/kelola/", f"/kelola/{DESA_A}/", "/kelola/63.05.01/"])
def test_management_pages_run_a_constant_number_of_queries(client, cast, url):
    client.force_login(cast.admin)
    few = _queries(client, url)
    for kode in Wilayah.objects.filter(kabupaten_kode="63.05", level=4, kim__isnull=True).values_list("kode", flat=True)[:40]:
        make_pengurus(make_kim(kode, "aktif"), f"Ketua {kode}")
    for i in range(5):
        make_pengurus(cast.kim_a, f"Anggota {i}", "anggota")
    assert _queries(client, url) == few


def test_regency_page_lists_kecamatan_and_draws_every_village(client):
    make_kim(DESA_A, "aktif")
    html = client.get("/").content.decode()
    assert html.count('<tr><th scope="row"><a href="/wilayah/63.05.') == 12
    svg = re.search(r'<svg class="peta".*?</svg>', html, re.S).group(0)
    assert svg.count('<a href="/wilayah/63.05.') == 135
    assert 'class="t-aktif" data-kode="63.05.01.2003"' in svg
    assert "<title>Desa Tungkap — Aktif</title>" in svg
    assert len(gzip.compress(svg.encode(), 9)) <= 60 * 1024


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_page_html_and_css_stay_within_30_kb_compressed(client, url):
    for kode in Wilayah.objects.filter(kabupaten_kode="63.05", level=4).values_list("kode", flat=True)[:80]:
        make_kim(kode, "aktif")
    html = client.get(url).content
    if url == "/" or url.startswith("/wilayah/63.05.01/"):
        html = re.sub(rb'<svg class="peta".*?</svg>', b"", html, flags=re.S)  # the map has its own budget
    static = Path(settings.BASE_DIR) / "static"
    # Scripts only enhance a page (the print button; offline reading and sending on every page), and
    # come from one small file of our own: the Content-Security-Policy allows no inline script.
    scripts = re.findall(rb'<script src="/static/([^"]+)" defer></script>', html)
    assert scripts == [b"js/jembatan.js"]
    assert html.count(b"<script") == len(scripts)
    files = [static / "css/jembatan.css", *(static / s.decode() for s in scripts)]
    assert len(gzip.compress(html, 9)) + sum(len(gzip.compress(f.read_bytes(), 9)) for f in files) <= 30 * 1024


def test_kecamatan_page_marks_desa_and_kelurahan_with_stage(client):
    make_kim("63.05.01.2006", "musyawarah")
    html = client.get("/wilayah/63.05.01/").content.decode()
    assert "Kecamatan Binuang" in html
    assert re.search(r"Karangan Putih</a></th><td>Kelurahan</td>", html)
    assert re.search(
        r"A\. Yani Pura</a></th><td>Desa</td><td>KIM uji 63\.05\.01\.2006</td><td><span class=\"lencana t-musyawarah\">Musyawarah",
        html,
    )


def test_village_page_shows_public_profile_but_never_contacts(client):
    kim = make_kim(
        DESA_A,
        "aktif",
        nama="KIM Tungkap Bersinar",
        nomor_kimid="KIM-6305-001",
        email_kontak="kim@tungkap.example",
        telepon_kontak="0812 1111 2222",
    )
    make_pengurus(kim, "Siti Rahmah", "ketua", telepon="081299998888", nik="6305010101010001", alamat="RT 02 Tungkap")
    make_pengurus(kim, "Budi", "seksi", nama_seksi="Informasi")
    make_pengurus(kim, "Mantan Ketua", "ketua", selesai="2025-04-01", mulai="2025-01-01")
    html = client.get(f"/wilayah/{DESA_A}/").content.decode()
    for shown in [
        "Desa Tungkap",
        "Binuang",
        "71183",
        "KIM Tungkap Bersinar",
        "141/01/2025",
        "1 Maret 2025",
        "KIM-6305-001",
        "Siti Rahmah",
        "Seksi Informasi",
    ]:
        assert shown in html, shown
    for hidden in ["081299998888", "6305010101010001", "RT 02 Tungkap", "kim@tungkap.example", "0812 1111 2222", "Mantan Ketua"]:
        assert hidden not in html, hidden
    kim.kontak_publik = True
    kim.save()
    assert "kim@tungkap.example" in client.get(f"/wilayah/{DESA_A}/").content.decode()


def test_village_without_kim_says_so_and_offers_the_kit(client):
    html = client.get("/wilayah/63.05.01.2007/").content.decode()
    assert "Belum ada KIM" in html
    assert "/wilayah/63.05.01.2007/kit/sk.docx" in html


def test_unknown_code_gives_a_helpful_404(client):
    response = client.get("/wilayah/63.05.01.2999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Tidak ada wilayah dengan kode" in html
    assert "/wilayah/63.05.01.2003/" in html  # suggestions from the same kecamatan
    outside = client.get("/wilayah/63.01/")
    assert outside.status_code == 404
    assert "Kabupaten Tanah Laut" in outside.content.decode() and "di luar" in outside.content.decode()


def test_directory_filters_by_kecamatan_stage_and_name(client):
    make_kim(DESA_A, "aktif", nama="KIM Tungkap Bersinar")
    make_kim("63.05.01.2006", "sosialisasi", nama="KIM Yani")
    make_kim("63.05.03.2001", "aktif", nama="KIM Pandulangan")
    make_kim("63.05.01.2007", "dibubarkan", nama="KIM Bubar")

    def names(query):
        return [k.nama for k in client.get("/kim/", query).context["halaman"].object_list]

    assert sorted(names({})) == ["KIM Pandulangan", "KIM Tungkap Bersinar", "KIM Yani"]
    assert sorted(names({"kecamatan": "63.05.01"})) == ["KIM Tungkap Bersinar", "KIM Yani"]
    assert names({"tahap": "sosialisasi"}) == ["KIM Yani"]
    assert names({"q": "bersinar"}) == ["KIM Tungkap Bersinar"]
    assert names({"q": "pandul"}) == ["KIM Pandulangan"]


def test_public_page_is_cached_and_retired_on_change(client):
    assert "Belum ada KIM" in client.get(f"/wilayah/{DESA_A}/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get(f"/wilayah/{DESA_A}/")
    assert len(ctx) <= 1  # served from the page cache
    make_kim(DESA_A, "aktif", nama="KIM Baru Saja")
    assert "KIM Baru Saja" in client.get(f"/wilayah/{DESA_A}/").content.decode()


def test_language_switch_to_english_and_back(client):
    response = client.get("/bahasa/en/?next=/cakupan/")
    assert response.status_code == 302 and response["Location"] == "/cakupan/"
    assert client.get("/").wsgi_request.LANGUAGE_CODE == "en"
    english = client.get("/").content.decode()
    assert 'lang="en"' in english and ">Coverage<" in english and "Map of KIM stages" in english
    assert client.get("/bahasa/id/?next=https://evil.example/")["Location"] == "/"


def test_pages_have_landmarks_skip_link_and_indonesian_dates(client):
    make_kim(DESA_A, "aktif")
    html = client.get(f"/wilayah/{DESA_A}/").content.decode()
    assert '<html lang="id">' in html
    assert 'href="#isi"' in html and '<main id="isi"' in html and "<header" in html and "<footer" in html and "<nav" in html
    assert "1 Januari 2025" in html
