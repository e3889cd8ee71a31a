"""The public side of programs: the filtered list, the program page with its discussion, the feed, the print
summary and the village page."""

import json
import re

import pytest

from jembatan.test import DESA_A, DESA_B, KEC_BINUANG, KEC_TAPIN_TENGAH
from suarawarga.models import Bidang, SumberDana, TahapProgram
from suarawarga.tests.bantu import make_program

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_place_field_year_source_and_stage(client, cast):
    jalan = make_program(cast)
    posyandu = make_program(
        cast,
        nama="Posyandu Melati",
        slug="posyandu-melati",
        wilayah_id=DESA_B,
        bidang=Bidang.KESEHATAN,
        sumber_dana=SumberDana.ADD,
        tahun=2025,
        tahap=TahapProgram.BERJALAN,
    )
    kecamatan = make_program(
        cast, nama="Rehab kantor camat", slug="rehab", wilayah_id=KEC_BINUANG, sumber_dana=SumberDana.APBD_KAB
    )

    def nama(**saring):
        page = client.get("/program/", saring).content.decode()
        return {p.nama for p in (jalan, posyandu, kecamatan) if p.get_absolute_url() in page}

    assert nama() == {jalan.nama, posyandu.nama, kecamatan.nama}
    assert nama(kecamatan=KEC_BINUANG) == {jalan.nama, kecamatan.nama}
    assert nama(kecamatan=KEC_TAPIN_TENGAH) == {posyandu.nama}
    assert nama(desa=DESA_A) == {jalan.nama}
    assert nama(bidang="kesehatan") == nama(tahun="2025") == nama(sumber="add") == nama(tahap="berjalan") == {posyandu.nama}


def test_the_program_page_shows_its_facts_progress_discussion_and_jsonld(client, cast):
    p = make_program(cast, tahap=TahapProgram.BERJALAN, progres=40)
    p.kemajuan.create(tanggal="2026-07-09", persen=40, catatan="Timbunan sirtu 180 m.", oleh=cast.pemdes)
    page = client.get(p.get_absolute_url()).content.decode()
    for teks in (
        "Rp187.500.000",
        "Dana Desa",
        "TPK Desa Tungkap",
        "Berjalan",
        '<progress max="100" value="40">',
        "Timbunan sirtu 180 m.",
        "9 Juli 2026",
    ):
        assert teks in page
    assert 'name="isi"' in page  # the comment form of the discussion module
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Project" and data["areaServed"]["name"] == "Desa Tungkap"


def test_an_old_slug_redirects_to_the_program(client, cast):
    p = make_program(cast)
    response = client.get(f"/program/{p.pk}-nama-lama/")
    assert response.status_code == 301 and response["Location"] == p.get_absolute_url()


def test_a_postponed_program_shows_why(client, cast):
    p = make_program(cast, tahap=TahapProgram.DITUNDA, alasan_tahap="Menunggu pencairan tahap II.")
    assert "Menunggu pencairan tahap II." in client.get(p.get_absolute_url()).content.decode()


def test_the_print_summary_carries_the_facts_and_the_address_to_discuss(client, cast):
    p = make_program(cast)
    page = client.get(f"/program/{p.pk}-{p.slug}/cetak/").content.decode()
    assert "Rp187.500.000" in page and f"http://testserver{p.get_absolute_url()}" in page


def test_the_feed_lists_programs(client, cast):
    p = make_program(cast)
    response = client.get("/program/feed/")
    assert response["Content-Type"].startswith("application/atom+xml") and p.nama in response.content.decode()


def test_the_village_page_lists_its_programs_and_invites_aspirations(client, cast):
    p = make_program(cast)
    make_program(cast, nama="Program desa lain", slug="lain", wilayah_id=DESA_B)
    page = client.get(f"/wilayah/{DESA_A}/").content.decode()
    assert p.get_absolute_url() in page and "Program desa lain" not in page
    assert f"/aspirasi/kirim/?desa={DESA_A}" in page
    assert f'<option value="{DESA_A}" selected>' in client.get(f"/aspirasi/kirim/?desa={DESA_A}").content.decode()


def test_programs_and_the_public_lists_are_in_the_sitemap(client, cast):
    p = make_program(cast)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{p.get_absolute_url()}" in xml
    assert "http://testserver/aspirasi/</loc>" in xml and "http://testserver/jajak/</loc>" in xml
