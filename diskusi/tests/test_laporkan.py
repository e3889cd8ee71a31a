"""Readers' reports: three from different clients hide a comment until a moderator looks at it."""

import pytest

from diskusi.models import Aduan, Status
from diskusi.tests.conftest import make_komentar

pytestmark = pytest.mark.django_db


def test_the_report_page_asks_for_confirmation_with_a_csrf_protected_form(client, putusan):
    k = make_komentar(putusan, isi="Komentar biasa")
    html = client.get(f"/komentar/{k.pk}/laporkan/").content.decode()
    assert "Ya, laporkan" in html and "csrfmiddlewaretoken" in html and "Komentar biasa" in html

    from django.test import Client

    tanpa_token = Client(enforce_csrf_checks=True)
    assert tanpa_token.post(f"/komentar/{k.pk}/laporkan/").status_code == 403
    assert not Aduan.objects.exists()


def test_three_reports_from_different_clients_hide_the_comment_pending_review(client, putusan):
    k = make_komentar(putusan, isi="Isi yang dilaporkan")
    for ip in ("10.0.0.1", "10.0.0.2"):
        client.post(f"/komentar/{k.pk}/laporkan/", REMOTE_ADDR=ip)
    k.refresh_from_db()
    assert k.status == Status.TAMPIL
    assert "Isi yang dilaporkan" in client.get(putusan.get_absolute_url()).content.decode()
    response = client.post(f"/komentar/{k.pk}/laporkan/", REMOTE_ADDR="10.0.0.3")
    assert "Laporan Anda kami terima" in response.content.decode()
    k.refresh_from_db()
    assert k.status == Status.DISEMBUNYIKAN and k.dimoderasi_oleh is None and "Dilaporkan oleh 3 pembaca" in k.alasan
    assert "Isi yang dilaporkan" not in client.get(putusan.get_absolute_url()).content.decode()


def test_reports_from_the_same_client_count_once(client, putusan):
    k = make_komentar(putusan)
    for _ in range(5):
        client.post(f"/komentar/{k.pk}/laporkan/", REMOTE_ADDR="10.0.0.1")
    k.refresh_from_db()
    assert k.status == Status.TAMPIL and Aduan.objects.count() == 1


def test_a_comment_a_moderator_approved_after_reports_needs_three_new_reports(client, cast, putusan):
    k = make_komentar(putusan)
    for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        client.post(f"/komentar/{k.pk}/laporkan/", REMOTE_ADDR=ip)
    from django.test import Client

    moderator = Client()
    moderator.force_login(cast.admin)
    moderator.post(f"/kelola/komentar/{k.pk}/", {"aksi": "setujui"})
    client.post(f"/komentar/{k.pk}/laporkan/", REMOTE_ADDR="10.0.0.4")
    k.refresh_from_db()
    assert k.status == Status.TAMPIL


def test_only_shown_comments_can_be_reported(client, putusan):
    k = make_komentar(putusan, status=Status.MENUNGGU)
    assert client.get(f"/komentar/{k.pk}/laporkan/").status_code == 404


def test_hiding_by_readers_reports_is_audited_without_a_user(client, cast, putusan):
    """GIVEN a shown comment on a verdict
    WHEN a third reader reports it
    THEN one audit entry says it was hidden, by nobody in particular, from shown to hidden and why."""
    from akun.models import Audit

    k = make_komentar(putusan)
    for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        client.post(f"/komentar/{k.pk}/laporkan/", REMOTE_ADDR=ip)
    [audit] = Audit.objects.filter(objek_tipe="komentar", objek_id=str(k.pk))
    assert (audit.aksi, audit.user) == ("komentar_sembunyikan", None)
    assert audit.perubahan["status"] == ["tampil", "disembunyikan"]
    assert "Dilaporkan oleh 3 pembaca" in audit.perubahan["alasan"][1]


def test_a_report_is_counted_once_per_client_by_the_comment_itself(putusan):
    k = make_komentar(putusan)
    assert k.laporkan("a" * 32) is True
    assert k.laporkan("a" * 32) is False
    assert Aduan.objects.filter(komentar=k).count() == 1
