"""The PPID endpoints: a badan publik's list of public information, a request's status by tracking code and a
year's figures; never personal data. Checked against the OpenAPI document."""

import datetime as dt

import pytest

from jembatan.test import DESA_A, KAB, cocok_openapi
from ppid.models import Kategori, Keberatan, Keputusan
from ppid.tests.bantu import make_informasi, make_permohonan

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def test_the_list_of_public_information_of_a_village(client, spec):
    make_informasi()
    make_informasi(
        kategori=Kategori.DIKECUALIKAN,
        judul="Data penerima bantuan beserta NIK",
        alasan_pengecualian="h",
        konsekuensi="Penyalahgunaan identitas.",
        dikecualikan_sampai=dt.date(2031, 1, 1),
    )
    r = client.get(f"/api/v1/ppid/{DESA_A}/dip")
    cocok_openapi(spec, "/api/v1/ppid/{kode}/dip", r)
    data = r.json()
    assert data["ppid"] == "PPID Desa Tungkap"
    assert [(x["kategori"], x["judul"]) for x in data["informasi"]] == [
        ("berkala", "APBDes Tungkap 2026"),
        ("dikecualikan", "Data penerima bantuan beserta NIK"),
    ]
    assert client.get(f"/api/v1/ppid/{KAB}/dip").json()["informasi"] == []


def test_a_kecamatan_is_not_a_badan_publik(client, spec):
    r = client.get("/api/v1/ppid/63.05.01/dip")
    assert r.status_code == 404
    cocok_openapi(spec, "/api/v1/ppid/{kode}/dip", r, 404)


def test_request_status_by_tracking_code_without_personal_data(client, spec, cast):
    p = make_permohonan(tanggal=dt.date(2026, 3, 17), telepon="6281234567890")
    p.jawab(
        oleh=cast.pemdes,
        keputusan=Keputusan.DITOLAK,
        isi="Ditolak.",
        alasan_pengecualian="h",
        uji_konsekuensi="Rahasia pribadi.",
        penandatangan="Rahmadi",
        tanggal=dt.date(2026, 3, 20),
    )
    Keberatan.ajukan(p, alasan="a", uraian="Saya keberatan.", tanggal=dt.date(2026, 3, 23))
    r = client.get(f"/api/v1/ppid/lacak/{p.kode.lower()}")
    cocok_openapi(spec, "/api/v1/ppid/lacak/{kode}", r)
    data = r.json()
    assert (data["nomor"], data["batas_jawab"], data["keputusan"], data["dijawab"]) == (
        p.nomor,
        "2026-04-08",
        "ditolak",
        "2026-03-20",
    )
    assert data["keberatan"]["batas_tanggapan"] == "2026-05-07"  # 30 working days; 24 March is cuti bersama
    body = r.content.decode()
    assert not [x for x in ("Siti", "6305014501900001", "RT 02", "siti@", "6281234567890", "APBDes", "keberatan.") if x in body]
    assert client.get("/api/v1/ppid/lacak/TIDAKADA99").status_code == 404


def test_a_years_figures(client, spec, cast):
    a = make_permohonan(tanggal=dt.date(2025, 2, 3))
    a.jawab(oleh=cast.pemdes, keputusan=Keputusan.DIKABULKAN, isi="Ya.", penandatangan="R", tanggal=dt.date(2025, 2, 5))
    make_permohonan(tanggal=dt.date(2025, 3, 3))
    r = client.get(f"/api/v1/ppid/{DESA_A}/statistik", {"tahun": 2025})
    cocok_openapi(spec, "/api/v1/ppid/{kode}/statistik", r)
    data = r.json()
    assert (data["permohonan"], data["diproses"], data["rata_rata_hari_kerja"], data["tepat_waktu"]) == (2, 1, 2.0, 1)
    assert {"label": "Dikabulkan seluruhnya", "jumlah": 1} in data["keputusan"]
