"""“Ingatkan yang belum”: one click reminds, by e-mail, the KIM that have not marked a siaran received."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from akun.models import Audit
from siaran.models import JEDA_PENGINGAT, Kiriman

pytestmark = pytest.mark.django_db


@pytest.fixture
def siaran(buat_siaran, cast):
    s = buat_siaran()
    s.penerimaan.get(kim=cast.kim_a).tandai_diterima(cast.editor)
    mail.outbox.clear()
    return s


def test_reminder_goes_only_to_kim_that_have_not_acted(client, cast, siaran, django_capture_on_commit_callbacks):
    """GIVEN KIM A marked the siaran received and KIM B did not
    WHEN Diskominfo clicks “Ingatkan yang belum”
    THEN only KIM B's pengurus get a reminder e-mail, and KIM B's row counts one reminder."""
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/", follow=True)
    assert [m.to for m in mail.outbox] == [[cast.editor_lain.email]]
    assert mail.outbox[0].subject == "Pengingat: siaran “Waspada banjir di bantaran Sungai Tapin” belum ditandai diterima"
    assert f"http://testserver/kelola/siaran/{siaran.pk}/" in mail.outbox[0].body
    a, b = siaran.penerimaan.get(kim=cast.kim_a), siaran.penerimaan.get(kim=cast.kim_b)
    assert (a.jumlah_pengingat, b.jumlah_pengingat) == (0, 1) and b.pengingat_terakhir
    assert "Pengingat dikirim ke 1 KIM" in response.content.decode()
    assert Kiriman.objects.filter(putaran=1).count() == 1 and Audit.objects.filter(aksi="ingatkan_siaran").exists()


def test_a_second_click_soon_after_sends_nothing_more(client, cast, siaran, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")
        html = client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/", follow=True).content.decode()
    assert "Pengingat baru saja dikirim" in html and len(mail.outbox) == 1
    with (
        time_machine.travel(timezone.now() + JEDA_PENGINGAT + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")
    assert len(mail.outbox) == 2 and siaran.penerimaan.get(kim=cast.kim_b).jumlah_pengingat == 2


def test_nothing_to_remind_when_every_kim_acted(client, cast, siaran):
    siaran.penerimaan.get(kim=cast.kim_b).tandai_diteruskan(cast.editor_lain, ["mading"], "")
    client.force_login(cast.admin)
    html = client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/", follow=True).content.decode()
    assert "tidak ada yang perlu diingatkan" in html and not mail.outbox and not Kiriman.objects.filter(putaran__gt=0).exists()


@pytest.mark.parametrize("peran", ["operator", "editor", "anggota", "editor_lain", "pemdes", "verifikator", "warga"])
def test_only_diskominfo_reminds(client, cast, siaran, peran):
    client.force_login(getattr(cast, peran))
    assert client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/").status_code == 404
    assert not mail.outbox


def test_a_reminder_round_writes_one_audit_entry_with_the_round(client, cast, siaran):
    client.force_login(cast.admin)
    client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")
    [audit] = Audit.objects.filter(aksi="ingatkan_siaran")
    assert (audit.user, audit.objek_id) == (cast.admin, str(siaran.pk))
    assert audit.perubahan == {"putaran_pengingat": [0, 1]}
    assert audit.ringkasan.startswith("Pengingat ke 1 KIM (1 surel)")


def test_refused_reminders_write_no_audit_entry(client, cast, siaran, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")
        client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")  # too soon
    siaran.penerimaan.get(kim=cast.kim_b).tandai_diterima(cast.editor_lain)
    with time_machine.travel(timezone.now() + JEDA_PENGINGAT + timedelta(minutes=1)):
        client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")  # nobody left to remind
    assert Audit.objects.filter(aksi="ingatkan_siaran").count() == 1 and len(mail.outbox) == 1


def test_a_failed_audit_write_takes_no_reminder_round(client, cast, siaran, django_capture_on_commit_callbacks):
    """GIVEN KIM B has not marked the siaran received
    WHEN Diskominfo reminds and writing the audit entry fails
    THEN no round is taken, nothing is counted on KIM B's copy and no reminder is queued or mailed."""
    from unittest import mock

    client.force_login(cast.admin)
    with (
        mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh")),
        pytest.raises(RuntimeError, match="disk penuh"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(f"/kelola/siaran/{siaran.pk}/ingatkan/")
    siaran.refresh_from_db()
    assert (siaran.putaran_pengingat, siaran.pengingat_terakhir) == (0, None)
    assert siaran.penerimaan.get(kim=cast.kim_b).jumlah_pengingat == 0
    assert not Kiriman.objects.filter(putaran__gt=0).exists() and not mail.outbox
