"""Programs of several villages: the form, each village's page and the filters, who may change one, JSON-LD,
and the migration that keeps the villages of existing programs."""

import importlib
import json
import re

import pytest
from django.apps import apps

from akun.models import Audit, Peran, User
from jembatan.test import DESA_A, DESA_B, KEC_BINUANG, KEC_TAPIN_TENGAH, KEL_BINUANG
from suarawarga.models import Program
from suarawarga.tests.bantu import make_program

pytestmark = pytest.mark.django_db

ISIAN = {
    "nama": "Jalan penghubung Tungkap–Binuang",
    "deskripsi": "Pengerasan jalan 1,2 km yang menghubungkan dua desa.",
    "wilayah": DESA_A,
    "desa_lain": [KEL_BINUANG],
    "bidang": "infrastruktur",
    "tahun": "2026",
    "sumber_dana": "dana_desa",
    "anggaran": "600000000",
    "pelaksana": "BKAD Kecamatan Binuang",
    "versi": "0",
}


@pytest.fixture
def pemdes_binuang(cast):
    return User.objects.create_user(email="lurah.binuang@uji.example", password="x", peran=Peran.PEMDES, wilayah_id=KEL_BINUANG)


def test_a_village_government_publishes_a_program_shared_with_a_neighbouring_village(client, cast):
    """GIVEN village A's government WHEN it publishes a program carried out in A and Kelurahan Binuang THEN the
    program covers both, and each village's page lists it."""
    client.force_login(cast.pemdes)
    assert client.post("/kelola/program/tambah/", ISIAN).status_code == 302
    p = Program.objects.get()
    assert sorted(p.desa.values_list("pk", flat=True)) == sorted([DESA_A, KEL_BINUANG])
    client.logout()
    for kode in (DESA_A, KEL_BINUANG):
        assert p.get_absolute_url() in client.get(f"/wilayah/{kode}/").content.decode()
    assert p.get_absolute_url() not in client.get(f"/wilayah/{DESA_B}/").content.decode()
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Desa Tungkap" in html and "Kelurahan Binuang" in html


def test_a_village_government_cannot_add_a_village_of_another_kecamatan(client, cast):
    client.force_login(cast.pemdes)
    response = client.post("/kelola/program/tambah/", {**ISIAN, "desa_lain": [DESA_B]})
    assert response.status_code == 400 and "desa_lain" in response.context["form"].errors
    assert not Program.objects.exists() and "Jalan penghubung" in response.content.decode()


def test_a_kecamatan_program_names_no_villages(client, cast):
    client.force_login(cast.operator)
    response = client.post("/kelola/program/tambah/", {**ISIAN, "wilayah": KEC_BINUANG})
    assert response.status_code == 400 and "seluruh wilayahnya" in response.context["form"].errors["desa_lain"][0]
    assert client.post("/kelola/program/tambah/", {**ISIAN, "wilayah": KEC_BINUANG, "desa_lain": []}).status_code == 302
    assert not Program.objects.get().desa.exists()


def test_an_edit_keeps_or_changes_the_villages_and_is_audited(client, cast):
    p = make_program(cast, desa_lain=[KEL_BINUANG])
    client.force_login(cast.pemdes)
    form = client.get(f"/kelola/program/{p.pk}/").context["form"]
    assert form["desa_lain"].value() == [KEL_BINUANG]
    client.post(f"/kelola/program/{p.pk}/", {**ISIAN, "desa_lain": [], "versi": p.versi})
    assert list(p.desa.values_list("pk", flat=True)) == [DESA_A]
    assert Audit.objects.filter(aksi="suarawarga_program_ubah").get().perubahan["desa"] == [
        sorted([DESA_A, KEL_BINUANG]),
        [DESA_A],
    ]


def test_who_may_change_a_program_of_several_villages(client, cast, pemdes_binuang):
    """GIVEN a program of A and Kelurahan Binuang published by A's government THEN its owner and the Binuang
    operator (whose scope holds both) may change it; Kelurahan Binuang's government may not (404). A program of
    A and a village of another kecamatan, published by Diskominfo: neither A's government nor the operator."""
    bersama = make_program(cast, desa_lain=[KEL_BINUANG])
    lintas = make_program(cast, nama="Lintas", slug="lintas", desa_lain=[DESA_B], dibuat_oleh=cast.admin)
    boleh = {}
    for nama, user in (("pemdes", cast.pemdes), ("operator", cast.operator), ("lurah", pemdes_binuang), ("admin", cast.admin)):
        client.force_login(user)
        boleh[nama] = tuple(client.get(f"/kelola/program/{p.pk}/").status_code for p in (bersama, lintas))
        meja = client.get("/kelola/program/").content.decode()
        assert ("Pengerasan jalan" in meja, "Lintas" in meja) == tuple(s == 200 for s in boleh[nama])
    assert boleh == {"pemdes": (200, 404), "operator": (200, 404), "lurah": (404, 404), "admin": (200, 200)}


def test_filters_find_a_program_by_any_of_its_villages_and_their_kecamatan(client, cast):
    p = make_program(cast, desa_lain=[DESA_B])

    def cocok(**saring) -> bool:
        return p.get_absolute_url() in client.get("/program/", saring).content.decode()

    assert cocok(desa=DESA_B) and cocok(desa=DESA_A) and not cocok(desa=KEL_BINUANG)
    assert cocok(kecamatan=KEC_TAPIN_TENGAH) and cocok(kecamatan=KEC_BINUANG)
    [item] = client.get("/api/v1/program", {"wilayah": KEC_TAPIN_TENGAH}).json()["items"]
    assert [d["kode"] for d in item["desa"]] == [DESA_A, DESA_B]


def test_jsonld_covers_each_village(client, cast):
    p = make_program(cast, desa_lain=[KEL_BINUANG])
    html = client.get(p.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert [w["identifier"] for w in data["spatialCoverage"]] == [DESA_A, KEL_BINUANG]
    assert data["spatialCoverage"][0]["containedInPlace"]["name"] == "Kecamatan Binuang"


def test_the_migration_gives_each_existing_village_program_its_village(cast):
    desa = make_program(cast)
    kecamatan = make_program(cast, nama="Kantor camat", slug="kantor", wilayah_id=KEC_BINUANG)
    desa.desa.clear()
    migrasi = importlib.import_module("suarawarga.migrations.0002_program_desa_hari_jawab")
    migrasi.desa_utama_dicakup(apps, None)
    assert list(desa.desa.values_list("pk", flat=True)) == [DESA_A] and not kecamatan.desa.exists()
