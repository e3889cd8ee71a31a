"""Scope rules that need more than "who may open the page" (every page against every role is
jembatan/tests/test_akses_halaman.py, fed from each app's tests/halaman.py)."""

from jembatan.test import DESA_A, make_pengurus


def test_inactive_account_has_no_scope(client, cast):
    cast.editor.is_active = False
    cast.editor.save()
    from kim import akses
    from wilayah.models import Wilayah

    assert not akses.boleh_kelola_kim(cast.editor, Wilayah.objects.get(kode=DESA_A))


def test_dashboard_lists_only_villages_in_scope(client, cast):
    client.force_login(cast.operator)
    page = client.get("/kelola/").content.decode()
    assert "Tungkap" in page
    assert "Pandulangan" not in page  # Tapin Tengah, outside Binuang
    client.force_login(cast.editor)
    rows = client.get("/kelola/").context["halaman"].object_list
    assert [w.kode for w in rows] == [DESA_A]


def test_pipeline_roles_offer_only_their_steps(client, cast):
    client.force_login(cast.pemdes)
    form = client.get(f"/kelola/{DESA_A}/").context["tahap_form"]
    assert {c for c, _ in form.fields["ke"].choices} == {"sosialisasi", "musyawarah", "sk_terbit"}
    client.force_login(cast.editor)
    assert client.get(f"/kelola/{DESA_A}/").context["tahap_form"] is None


def test_pemdes_cannot_register_a_kim_even_by_forging_the_form(client, cast):
    client.force_login(cast.pemdes)
    response = client.post(f"/kelola/{DESA_A}/tahap/", {"ke": "terdaftar", "tanggal": "2025-06-01", "versi": cast.kim_a.versi})
    assert response.status_code == 400
    cast.kim_a.refresh_from_db()
    assert cast.kim_a.tahap == "aktif"


def test_only_admin_may_set_the_kimid_number(client, cast):
    client.force_login(cast.editor)
    form = client.get(f"/kelola/{DESA_A}/profil/").context["form"]
    assert form.fields["nomor_kimid"].disabled
    client.force_login(cast.admin)
    form = client.get(f"/kelola/{DESA_A}/profil/").context["form"]
    assert not form.fields["nomor_kimid"].disabled


def test_private_pengurus_data_shown_only_to_managers(client, cast):
    make_pengurus(cast.kim_a, "Siti Rahmah", telepon="081234567890", nik="6305010101010001")
    client.force_login(cast.anggota)
    assert "081234567890" not in client.get(f"/kelola/{DESA_A}/").content.decode()
    client.force_login(cast.editor)
    assert "081234567890" in client.get(f"/kelola/{DESA_A}/").content.decode()
