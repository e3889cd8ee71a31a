"""Marking a KIM's copy received (terima) and passed on (teruskan), with where."""

import pytest

from akun.models import Audit
from siaran.models import Penerimaan

pytestmark = pytest.mark.django_db


@pytest.fixture
def penerimaan_a(buat_siaran, cast):
    return buat_siaran().penerimaan.get(kim=cast.kim_a)


def test_pengurus_marks_received(client, cast, penerimaan_a):
    """GIVEN a siaran in KIM A's inbox
    WHEN its pengurus marks it received
    THEN the copy records when and who, the page says so, and the audit trail has it."""
    client.force_login(cast.editor)
    response = client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/", follow=True)
    penerimaan_a.refresh_from_db()
    assert penerimaan_a.status == "diterima" and penerimaan_a.diterima_oleh == cast.editor and penerimaan_a.diterima_pada
    html = response.content.decode()
    assert "Siaran ditandai diterima." in html and f"oleh {cast.editor.nama}" in html
    assert Audit.objects.filter(aksi="terima_siaran", objek_id=str(penerimaan_a.pk)).exists()


def test_marking_received_twice_keeps_the_first_mark(client, cast, penerimaan_a):
    penerimaan_a.tandai_diterima(cast.editor)
    pertama = Penerimaan.objects.get(pk=penerimaan_a.pk).diterima_pada
    client.force_login(cast.editor)
    html = client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/", follow=True).content.decode()
    assert "sudah ditandai diterima sebelumnya" in html
    assert Penerimaan.objects.get(pk=penerimaan_a.pk).diterima_pada == pertama


def test_pengurus_marks_passed_on_with_places_which_implies_received(client, cast, penerimaan_a):
    client.force_login(cast.editor)
    response = client.post(
        f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/",
        {"tempat": ["whatsapp", "masjid"], "catatan": "Grup Warga Tungkap"},
        follow=True,
    )
    penerimaan_a.refresh_from_db()
    assert penerimaan_a.status == "diteruskan" and penerimaan_a.diteruskan_ke == ["whatsapp", "masjid"]
    assert penerimaan_a.diterima_oleh == cast.editor and penerimaan_a.diteruskan_oleh == cast.editor
    assert penerimaan_a.catatan_teruskan == "Grup Warga Tungkap"
    assert "Grup WhatsApp, Pengumuman masjid/musala" in response.content.decode()
    audit = Audit.objects.get(aksi="teruskan_siaran")
    assert audit.perubahan["status"] == ["belum", "diteruskan"]


def test_passing_on_again_adds_places(client, cast, penerimaan_a):
    penerimaan_a.tandai_diteruskan(cast.editor, ["whatsapp"], "")
    client.force_login(cast.editor)
    client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/", {"tempat": ["mading"]})
    penerimaan_a.refresh_from_db()
    assert penerimaan_a.diteruskan_ke == ["whatsapp", "mading"]


def test_other_place_needs_a_note_and_nothing_changes_without_it(client, cast, penerimaan_a):
    client.force_login(cast.editor)
    html = client.post(
        f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/", {"tempat": ["lainnya"]}, follow=True
    ).content.decode()
    assert "Tuliskan ke mana siaran diteruskan." in html
    assert Penerimaan.objects.get(pk=penerimaan_a.pk).status == "belum"


def test_passing_on_needs_a_place(client, cast, penerimaan_a):
    client.force_login(cast.editor)
    client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/", {"catatan": "x"})
    assert Penerimaan.objects.get(pk=penerimaan_a.pk).status == "belum"


@pytest.mark.parametrize("peran", ["admin", "operator", "pemdes", "anggota", "editor_lain", "verifikator", "warga"])
def test_nobody_else_marks_a_kims_copy(client, cast, penerimaan_a, peran):
    client.force_login(getattr(cast, peran))
    assert client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/").status_code == 404
    assert client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/", {"tempat": ["mading"]}).status_code == 404
    assert Penerimaan.objects.get(pk=penerimaan_a.pk).status == "belum"


def test_marking_is_post_only(client, cast, penerimaan_a):
    client.force_login(cast.editor)
    assert client.get(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/").status_code == 405
