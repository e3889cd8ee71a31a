"""The moderation queue /kelola/komentar/: who sees what, 404 outside scope, every action audited."""

import pytest

from akun.models import Audit
from diskusi import akses
from diskusi.models import Komentar, Status
from diskusi.tests.conftest import make_komentar

pytestmark = pytest.mark.django_db

# Who may moderate a comment on a verdict (no region), on village A's KIM page, on village B's.
BOLEH = {
    "admin": (True, True, True),
    "verifikator": (True, False, False),
    "operator": (False, True, False),  # kecamatan Binuang: village A only
    "pemdes": (False, True, False),
    "editor": (False, True, False),
    "anggota": (False, False, False),
    "editor_lain": (False, False, True),
    "warga": (False, False, False),
}


@pytest.fixture
def tiga(cast, putusan):
    return (
        make_komentar(putusan, nama="Di putusan", status=Status.MENUNGGU),
        make_komentar(cast.kim_a, nama="Di desa A", status=Status.MENUNGGU),
        make_komentar(cast.kim_b, nama="Di desa B", status=Status.MENUNGGU),
    )


@pytest.mark.parametrize("peran", BOLEH)
def test_each_role_lists_and_acts_on_exactly_the_comments_in_its_scope(client, cast, tiga, peran):
    user = getattr(cast, peran)
    client.force_login(user)
    daftar = client.get("/kelola/komentar/")
    harapan = BOLEH[peran]
    if not any(harapan):
        assert daftar.status_code == 404
    else:
        html = daftar.content.decode()
        for komentar, boleh in zip(tiga, harapan, strict=True):
            assert (komentar.nama in html) is boleh
    for komentar, boleh in zip(tiga, harapan, strict=True):
        assert akses.boleh_moderasi(user, komentar.objek) is boleh
        response = client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"})
        komentar.refresh_from_db()
        assert (response.status_code, komentar.status) == ((302, Status.TAMPIL) if boleh else (404, Status.MENUNGGU))


def test_anonymous_visitors_are_sent_to_log_in(client, tiga):
    assert client.get("/kelola/komentar/").status_code == 302
    assert client.post(f"/kelola/komentar/{tiga[0].pk}/", {"aksi": "setujui"}).status_code == 302
    assert Komentar.objects.filter(status=Status.TAMPIL).count() == 0


def test_approve_reject_and_hide_are_audited_with_who_and_why(client, cast, tiga):
    komentar = tiga[1]
    client.force_login(cast.editor)
    client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"})
    client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "sembunyikan", "alasan": "Di luar topik"})
    client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "tolak", "alasan": "Promosi judi online"})
    komentar.refresh_from_db()
    assert (komentar.status, komentar.alasan, komentar.dimoderasi_oleh) == (Status.DITOLAK, "Promosi judi online", cast.editor)
    jejak = list(Audit.objects.filter(objek_tipe="komentar", objek_id=str(komentar.pk)).order_by("waktu", "id"))
    assert [a.aksi for a in jejak] == ["komentar_setujui", "komentar_sembunyikan", "komentar_tolak"]
    assert all(a.user == cast.editor and a.wilayah_id == cast.kim_a.wilayah_id for a in jejak)
    assert jejak[2].perubahan["status"] == ["disembunyikan", "ditolak"]


def test_rejecting_or_hiding_needs_a_reason(client, cast, tiga):
    client.force_login(cast.admin)
    response = client.post(f"/kelola/komentar/{tiga[0].pk}/", {"aksi": "tolak", "alasan": " "}, follow=True)
    assert "Tuliskan alasannya" in response.content.decode()
    tiga[0].refresh_from_db()
    assert tiga[0].status == Status.MENUNGGU and not Audit.objects.exists()


def test_the_default_tab_lists_held_and_report_hidden_comments_only(client, cast, putusan):
    make_komentar(putusan, nama="Ditahan", status=Status.MENUNGGU)
    make_komentar(putusan, nama="Disembunyikan pembaca", status=Status.DISEMBUNYIKAN)
    make_komentar(putusan, nama="Disembunyikan moderator", status=Status.DISEMBUNYIKAN, dimoderasi_oleh=cast.admin)
    make_komentar(putusan, nama="Sudah tampil")
    client.force_login(cast.admin)
    html = client.get("/kelola/komentar/").content.decode()
    assert "Ditahan" in html and "Disembunyikan pembaca" in html
    assert "Disembunyikan moderator" not in html and "Sudah tampil" not in html
    assert "Sudah tampil" in client.get("/kelola/komentar/?status=tampil").content.decode()


def test_moderation_writes_one_audit_entry_with_old_and_new_status(client, cast, tiga):
    """GIVEN a comment held as a first comment
    WHEN the village's editor rejects it with a reason
    THEN exactly one audit entry records who, where, the status from held to rejected, and the reason."""
    komentar = tiga[1]
    client.force_login(cast.editor)
    client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "tolak", "alasan": "Promosi judi online"})
    [audit] = Audit.objects.filter(objek_tipe="komentar", objek_id=str(komentar.pk))
    assert (audit.aksi, audit.user, audit.wilayah_id) == ("komentar_tolak", cast.editor, cast.kim_a.wilayah_id)
    assert audit.perubahan == {"status": ["menunggu", "ditolak"], "alasan": ["", "Promosi judi online"]}
    assert "Promosi judi online" in audit.ringkasan


def test_a_decision_the_comment_already_carries_is_refused_without_a_second_audit_entry(client, cast, tiga):
    """GIVEN a comment a moderator has just approved
    WHEN another moderator (or a second click) approves it again
    THEN they are told it is already shown, and the audit trail keeps one entry."""
    komentar = tiga[0]
    client.force_login(cast.admin)
    client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"})
    response = client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"}, follow=True)
    assert "Komentar ini sudah tampil" in response.content.decode()
    assert Audit.objects.filter(objek_id=str(komentar.pk), aksi="komentar_setujui").count() == 1


def test_a_failed_audit_write_leaves_the_comment_unchanged(client, cast, tiga):
    """GIVEN a held comment
    WHEN a moderator approves it and writing the audit entry fails
    THEN the request fails and the comment in the database is still held, unmoderated."""
    from unittest import mock

    komentar = tiga[0]
    client.force_login(cast.admin)
    with (
        mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh")),
        pytest.raises(RuntimeError, match="disk penuh"),
    ):
        client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"})
    tersimpan = Komentar.objects.get(pk=komentar.pk)
    assert (tersimpan.status, tersimpan.dimoderasi, tersimpan.dimoderasi_oleh) == (Status.MENUNGGU, None, None)
    assert not Audit.objects.exists()


def test_the_reason_rule_belongs_to_the_comment_not_to_the_form(cast, tiga):
    from jembatan.lib.domain import DomainError

    komentar = tiga[0]
    for ubah in (komentar.tolak, komentar.sembunyikan):
        with pytest.raises(DomainError, match="Tuliskan alasannya"):
            ubah(cast.admin, "   ")
    assert Komentar.objects.get(pk=komentar.pk).status == Status.MENUNGGU and not Audit.objects.exists()
