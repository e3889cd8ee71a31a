"""The monthly report is assembled from the month's activity reports: as a page and as DOCX."""

import io
from datetime import date

import pytest
from docx import Document

from jembatan.test import DESA_A
from penilaian.tests.bantu import make_kegiatan

pytestmark = pytest.mark.django_db


def _isi(cast):
    make_kegiatan(cast, tanggal=date(2026, 5, 3), judul="Rapat pengurus bulanan", jenis_slug="rapat", jumlah_peserta=8)
    make_kegiatan(
        cast,
        tanggal=date(2026, 5, 20),
        judul="Sosialisasi cek fakta",
        jumlah_peserta=30,
        peserta_laki=12,
        peserta_perempuan=18,
        daftar_hadir="Siti\nAminah",
        mitra=[cast.kim_b],
    )
    make_kegiatan(cast, tanggal=date(2026, 4, 30), judul="Kegiatan bulan April")
    make_kegiatan(cast, kim=cast.kim_b, pelapor=cast.editor_lain, tanggal=date(2026, 5, 5), judul="Kegiatan KIM lain")


def test_the_page_lists_the_months_activities_of_that_kim_only(client, cast):
    _isi(cast)
    client.force_login(cast.pemdes)
    html = client.get(f"/kelola/kegiatan/kim/{DESA_A}/2026-05/").content.decode()
    assert "2 kegiatan, 38 peserta." in html
    assert html.index("Rapat pengurus bulanan") < html.index("Sosialisasi cek fakta")
    assert "30 orang (12 laki-laki, 18 perempuan)" in html and "Siti, Aminah" in html and "KIM Pandulangan" in html
    assert "Kegiatan bulan April" not in html and "Kegiatan KIM lain" not in html
    assert f"/kelola/kegiatan/kim/{DESA_A}/2026-05.docx" in html


def test_the_docx_holds_the_same_report(client, cast):
    _isi(cast)
    client.force_login(cast.editor)
    response = client.get(f"/kelola/kegiatan/kim/{DESA_A}/2026-05.docx")
    assert response["Content-Disposition"] == 'attachment; filename="laporan-kegiatan-kim-tungkap-bersinar-2026-05.docx"'
    doc = Document(io.BytesIO(response.content))
    teks = "\n".join(p.text for p in doc.paragraphs)
    assert "KIM Tungkap Bersinar" in teks and "Mei 2026" in teks
    assert "1. Rapat pengurus bulanan" in teks and "2. Sosialisasi cek fakta" in teks
    assert "Daftar hadir: Siti, Aminah" in teks and "Kegiatan bulan April" not in teks
    sel = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "30 orang (12 laki-laki, 18 perempuan)" in sel and "KIM Pandulangan" in sel


def test_a_month_without_activities_says_so(client, cast):
    client.force_login(cast.anggota)
    html = client.get(f"/kelola/kegiatan/kim/{DESA_A}/2026-02/").content.decode()
    assert "Tidak ada kegiatan yang dilaporkan pada bulan ini." in html


def test_a_month_that_does_not_exist_is_not_found(client, cast):
    client.force_login(cast.anggota)
    assert client.get(f"/kelola/kegiatan/kim/{DESA_A}/2026-13/").status_code == 404


def test_a_village_without_a_kim_in_scope_is_not_found(client, cast):
    client.force_login(cast.operator)
    assert client.get("/kelola/kegiatan/kim/63.05.03.2001/2026-05/").status_code == 404  # Tapin Tengah
