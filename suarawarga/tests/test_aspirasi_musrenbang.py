"""The Musrenbangdes export: a village's proposals, most supported first, without who sent them."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from jembatan.test import DESA_A, DESA_B
from suarawarga.models import TopikAspirasi
from suarawarga.tests.bantu import make_aspirasi

pytestmark = pytest.mark.django_db


def _data(cast):
    jalan = make_aspirasi(lokasi="RT 3 Dusun 2", volume="300 m", perkiraan_biaya=45_000_000, nama="Pak Rahmat")
    for _i in range(2):
        make_aspirasi().gabung_ke(jalan, oleh=cast.pemdes)
    make_aspirasi(topik=TopikAspirasi.KESEHATAN, isi="Posyandu lansia dua kali sebulan, mohon ditambah jadwalnya.")
    make_aspirasi(isi="Aspirasi yang ditolak karena bukan urusan desa ini.").tolak(oleh=cast.pemdes, alasan="Bukan urusan desa.")
    make_aspirasi(wilayah_id=DESA_B, isi="Aspirasi desa lain yang tidak boleh ikut.")


def test_the_xlsx_lists_the_village_proposals_most_supported_first(client, cast):
    _data(cast)
    client.force_login(cast.pemdes)
    response = client.get("/kelola/aspirasi/musrenbang/", {"desa": DESA_A, "format": "xlsx"})
    assert response["Content-Disposition"].startswith(f'attachment; filename="musrenbangdes-{DESA_A}-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Usulan warga untuk Musrenbangdes Desa Tungkap"
    assert rows[1] == ("No", "Usulan", "Lokasi", "Volume", "Perkiraan biaya", "Pengusul", "Jumlah warga yang mendukung")
    assert rows[2][1].startswith("Jalan, jembatan dan bangunan umum: Jalan di RT 3")
    assert rows[2][2:] == ("RT 3 Dusun 2, Desa Tungkap", "300 m", "Rp45.000.000", "Warga (melalui Jembatan)", 3)
    assert rows[3][1].startswith("Kesehatan: Posyandu lansia") and len(rows) == 4
    assert "Pak Rahmat" not in str(rows)


def test_the_docx_has_the_same_table_for_one_topic(client, cast):
    _data(cast)
    client.force_login(cast.operator)
    response = client.get("/kelola/aspirasi/musrenbang/", {"desa": DESA_A, "format": "docx", "topik": "kesehatan"})
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "Usulan warga untuk Musrenbangdes Desa Tungkap — Kesehatan"
    tabel = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert tabel[0][0] == "No" and len(tabel) == 2 and tabel[1][1].startswith("Kesehatan: Posyandu lansia")


def test_a_village_outside_the_scope_or_a_kecamatan_is_404(client, cast):
    client.force_login(cast.pemdes)
    assert client.get("/kelola/aspirasi/musrenbang/", {"desa": DESA_B, "format": "xlsx"}).status_code == 404
    client.force_login(cast.operator)
    assert client.get("/kelola/aspirasi/musrenbang/", {"desa": "63.05.01", "format": "xlsx"}).status_code == 404
    assert client.get("/kelola/aspirasi/musrenbang/", {"desa": DESA_A, "format": "pdf"}).status_code == 404
