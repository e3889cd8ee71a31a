"""Coverage counts: Tapin's real numbers, a small hand-computed case, progress and exports."""

import csv
import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from jembatan.test import make_kim
from kim.cakupan import cakupan, cakupan_nasional, desa_tanpa_kim, progres_tahunan
from kim.models import RiwayatTahap, TargetCakupan
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def test_tapin_has_its_real_numbers_of_kecamatan_and_villages():
    data = cakupan(Wilayah.objects.get(kode="63.05"))
    assert len(data.baris) == 12
    assert data.total.jumlah_wilayah == 135
    assert data.total.jumlah_desa == 126
    assert data.total.jumlah_kelurahan == 9
    assert data.total.per_tahap["belum_ada"] == 135
    binuang = next(b for b in data.baris if b.kode == "63.05.01")
    assert binuang.nama == "Binuang"
    assert binuang.jumlah_kelurahan == 3  # Binuang, Karangan Putih, Raya Belanti


def test_hand_computed_case_in_binuang():
    # Binuang has 11 villages (8 desa, 3 kelurahan). Give four of them KIM at different stages.
    make_kim("63.05.01.2003", "aktif")
    make_kim("63.05.01.2006", "terdaftar")
    make_kim("63.05.01.2007", "musyawarah")
    make_kim("63.05.01.1001", "dibubarkan")
    make_kim("63.05.03.2001", "aktif")  # another kecamatan: must not count here
    make_kim("63.05.01", "aktif")  # a kecamatan-level KIM is not a village
    row = cakupan(Wilayah.objects.get(kode="63.05.01")).total
    assert (row.jumlah_wilayah, row.jumlah_desa, row.jumlah_kelurahan) == (11, 8, 3)
    assert (row.per_tahap["aktif"], row.per_tahap["terdaftar"], row.per_tahap["musyawarah"]) == (1, 1, 1)
    assert row.per_tahap["dibubarkan"] == 1
    assert row.per_tahap["belum_ada"] == 7
    assert row.tercakup == 2
    assert row.persen == 18.2  # 2 of 11
    tanpa = [w.kode for w in desa_tanpa_kim(Wilayah.objects.get(kode="63.05.01"))]
    assert "63.05.01.1001" in tanpa  # dissolved counts as having no KIM
    assert "63.05.01.2007" not in tanpa  # in formation
    assert len(tanpa) == 8


def test_kabupaten_total_adds_up_its_kecamatan():
    make_kim("63.05.01.2003", "aktif")
    make_kim("63.05.03.2001", "aktif")
    data = cakupan(Wilayah.objects.get(kode="63.05"))
    assert data.total.tercakup == 2
    assert sum(b.tercakup for b in data.baris) == 2


def test_province_and_nationwide_coverage_group_by_kabupaten():
    make_kim("63.05.01.2003", "aktif")
    prov = cakupan(Wilayah.objects.get(kode="63"))
    assert len(prov.baris) == 13  # Kalimantan Selatan: 11 kabupaten + 2 kota
    tapin = next(b for b in prov.baris if b.kode == "63.05")
    assert tapin.tercakup == 1 and tapin.jumlah_wilayah == 135
    nasional = {b.kode: b for b in cakupan_nasional()}
    assert nasional["63.05"].tercakup == 1


@time_machine.travel(date(2025, 4, 15))
def test_progress_replays_history_month_by_month_against_the_target():
    kim = make_kim("63.05.01.2003", "aktif")  # terdaftar on 1 Apr 2025, aktif 1 May (future)
    RiwayatTahap.objects.filter(kim=kim, tanggal__gt=date(2025, 4, 15)).delete()
    make_kim("63.05.01.2006", "sosialisasi")
    TargetCakupan.objects.create(wilayah_id="63.05", tahun=2025, jumlah_desa=10)
    progres = progres_tahunan(Wilayah.objects.get(kode="63.05"), 2025, date(2025, 4, 15))
    assert [p.tercakup for p in progres.titik] == [0, 0, 0, 1]
    assert progres.titik[-1].bulan == date(2025, 4, 15)
    assert progres.persen_target == 10.0


def test_exports_carry_the_table_and_the_villages_without_kim(client):
    make_kim("63.05.01.2003", "aktif")
    response = client.get("/cakupan/unduh.csv")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Kode", "Kecamatan", "Desa", "Kelurahan", "Jumlah desa/kelurahan"]
    binuang = next(r for r in rows if r[:2] == ["63.05.01", "Binuang"])
    assert binuang[4] == "11" and binuang[-2] == "1" and binuang[-1] == "9.1"
    total = next(r for r in rows if r[1] == "Jumlah Kabupaten Tapin")
    assert total[4] == "135"
    tanpa = rows[rows.index(["Kode", "Kecamatan", "Desa/kelurahan tanpa KIM", "Jenis"]) + 1 :]
    tanpa = tanpa[: tanpa.index([])]  # the KIM that need accompaniment follow (when a module records activities)
    assert len(tanpa) == 134 and all(r[0].startswith("63.05.") for r in tanpa)

    response = client.get("/cakupan/unduh.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Cakupan per kecamatan"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[1][1] == "Kecamatan"
    assert values[2][:2] == ["63.05.01", "Binuang"] and values[2][4] == 11
    assert wb["Belum ada KIM"].max_row == 135  # header + 134 villages


def test_coverage_page_shows_table_list_and_target(client):
    make_kim("63.05.01.2003", "aktif")
    TargetCakupan.objects.create(wilayah_id="63.05", tahun=date.today().year, jumlah_desa=60)
    page = client.get("/cakupan/").content.decode()
    assert "1</strong> dari 135 desa/kelurahan" in page
    assert "Target akhir tahun: <strong>60</strong>" in page
    assert "Pandulangan" in page  # still without a KIM
    assert "@media print" not in page  # print rules live in the one stylesheet


def test_cached_export_keeps_its_filename_and_follows_changes(client):
    first = client.get("/cakupan/unduh.csv")
    again = client.get("/cakupan/unduh.csv")
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert again.content == first.content
    make_kim("63.05.01.2003", "aktif")
    changed = client.get("/cakupan/unduh.csv").content.decode("utf-8-sig")
    tanpa = changed.split("Desa/kelurahan tanpa KIM")[1].split("\r\n\r\n")[0]
    assert "63.05.01.2003" not in tanpa  # no longer listed among villages without a KIM


def test_the_coverage_page_counts_villages_without_a_kim_one_way(client, db):
    """GIVEN a dissolved KIM and a KIM that never started
    WHEN the coverage page is shown
    THEN its heading, its table's "Belum ber-KIM" total and the list of villages give the same number."""
    import re

    from kim.cakupan import cakupan, desa_tanpa_kim
    from wilayah.models import kabupaten_aktif

    make_kim("63.05.01.2003", "dibubarkan")
    make_kim("63.05.01.2007", "belum_ada")
    make_kim("63.05.01.2008", "aktif")
    kab = kabupaten_aktif()
    total = cakupan(kab).total
    assert total.tanpa_kim == len(desa_tanpa_kim(kab)) == total.jumlah_wilayah - 1
    html = client.get("/cakupan/").content.decode()
    assert f"{total.tanpa_kim} desa/kelurahan belum memiliki KIM" in html
    tfoot = re.search(r"<tfoot>.*?</tfoot>", html, re.S).group(0)
    assert f'<td class="angka">{total.tanpa_kim}</td>' in tfoot
