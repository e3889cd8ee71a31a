"""Suara warga in the API: programs, public aspirations without personal data, statistics, poll results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from diskusi.models import Sikap
from diskusi.tests.conftest import make_komentar
from jembatan.test import DESA_A, DESA_B, KEC_BINUANG, cocok_openapi
from suarawarga.models import TahapProgram
from suarawarga.tests.bantu import make_aspirasi, make_jajak, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def test_programs_filtered_by_region_and_stage(client, spec, cast):
    jalan = make_program(cast, tahap=TahapProgram.BERJALAN, progres=40)
    make_program(cast, nama="Posyandu", slug="posyandu", wilayah_id=DESA_B)
    response = client.get("/api/v1/program", {"wilayah": KEC_BINUANG, "tahap": "berjalan"})
    cocok_openapi(spec, "/api/v1/program", response)
    [item] = response.json()["items"]
    assert (item["id"], item["anggaran"], item["progres"], item["sumber_dana_label"]) == (jalan.pk, 187_500_000, 40, "Dana Desa")
    assert client.get("/api/v1/program", {"tahap": "entah"}).status_code == 422


def test_public_aspirations_carry_no_personal_data(client, spec, cast):
    tampil = make_aspirasi(boleh_publik=True, nama="Bu Ani", telepon="6281234567890", email="ani@contoh.id")
    make_aspirasi(isi="Keluhan pribadi yang tidak boleh tampil di mana pun.")
    response = client.get("/api/v1/aspirasi", {"wilayah": DESA_A})
    cocok_openapi(spec, "/api/v1/aspirasi", response)
    [item] = response.json()["items"]
    assert item["kode"] == tampil.kode
    teks = response.content.decode()
    assert "Bu Ani" not in teks and "628123" not in teks and "ani@" not in teks and "Keluhan pribadi" not in teks


def test_statistics_of_aspirations(client, spec, cast):
    make_aspirasi()
    make_aspirasi(wilayah_id=DESA_B)
    response = client.get("/api/v1/aspirasi/statistik")
    cocok_openapi(spec, "/api/v1/aspirasi/statistik", response)
    data = response.json()
    assert data["total"]["jumlah"] == 2 and [b["nama"] for b in data["kecamatan"]] == ["Binuang", "Tapin Tengah"]


def test_poll_results_and_hidden_results(client, spec, cast):
    jajak = make_jajak(cast)
    jajak.pilih(pemilih="t1", opsi_ids=[jajak.opsi.all()[0].pk])
    response = client.get(f"/api/v1/jajak/{jajak.pk}/hasil")
    cocok_openapi(spec, "/api/v1/jajak/{id}/hasil", response)
    data = response.json()
    assert data["tidak_ilmiah"] and data["jumlah_pemilih"] == 1
    assert [(p["teks"], p["suara"], p["persen_pemilih"]) for p in data["pilihan"]] == [
        ("Balai desa", 1, 100.0),
        ("Lapangan bola", 0, 0.0),
        ("Sekolah dasar", 0, 0.0),
    ]
    tertutup = make_jajak(cast, hasil_sebelum_tutup=False, tutup_pada=timezone.now() + timedelta(days=3))
    assert client.get(f"/api/v1/jajak/{tertutup.pk}/hasil").status_code == 404
    assert client.get("/api/v1/jajak/999999/hasil").status_code == 404


def test_a_program_carries_its_stances_waiting_questions_and_official_answers(client, spec, cast):
    """GIVEN a program with two supporting comments, one objection answered officially, and one question older
    than ten working days with no answer WHEN the list and the program are read THEN both show the counts and
    the official answer with the question it answers."""
    program = make_program(cast)
    for _i in range(2):
        make_komentar(program, sikap=Sikap.MENDUKUNG)
    keberatan = make_komentar(program, nama="Rahmah", isi="Kenapa tidak sampai Dusun 3?", sikap=Sikap.KEBERATAN)
    keberatan.tanggapi_resmi(
        isi="Dusun 3 diusulkan untuk 2027.", nama="Pemerintah Desa Tungkap", oleh=cast.pemdes, boleh=True, tautan=str
    )
    make_komentar(program, isi="Kapan mulai?", dibuat=timezone.now() - timedelta(days=30))
    response = client.get("/api/v1/program")
    cocok_openapi(spec, "/api/v1/program", response)
    [item] = response.json()["items"]
    assert item["sikap"] == {"mendukung": 2, "netral": 0, "keberatan": 1}
    assert (item["jumlah_pertanyaan"], item["belum_ditanggapi"]) == (4, 1)
    [jawaban] = item["tanggapan_resmi"]
    assert (jawaban["pertanyaan"], jawaban["tanggapan"], jawaban["oleh"], jawaban["sikap"]) == (
        "Kenapa tidak sampai Dusun 3?",
        "Dusun 3 diusulkan untuk 2027.",
        "Pemerintah Desa Tungkap",
        "keberatan",
    )
    detail = client.get(f"/api/v1/program/{program.pk}")
    cocok_openapi(spec, "/api/v1/program/{id}", detail)
    assert detail.json()["sikap"] == item["sikap"] and detail.json()["tanggapan_resmi"] == item["tanggapan_resmi"]
    assert "450 m" in detail.json()["deskripsi_html"]
    assert client.get("/api/v1/program/999999").status_code == 404
