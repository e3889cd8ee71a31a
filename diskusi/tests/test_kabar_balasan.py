"""The reply email: sent once, when a reply is shown, to a parent author who asked, never revealing the replier's email."""

import pytest
from django.core import mail

from diskusi.models import Komentar, Status
from diskusi.tasks import kabari_balasan
from diskusi.tests.conftest import kirim, make_komentar

pytestmark = pytest.mark.django_db


def test_an_approved_reply_is_mailed_through_a_real_smtp_server_without_the_repliers_email(
    client, cast, putusan, smtp_lokal, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://kim.tapin.example"
    induk = make_komentar(putusan, nama="Siti", email="siti@contoh.example", kabari=True)
    kirim(client, putusan, nama="Budi", email="budi.rahasia@contoh.example", isi="Betul, Bu Siti & kawan-kawan.", balas=induk.pk)
    balasan = Komentar.objects.get(nama="Budi")
    assert balasan.status == Status.MENUNGGU and not smtp_lokal  # nothing until it is shown

    client.force_login(cast.verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/komentar/{balasan.pk}/", {"aksi": "setujui"})
    [envelope] = smtp_lokal
    assert envelope.rcpt_tos == ["siti@contoh.example"]
    pesan = envelope.content.decode("utf-8", "replace")
    assert "budi.rahasia" not in pesan
    assert "Budi membalas komentar Anda" in pesan
    assert f"https://kim.tapin.example{putusan.get_absolute_url()}#komentar-{balasan.pk}" in pesan

    # Hidden and approved again, or the task retried: still one email.
    client.post(f"/kelola/komentar/{balasan.pk}/", {"aksi": "sembunyikan", "alasan": "Cek"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/komentar/{balasan.pk}/", {"aksi": "setujui"})
    kabari_balasan.call(balasan.pk, "https://x.example/")
    assert len(smtp_lokal) == 1


def test_no_email_when_the_parent_author_did_not_ask(client, putusan, django_capture_on_commit_callbacks):
    induk = make_komentar(putusan, nama="Siti", email="siti@contoh.example", kabari=False)
    make_komentar(putusan, nama="Budi", email="budi@contoh.example")  # known: shown at once
    with django_capture_on_commit_callbacks(execute=True):
        kirim(client, putusan, nama="Budi", email="budi@contoh.example", balas=induk.pk)
    assert Komentar.objects.get(parent=induk).status == Status.TAMPIL
    assert mail.outbox == []


def test_a_shown_reply_from_a_known_commenter_is_mailed_at_once(client, putusan, django_capture_on_commit_callbacks):
    induk = make_komentar(putusan, nama="Siti", email="siti@contoh.example", kabari=True)
    make_komentar(putusan, nama="Budi", email="budi@contoh.example")
    with django_capture_on_commit_callbacks(execute=True):
        kirim(client, putusan, nama="Budi", email="budi@contoh.example", balas=induk.pk)
    [surat] = mail.outbox
    assert surat.to == ["siti@contoh.example"] and "budi@contoh.example" not in surat.body + str(surat.alternatives)
    assert Komentar.objects.get(parent=induk).diberi_tahu is not None
