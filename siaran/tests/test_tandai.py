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


def test_marking_received_writes_one_audit_entry_from_unread_to_received(client, cast, penerimaan_a):
    """GIVEN a siaran unread in KIM A's inbox
    WHEN its pengurus marks it received
    THEN one audit entry names the pengurus, the KIM's village and the status from unread to received."""
    client.force_login(cast.editor)
    client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/")
    [audit] = Audit.objects.filter(objek_tipe="penerimaan", objek_id=str(penerimaan_a.pk))
    assert (audit.aksi, audit.user, audit.wilayah_id) == ("terima_siaran", cast.editor, cast.kim_a.wilayah_id)
    assert audit.perubahan == {"status": ["belum", "diterima"]}
    assert audit.ringkasan.startswith("KIM Tungkap Bersinar menerima siaran")


def test_a_failed_audit_write_leaves_the_copy_unread(client, cast, penerimaan_a):
    """GIVEN a siaran unread in KIM A's inbox
    WHEN its pengurus marks it received and writing the audit entry fails
    THEN the request fails and the copy in the database is still unread, with no one recorded."""
    from unittest import mock

    client.force_login(cast.editor)
    with (
        mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh")),
        pytest.raises(RuntimeError, match="disk penuh"),
    ):
        client.post(f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/")
    tersimpan = Penerimaan.objects.get(pk=penerimaan_a.pk)
    assert (tersimpan.status, tersimpan.diterima_pada, tersimpan.diterima_oleh) == ("belum", None, None)
    assert not Audit.objects.filter(aksi="terima_siaran").exists()


def test_marking_received_again_is_refused_and_audited_once(client, cast, penerimaan_a):
    from jembatan.lib.domain import DomainError

    penerimaan_a.tandai_diterima(cast.editor)
    with pytest.raises(DomainError, match="sudah ditandai diterima"):
        penerimaan_a.tandai_diterima(cast.editor)
    assert Audit.objects.filter(aksi="terima_siaran").count() == 1


def test_passing_on_to_the_same_places_again_is_refused_without_a_second_audit_entry(client, cast, penerimaan_a):
    """GIVEN a copy KIM A marked passed on to its WhatsApp group
    WHEN a pengurus marks it passed on to the WhatsApp group again, with no new note
    THEN they are told it is already marked, and the audit trail keeps one entry."""
    penerimaan_a.tandai_diteruskan(cast.editor, ["whatsapp"], "Grup RT 03")
    client.force_login(cast.editor)
    html = client.post(
        f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/", {"tempat": ["whatsapp"]}, follow=True
    ).content.decode()
    assert "sudah ditandai diteruskan ke tempat itu" in html
    assert Audit.objects.filter(aksi="teruskan_siaran").count() == 1
    assert Penerimaan.objects.get(pk=penerimaan_a.pk).catatan_teruskan == "Grup RT 03"


def test_passing_on_records_places_and_note_in_the_audit_entry(cast, penerimaan_a):
    penerimaan_a.tandai_diteruskan(cast.editor, ["masjid", "whatsapp"], " Grup RT 03 ")
    audit = Audit.objects.get(aksi="teruskan_siaran")
    assert audit.perubahan == {
        "status": ["belum", "diteruskan"],
        "diteruskan_ke": [[], ["whatsapp", "masjid"]],
        "catatan_teruskan": ["", "Grup RT 03"],
    }
    assert (audit.user, audit.wilayah_id) == (cast.editor, cast.kim_a.wilayah_id)


def test_the_rules_of_passing_on_belong_to_the_copy_not_to_the_form(cast, penerimaan_a):
    from jembatan.lib.domain import DomainError

    with pytest.raises(DomainError, match="Tuliskan ke mana"):
        penerimaan_a.tandai_diteruskan(cast.editor, ["lainnya"], " ")
    with pytest.raises(DomainError, match="sedikitnya satu tempat"):
        penerimaan_a.tandai_diteruskan(cast.editor, ["bukan-tempat"], "x")
    assert Penerimaan.objects.get(pk=penerimaan_a.pk).status == "belum"
    assert not Audit.objects.filter(objek_tipe="penerimaan").exists()
