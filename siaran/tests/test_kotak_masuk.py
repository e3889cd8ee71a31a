"""The inbox of a KIM's pengurus and members (/kelola/siaran/) and the list of sent siaran (/kelola/siaran/semua/)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def dua_siaran(buat_siaran, cast):
    ke_a = buat_siaran(judul="Jadwal vaksinasi Tungkap", prioritas="biasa", cakupan="desa", wilayah=[cast.kim_a.wilayah])
    ke_b = buat_siaran(judul="Rapat koordinasi Tapin Tengah", prioritas="penting", cakupan="desa", wilayah=[cast.kim_b.wilayah])
    return ke_a, ke_b


@pytest.mark.parametrize("peran", ["editor", "anggota"])
def test_kim_people_see_the_siaran_sent_to_their_kim_only(client, cast, dua_siaran, peran):
    client.force_login(getattr(cast, peran))
    html = client.get("/kelola/siaran/").content.decode()
    assert "Jadwal vaksinasi Tungkap" in html and "Belum dibaca" in html and "KIM Tungkap Bersinar" in html
    assert "Rapat koordinasi Tapin Tengah" not in html


def test_the_other_village_sees_its_own(client, cast, dua_siaran):
    client.force_login(cast.editor_lain)
    html = client.get("/kelola/siaran/").content.decode()
    assert "Rapat koordinasi Tapin Tengah" in html and "Jadwal vaksinasi Tungkap" not in html


@pytest.mark.parametrize("peran", ["admin", "operator"])
def test_diskominfo_and_operators_go_to_the_list_of_siaran(client, cast, peran):
    client.force_login(getattr(cast, peran))
    assert client.get("/kelola/siaran/")["Location"] == "/kelola/siaran/semua/"


@pytest.mark.parametrize("peran", ["verifikator", "pemdes", "warga"])
def test_others_get_404(client, cast, peran):
    client.force_login(getattr(cast, peran))
    assert client.get("/kelola/siaran/").status_code == 404
    assert client.get("/kelola/siaran/semua/").status_code == 404


@pytest.mark.parametrize("peran", ["editor", "anggota", "editor_lain"])
def test_kim_people_do_not_get_the_list_of_all_siaran(client, cast, peran):
    client.force_login(getattr(cast, peran))
    assert client.get("/kelola/siaran/semua/").status_code == 404


def test_admin_list_counts_every_siaran(client, cast, dua_siaran):
    ke_a, _ = dua_siaran
    ke_a.penerimaan.get().tandai_diterima(cast.editor)
    client.force_login(cast.admin)
    html = client.get("/kelola/siaran/semua/").content.decode()
    assert "Jadwal vaksinasi Tungkap" in html and "Rapat koordinasi Tapin Tengah" in html and "Kirim siaran" in html
    baris = html.split("Jadwal vaksinasi Tungkap")[1].split("</tr>")[0]
    assert '<td class="angka">1</td><td class="angka">0</td><td class="angka">1</td><td class="angka">0</td>' in baris


def test_operator_list_holds_only_siaran_reaching_their_kecamatan(client, cast, dua_siaran):
    client.force_login(cast.operator)
    html = client.get("/kelola/siaran/semua/").content.decode()
    assert "Jadwal vaksinasi Tungkap" in html and "Rapat koordinasi Tapin Tengah" not in html and "Kirim siaran" not in html
