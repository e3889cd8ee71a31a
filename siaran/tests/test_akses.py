"""The siaran access functions in akun.akses, for every role and scope (each view goes through them)."""

from datetime import date

import pytest
from django.http import Http404
from django.test import RequestFactory

from jembatan.test import DESA_B, make_pengurus, make_user
from kim import akses as kim_akses
from siaran import akses

pytestmark = pytest.mark.django_db

# Who sees a siaran sent to village A only (Tungkap, Binuang), and who may mark it.
MELIHAT_A = {"admin", "operator", "editor", "anggota"}
MENANDAI_A = {"editor"}


def _req(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.fixture
def siaran_a(buat_siaran, cast):
    return buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah], kirim_surel=False)


@pytest.mark.parametrize("peran", ["admin", "verifikator", "operator", "pemdes", "editor", "anggota", "editor_lain", "warga"])
def test_siaran_to_village_a_is_seen_only_inside_its_scope(cast, siaran_a, peran):
    user = getattr(cast, peran)
    if peran in MELIHAT_A:
        assert akses.get_siaran_untuk_pembaca(_req(user), siaran_a.pk) == siaran_a
    else:
        with pytest.raises(Http404):
            akses.get_siaran_untuk_pembaca(_req(user), siaran_a.pk)


@pytest.mark.parametrize("peran", ["admin", "verifikator", "operator", "pemdes", "editor", "anggota", "editor_lain", "warga"])
def test_only_the_kims_own_pengurus_may_mark_its_copy(cast, siaran_a, peran):
    penerimaan = siaran_a.penerimaan.get()
    if peran in MENANDAI_A:
        assert akses.get_penerimaan_untuk_kim(_req(getattr(cast, peran)), penerimaan.pk) == penerimaan
    else:
        with pytest.raises(Http404):
            akses.get_penerimaan_untuk_kim(_req(getattr(cast, peran)), penerimaan.pk)


def test_operator_sees_only_the_rows_of_their_kecamatan(cast, buat_siaran):
    siaran = buat_siaran(kirim_surel=False)
    rows = akses.penerimaan_untuk_pembaca(cast.operator).filter(siaran=siaran)
    assert [p.kim for p in rows] == [cast.kim_a]
    assert akses.penerimaan_untuk_pembaca(cast.admin).filter(siaran=siaran).count() == 2


def test_an_operator_without_a_kecamatan_and_an_inactive_user_see_nothing(cast, siaran_a):
    cast.operator.wilayah = None
    assert not akses.penerimaan_untuk_pembaca(cast.operator).exists()
    cast.editor.is_active = False
    assert not kim_akses.kim_pengguna(cast.editor).exists() and not akses.siaran_untuk_pembaca(cast.editor).exists()


def test_a_serving_board_member_linked_to_an_account_belongs_to_the_kim(cast, siaran_a):
    """GIVEN a citizen account linked to the serving secretary of KIM A, and another to a plain member
    THEN the secretary may mark KIM A's copy, the member only reads it; a term that ended gives nothing."""
    sekretaris, anggota, mantan = (make_user(f"{n}@uji.example", "warga") for n in ("sekretaris", "anggota2", "mantan"))
    make_pengurus(cast.kim_a, "Sekretaris", "sekretaris", user=sekretaris)
    make_pengurus(cast.kim_a, "Anggota", "anggota", user=anggota)
    make_pengurus(cast.kim_a, "Mantan", "ketua", mulai=date(2024, 1, 1), selesai=date(2024, 12, 31), user=mantan)
    penerimaan = siaran_a.penerimaan.get()
    assert akses.get_penerimaan_untuk_kim(_req(sekretaris), penerimaan.pk) == penerimaan
    assert akses.get_siaran_untuk_pembaca(_req(anggota), siaran_a.pk) == siaran_a
    with pytest.raises(Http404):
        akses.get_penerimaan_untuk_kim(_req(anggota), penerimaan.pk)
    with pytest.raises(Http404):
        akses.get_siaran_untuk_pembaca(_req(mantan), siaran_a.pk)


def test_kim_of_a_user_follows_their_village(cast):
    assert list(kim_akses.kim_pengguna(cast.editor)) == [cast.kim_a]
    assert list(kim_akses.kim_pengguna(cast.anggota)) == [cast.kim_a]
    assert list(kim_akses.kim_pengurus(cast.anggota)) == []
    assert list(kim_akses.kim_pengguna(cast.editor_lain)) == [cast.kim_b] and cast.kim_b.wilayah_id == DESA_B
    assert not kim_akses.kim_pengguna(cast.pemdes).exists() and not kim_akses.kim_pengguna(cast.admin).exists()
