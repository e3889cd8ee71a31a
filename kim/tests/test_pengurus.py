"""Pengurus and members: added, edited, and leaving without losing history."""

from datetime import date

import pytest
import time_machine

from akun.models import Audit
from jembatan.test import DESA_A, make_pengurus
from kim.models import Pengurus

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2025, 6, 30))
def test_editor_adds_a_seksi_and_it_shows_publicly_by_name_and_role_only(client, cast):
    client.force_login(cast.editor)
    data = {
        "nama": "Budi Santoso",
        "jabatan": "seksi",
        "nama_seksi": "Informasi",
        "mulai": "2025-03-01",
        "telepon": "081234567890",
        "versi": 0,
    }
    assert client.post(f"/kelola/{DESA_A}/pengurus/tambah/", data).status_code == 302
    p = Pengurus.objects.get(nama="Budi Santoso")
    assert p.kim == cast.kim_a and p.jabatan_lengkap == "Seksi Informasi"
    html = client.get(f"/wilayah/{DESA_A}/").content.decode()
    assert "Budi Santoso" in html and "Seksi Informasi" in html and "081234567890" not in html
    assert Audit.objects.filter(aksi="tambah_pengurus", user=cast.editor).exists()


@time_machine.travel(date(2025, 6, 30))
@pytest.mark.parametrize(
    ("data", "field", "pesan"),
    [
        ({"jabatan": "seksi", "nama_seksi": ""}, "nama_seksi", "nama seksinya"),
        ({"mulai": "2025-05-01", "selesai": "2025-04-01"}, "selesai", "sebelum dimulai"),
        ({"mulai": "2025-07-01"}, "mulai", "masa depan"),
        ({"nik": "12345"}, "nik", "16 angka"),
        ({"telepon": "telepon saya"}, "telepon", "nomor telepon"),
    ],
)
def test_bad_pengurus_input_is_refused_beside_its_field(client, cast, data, field, pesan):
    client.force_login(cast.editor)
    form_data = {"nama": "Siti", "jabatan": "ketua", "mulai": "2025-03-01", **data}
    response = client.post(f"/kelola/{DESA_A}/pengurus/tambah/", form_data)
    assert response.status_code == 200
    assert pesan in " ".join(response.context["form"].errors[field])
    assert 'value="Siti"' in response.content.decode()
    assert not Pengurus.objects.filter(nama="Siti").exists()


@time_machine.travel(date(2025, 6, 30))
def test_ending_a_term_keeps_the_person_in_history(client, cast):
    p = make_pengurus(cast.kim_a, "Ahmad Fauzi", "ketua", mulai=date(2024, 1, 1))
    client.force_login(cast.admin)
    response = client.post(f"/kelola/pengurus/{p.pk}/selesai/", {"selesai": "2025-06-01", "alasan": "Pindah domisili"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.selesai, p.alasan_selesai) == (date(2025, 6, 1), "Pindah domisili")
    page = client.get(f"/kelola/{DESA_A}/")
    assert p not in page.context["menjabat"] and p in page.context["mantan"]
    assert "Ahmad Fauzi" not in client.get(f"/wilayah/{DESA_A}/").content.decode()


def test_end_before_start_is_refused(client, cast):
    p = make_pengurus(cast.kim_a, "Ahmad Fauzi", "ketua", mulai=date(2025, 3, 1))
    client.force_login(cast.admin)
    response = client.post(f"/kelola/pengurus/{p.pk}/selesai/", {"selesai": "2025-01-01", "alasan": "x"})
    assert "sebelum dimulai" in response.context["form"].errors["selesai"][0]


def test_audit_of_a_changed_phone_number_does_not_store_the_number(client, cast):
    p = make_pengurus(cast.kim_a, "Ahmad", "ketua", telepon="081100001111")
    client.force_login(cast.editor)
    data = {"nama": "Ahmad", "jabatan": "ketua", "mulai": "2025-03-01", "telepon": "081122223333", "versi": p.versi}
    assert client.post(f"/kelola/pengurus/{p.pk}/", data).status_code == 302
    entry = Audit.objects.get(aksi="ubah_pengurus")
    assert entry.perubahan["telepon"] == ["•••", "•••"]
    assert "081122223333" not in str(entry.perubahan)


def test_target_is_set_by_admin_and_checked_against_the_number_of_villages(client, cast):
    client.force_login(cast.admin)
    assert client.post("/kelola/target/", {"tahun": 2025, "jumlah_desa": 200, "versi": 0}).context["form"].errors["jumlah_desa"]
    assert client.post("/kelola/target/", {"tahun": 2025, "jumlah_desa": 90, "versi": 0}).status_code == 302
    assert client.post("/kelola/target/", {"tahun": 2025, "jumlah_desa": 100, "versi": 1}).status_code == 302
    from kim.models import TargetCakupan

    assert TargetCakupan.objects.get(tahun=2025).jumlah_desa == 100
    assert Audit.objects.filter(aksi="target").count() == 2
