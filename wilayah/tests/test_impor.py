"""The region importer: idempotent, updates names in place, and all-or-nothing on bad input."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jembatan.test import csv_provinsi, make_kim
from wilayah.impor import ImporError, Proyeksi, impor_wilayah, poligon_svg
from wilayah.models import Wilayah, tipe_dari_kode

pytestmark = pytest.mark.django_db


def _rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _write(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture(scope="module")
def kalsel_csv():
    return csv_provinsi("63")


def test_village_type_is_read_from_the_code():
    assert tipe_dari_kode("63.05.01.1001") == "kelurahan"
    assert tipe_dari_kode("63.05.01.2003") == "desa"
    assert tipe_dari_kode("11.01.01.3001") == "desa_adat"
    assert tipe_dari_kode("63.05.01") is None


def test_loaded_tapin_villages_have_types_postcodes_and_outlines():
    desa = Wilayah.objects.filter(kabupaten_kode="63.05", level=4)
    assert desa.count() == 135
    assert desa.filter(tipe="kelurahan").count() == 9
    assert Wilayah.objects.get(kode="63.05.01.2003").kode_pos == "71183"
    assert not desa.filter(peta_svg="").exists()
    assert Wilayah.objects.get(kode="63.05").peta_viewbox.startswith("0 0 1000 ")


def test_the_stored_projection_puts_a_village_centre_inside_its_outline():
    """Points (a potensi) are drawn on the imported outlines with the projection the import kept."""
    from shapely.geometry import Point

    kabupaten = Wilayah.objects.get(kode="63.05")
    proyeksi = Proyeksi.dari_batas(kabupaten.peta_batas)
    assert proyeksi is not None and proyeksi.viewbox == kabupaten.peta_viewbox
    tungkap, pandulangan = Wilayah.objects.get(kode="63.05.01.2003"), Wilayah.objects.get(kode="63.05.03.2001")
    area = poligon_svg(tungkap.peta_svg)
    assert area.contains(Point(*proyeksi(tungkap.lng, tungkap.lat)))
    assert not area.contains(Point(*proyeksi(pandulangan.lng, pandulangan.lat)))
    assert Proyeksi.dari_batas("") is None


def test_a_hole_in_an_outline_is_not_part_of_its_area():
    from shapely.geometry import Point

    area = poligon_svg("M0 0l10 0l0 10l-10 0zM3 3l4 0l0 4l-4 0z")
    assert area.contains(Point(1, 1)) and not area.contains(Point(5, 5)) and area.area == 100 - 16


def test_same_file_twice_is_skipped_and_forced_reimport_changes_nothing(kalsel_csv):
    assert impor_wilayah(kalsel_csv, progres=False).dilewati
    hasil = impor_wilayah(kalsel_csv, paksa=True, progres=False)
    assert (hasil.baru, hasil.diubah, hasil.tidak_berlaku) == (0, 0, 0)


def test_newer_decree_renames_in_place_and_keeps_kim_links(tmp_path, kalsel_csv):
    kim = make_kim("63.05.01.2003", "aktif")
    rows = _rows(kalsel_csv)
    for row in rows:
        if row[0] == "63.05.01.2003":
            row[4] = "Tungkap Baru"
    rows = [r for r in rows if r[0] != "63.05.01.2019"]  # Mekar Sari dropped
    rows.append(["63.05.01.2099", "63.05.01", "4", "desa", "Desa Uji Pemekaran", "71183", "", ""])
    hasil = impor_wilayah(_write(tmp_path / "baru.csv", rows), progres=False)
    assert (hasil.baru, hasil.diubah, hasil.tidak_berlaku) == (1, 1, 1)
    kim.refresh_from_db()
    assert kim.wilayah.nama == "Tungkap Baru"
    assert not Wilayah.objects.get(kode="63.05.01.2019").berlaku
    assert Wilayah.objects.get(kode="63.05.01.2099").tipe == "desa"


@pytest.mark.parametrize(
    ("edit", "pesan"),
    [
        (lambda rows: [*rows[:500], rows[500][:3]], "baris 501: ada 3 kolom"),  # truncated mid-row
        (lambda rows: [*rows[:10], ["63.05.01.20X3", "63.05.01", "4", "desa", "X", "", "", ""]], "baris 11: kode tidak sah"),
        (lambda rows: [*rows[:10], ["63.05.01.2999", "63.05.02", "4", "desa", "X", "", "", ""]], "baris 11: induk"),
        (lambda rows: [*rows[:10], ["63.01.01.2999", "63.01.01", "4", "kelurahan", "X", "", "", ""]], "tidak cocok dengan kode"),
        (lambda rows: [*rows[:10], rows[5]], "muncul dua kali"),
        (lambda rows: [*rows[:10], ["63.01.01.2999", "63.01.01", "4", "desa", "X", "", "abc", ""]], "lat bukan angka"),
        (lambda rows: [["kode", "nama"], *rows[1:]], "baris 1: kolom"),
    ],
)
def test_corrupt_file_stops_with_line_number_and_changes_nothing(tmp_path, kalsel_csv, edit, pesan):
    make_kim("63.05.01.2003", "aktif")
    before = Wilayah.objects.count()
    rows = _rows(kalsel_csv)
    rows[1:] = [r for r in rows[1:] if r[0] != "63.05.01.2003"]  # would be marked no longer current
    bad = _write(tmp_path / "rusak.csv", edit(rows))
    with pytest.raises(ImporError, match=pesan):
        impor_wilayah(bad, progres=False)
    assert Wilayah.objects.count() == before
    assert Wilayah.objects.get(kode="63.05.01.2003").berlaku


def test_binary_file_is_refused(tmp_path):
    bad = tmp_path / "gambar.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(ImporError):
        impor_wilayah(bad, progres=False)


def test_command_reports_the_error_and_says_data_is_unchanged(tmp_path):
    bad = _write(tmp_path / "kosong.csv", [["kode", "parent_kode", "level", "tipe", "nama", "kode_pos", "lat", "lng"]])
    with pytest.raises(CommandError, match="tidak diubah"):
        call_command("impor_wilayah", str(bad), verbosity=0)
