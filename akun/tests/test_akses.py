"""Every role and scope against every protected view: inside scope works, outside is 404."""

import pytest

from jembatan.test import DESA_A, DESA_B, KEC_BINUANG, make_pengurus

# role → may it open the view for village A (Tungkap, Binuang)?
PEMBACA_A = {"admin", "operator", "pemdes", "editor", "anggota"}
PENGELOLA_A = {"admin", "operator", "pemdes", "editor"}
TAHAP_A = {"admin", "operator", "pemdes"}
PENGELOLA_B = {"admin", "editor_lain"}
HANYA_ADMIN = {"admin"}
SEMUA_PERAN = ["admin", "verifikator", "operator", "pemdes", "editor", "anggota", "editor_lain", "warga"]


def _views(cast):
    p_a = make_pengurus(cast.kim_a, "Siti Rahmah")
    p_b = make_pengurus(cast.kim_b, "Rusdi")
    return [
        ("get", f"/kelola/{DESA_A}/", PEMBACA_A),
        ("get", f"/kelola/{DESA_A}/profil/", PENGELOLA_A),
        ("get", f"/kelola/{DESA_A}/pengurus/tambah/", PENGELOLA_A),
        ("get", f"/kelola/pengurus/{p_a.pk}/", PENGELOLA_A),
        ("get", f"/kelola/pengurus/{p_a.pk}/selesai/", PENGELOLA_A),
        ("post", f"/kelola/{DESA_A}/tahap/", TAHAP_A),
        ("get", f"/kelola/{DESA_B}/", PENGELOLA_B),
        ("get", f"/kelola/{DESA_B}/profil/", PENGELOLA_B),
        ("get", f"/kelola/pengurus/{p_b.pk}/", PENGELOLA_B),
        ("get", f"/kelola/{KEC_BINUANG}/", {"admin", "operator"}),
        ("get", "/kelola/target/", HANYA_ADMIN),
        ("get", "/kelola/audit/", HANYA_ADMIN),
        ("get", "/akun/pengguna/", HANYA_ADMIN),
        ("get", "/akun/pengguna/undang/", HANYA_ADMIN),
        ("get", f"/akun/pengguna/{cast.warga.pk}/", HANYA_ADMIN),
    ]


@pytest.mark.parametrize("peran", SEMUA_PERAN)
def test_each_role_reaches_exactly_its_scope(client, cast, peran):
    client.force_login(getattr(cast, peran))
    for method, url, allowed in _views(cast):
        response = getattr(client, method)(url, {"ke": "", "versi": "x"} if method == "post" else None)
        if peran in allowed:
            # A POST with an empty form is a 400 (form error), never a 404.
            assert response.status_code in (200, 400), f"{peran} {method} {url}: {response.status_code}"
        else:
            assert response.status_code == 404, f"{peran} {method} {url}: {response.status_code}"


def test_anonymous_visitor_is_sent_to_login(client, cast):
    for method, url, _allowed in _views(cast):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/"), url


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
