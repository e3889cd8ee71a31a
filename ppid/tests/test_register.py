"""The registers as XLSX: the columns the law keeps, one row per request or objection of the year, no identity number."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from jembatan.test import DESA_A
from ppid.models import Keberatan, Keputusan
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db


def _baris(response) -> list[list]:
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def dua(cast):
    a = make_permohonan(tanggal=dt.date(2026, 3, 17))
    b = make_permohonan(tanggal=dt.date(2026, 3, 18), nama="Budi", email="", telepon="6281234567890", cara_salinan="langsung")
    b.jawab(
        oleh=cast.pemdes,
        keputusan=Keputusan.DITOLAK,
        isi="Ditolak.",
        alasan_pengecualian="h",
        uji_konsekuensi="Rahasia pribadi.",
        penandatangan="Rahmadi",
        tanggal=dt.date(2026, 4, 1),
    )
    make_permohonan(tanggal=dt.date(2025, 12, 1))  # another year
    return a, b


def test_register_permohonan_lists_the_year_with_decisions(client, cast, dua):
    a, b = dua
    client.force_login(cast.pemdes)
    r = client.get(f"/kelola/ppid/{DESA_A}/register-permohonan.xlsx", {"tahun": 2026})
    baris = _baris(r)
    assert r["Content-Disposition"] == f'attachment; filename="register-permohonan-{DESA_A}-2026.xlsx"'
    assert baris[0][0] == "Register permohonan informasi publik" and baris[1][0] == "PPID Desa Tungkap — 2026"
    kepala, isi = baris[3], baris[4:]
    assert [r[1] for r in isi] == [a.nomor, b.nomor]
    kolom = dict(zip(kepala, isi[1], strict=True))
    assert kolom["Nama pemohon"] == "Budi" and kolom["Nomor kontak"] == "6281234567890"
    assert kolom["Keputusan"] == "Ditolak (informasi dikecualikan)"
    assert kolom["Dasar pengecualian (Pasal 17)"] == "h. mengungkap rahasia pribadi"
    assert kolom["Hari dan tanggal pemberitahuan tertulis"] == "Rabu, 1 April 2026"
    assert kolom["Lama (hari kerja)"] == 6 and kolom["Tepat waktu"] == "ya"
    assert dict(zip(kepala, isi[0], strict=True))["Keputusan"] == "sedang diproses"
    assert not any("6305014501900001" in str(sel) for row in baris for sel in row)


def test_register_keberatan_keeps_the_columns_of_the_law(client, cast, dua):
    _a, b = dua
    k = Keberatan.ajukan(b, alasan="a", uraian="Minta jumlahnya saja.", tanggal=dt.date(2026, 4, 2))
    k.tanggapi(
        oleh=cast.pemdes,
        keputusan="sebagian",
        tanggapan="Jumlah diberikan.",
        nama_atasan="H. Basuni",
        jabatan_atasan="Kepala Desa",
        tanggal=dt.date(2026, 4, 10),
    )
    client.force_login(cast.admin)
    baris = _baris(client.get(f"/kelola/ppid/{DESA_A}/register-keberatan.xlsx", {"tahun": 2026}))
    kolom = dict(zip(baris[3], baris[4], strict=True))
    assert kolom["Nomor registrasi keberatan"] == "001/KEBERATAN-DESA-63.05.01.2003/IV/2026"
    assert kolom["Nomor pendaftaran permohonan"] == b.nomor and kolom["Alasan keberatan"].startswith("a.")
    assert kolom["Keputusan atasan PPID"] == "Keberatan diterima sebagian"
    assert kolom["Hari dan tanggal tanggapan"] == "Jumat, 10 April 2026"
    assert kolom["Nama dan jabatan atasan PPID"] == "H. Basuni, Kepala Desa"
    assert len(baris) == 5
