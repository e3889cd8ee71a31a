"""The coverage page marks dormant KIM "perlu pendampingan" with the rule of Diskominfo's page and the reminders."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from openpyxl import load_workbook

from jembatan.test import DESA_B
from penilaian.pengingat import kim_tidur
from penilaian.skor import ringkasan_kabupaten
from penilaian.tests.bantu import make_kegiatan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]

HARI_INI = date(2026, 6, 10)


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        cache.clear()
        yield


def _isi(cast):
    make_kegiatan(cast, tanggal=date(2026, 5, 4))  # village A's KIM: 37 days ago
    make_kegiatan(cast, kim=cast.kim_b, pelapor=cast.editor_lain, tanggal=date(2026, 3, 1))  # village B's: 101 days


def test_the_coverage_page_lists_the_kim_without_activity_for_60_days(client, cast):
    _isi(cast)
    html = client.get("/cakupan/").content.decode()
    bagian = html[html.index('id="judul-pendampingan"') :]
    assert "1 KIM perlu pendampingan" in bagian
    assert "tidak melaporkan kegiatan dalam 60 hari terakhir" in bagian
    assert f'href="/wilayah/{DESA_B}/">KIM Pandulangan</a>' in bagian
    assert "KIM Tungkap Bersinar" not in bagian


def test_the_coverage_page_follows_the_threshold_setting(client, cast, settings):
    _isi(cast)
    settings.JEMBATAN_KIM_TIDUR_HARI = 30
    html = client.get("/cakupan/").content.decode()
    assert "2 KIM perlu pendampingan" in html
    settings.JEMBATAN_KIM_TIDUR_HARI = 120
    cache.clear()
    assert 'id="judul-pendampingan"' not in client.get("/cakupan/").content.decode()


def test_the_exports_carry_the_same_kim(client, cast):
    _isi(cast)
    baris = list(csv.reader(io.StringIO(client.get("/cakupan/unduh.csv").content.decode().lstrip("\ufeff"))))
    mulai = next(i for i, b in enumerate(baris) if b and b[-1].startswith("KIM perlu pendampingan"))
    assert baris[mulai + 1 :] == [[DESA_B, "Tapin Tengah", "Pandulangan", "KIM Pandulangan"]]
    buku = load_workbook(io.BytesIO(client.get("/cakupan/unduh.xlsx").content))
    rows = list(buku["Perlu pendampingan"].values)
    assert rows[1:] == [(DESA_B, "Tapin Tengah", "Pandulangan", "KIM Pandulangan")]


@pytest.mark.parametrize("hari", [30, 60, 120])
def test_one_rule_of_dormancy_for_the_coverage_page_the_reminders_and_diskominfos_page(client, cast, settings, hari):
    _isi(cast)
    settings.JEMBATAN_KIM_TIDUR_HARI = hari
    from kim.cakupan import perlu_pendampingan
    from wilayah.models import kabupaten_aktif

    cakupan = {k.pk for k in perlu_pendampingan(kabupaten_aktif(), HARI_INI)}
    pengingat = set(kim_tidur(HARI_INI).values_list("pk", flat=True))
    halaman = {b.kim.pk for b in ringkasan_kabupaten(date(2026, 5, 1), HARI_INI).baris if b.tidur}
    assert cakupan == pengingat == halaman
