"""E-mail delivery of a siaran (siaran.tasks): content through a real SMTP server, at most once per recipient."""

import email
import io
import socket
from datetime import timedelta
from email import policy

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jembatan.test import make_pengurus, make_user
from siaran import tasks
from siaran.models import MASA_KLAIM, Kiriman, StatusKiriman

pytestmark = pytest.mark.django_db


def _isi(envelope):
    pesan = email.message_from_bytes(envelope.content, policy=policy.default)
    return pesan, pesan.get_body(("plain",)).get_content(), pesan.get_body(("html",)).get_content()


def test_the_email_reaches_a_real_smtp_server_with_subject_text_and_link(smtp_lokal, cast, buat_siaran):
    """GIVEN a real SMTP server on loopback
    WHEN Diskominfo sends a darurat siaran to all KIM
    THEN each pengurus gets one e-mail with the priority in the subject, the text and the link to the siaran."""
    siaran = buat_siaran()
    assert sorted(e.rcpt_tos[0] for e in smtp_lokal) == sorted([cast.editor.email, cast.editor_lain.email])
    untuk_a = next(e for e in smtp_lokal if e.rcpt_tos == [cast.editor.email])
    pesan, teks, html = _isi(untuk_a)
    assert pesan["Subject"] == "[DARURAT] Siaran Diskominfo: Waspada banjir di bantaran Sungai Tapin"
    assert "Kepada pengurus KIM Tungkap Bersinar," in teks and "Air sungai **naik** sejak pagi." in teks
    assert f"http://testserver/kelola/siaran/{siaran.pk}/" in teks
    assert "<strong>naik</strong>" in html and f'href="http://testserver/kelola/siaran/{siaran.pk}/"' in html
    assert set(Kiriman.objects.values_list("status", "percobaan")) == {("terkirim", 1)}


def test_running_the_delivery_twice_sends_one_email_per_recipient(cast, buat_siaran):
    siaran = buat_siaran()
    ids = list(siaran.kiriman.values_list("pk", flat=True))
    assert len(mail.outbox) == 2
    assert tasks.antar(ids) == {"terkirim": 0, "gagal": 0, "dilewati": 2, "server_mati": False}
    tasks.kirim_surel_siaran.enqueue(ids)
    assert len(mail.outbox) == 2


def test_a_crash_between_claim_and_send_never_leads_to_a_second_email(cast, buat_siaran, monkeypatch):
    """GIVEN deliveries whose task died after claiming them and before sending (the worker was killed)
    WHEN the task is retried at once
    THEN it sends nothing (the rows are claimed); once the claim is stale, the retry command sends each e-mail once."""
    siaran = buat_siaran(kirim_surel=False)
    ids = list(siaran.kiriman.values_list("pk", flat=True))

    def mati(*args, **kwargs):
        raise KeyboardInterrupt  # the process is gone: nothing after the claim runs

    monkeypatch.setattr(tasks, "send", mati)
    with pytest.raises(KeyboardInterrupt):
        tasks.antar(ids)
    monkeypatch.undo()
    assert set(Kiriman.objects.values_list("status", flat=True)) == {StatusKiriman.MENGIRIM}
    tasks.antar(ids)
    call_command("kirim_ulang_siaran", stdout=io.StringIO())
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + MASA_KLAIM + timedelta(minutes=1)):
        call_command("kirim_ulang_siaran", stdout=io.StringIO())
        call_command("kirim_ulang_siaran", stdout=io.StringIO())
        tasks.antar(ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.editor.email, cast.editor_lain.email])
    assert set(Kiriman.objects.values_list("status", flat=True)) == {StatusKiriman.TERKIRIM}


def test_failing_mail_server_leaves_deliveries_failed_and_visible(settings, client, cast, buat_siaran):
    """GIVEN the mail server refuses connections
    WHEN a siaran is sent
    THEN the siaran itself is delivered to the KIM inboxes, its e-mails are 'gagal' with the reason,
    and Diskominfo's table says they are not yet sent."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    siaran = buat_siaran()
    assert siaran.penerimaan.count() == 2
    kiriman = list(Kiriman.objects.all())
    assert {k.status for k in kiriman} == {"gagal"} and all("ConnectionRefusedError" in k.galat for k in kiriman)
    client.force_login(cast.admin)
    html = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert "2 surel belum terkirim" in html and "belum terkirim (0 dari 1 terkirim)" in html
    assert "2</strong></td></tr>" in client.get("/kelola/siaran/semua/").content.decode()


def test_one_refused_address_does_not_stop_the_others(cast, buat_siaran, monkeypatch):
    import smtplib

    asli = tasks.send

    def tolak_satu(nama, kepada, konteks):
        if kepada == [cast.editor.email]:
            raise smtplib.SMTPRecipientsRefused({kepada[0]: (550, b"no such user")})
        asli(nama, kepada, konteks)

    monkeypatch.setattr(tasks, "send", tolak_satu)
    buat_siaran()
    assert [m.to for m in mail.outbox] == [[cast.editor_lain.email]]
    assert Kiriman.objects.get(email=cast.editor.email).status == "gagal"


def test_recipients_are_active_pengurus_and_linked_board_members_each_once(cast, buat_siaran):
    make_user("nonaktif@uji.example", "pengurus", cast.kim_a.wilayah_id, is_active=False)
    sekretaris = make_user("sekretaris@uji.example", "warga")
    make_pengurus(cast.kim_a, "Sekretaris", "sekretaris", user=sekretaris)
    make_pengurus(cast.kim_a, "Ketua", "ketua", user=cast.editor)  # also pengurus by role: one e-mail only
    make_pengurus(cast.kim_a, "Anggota", "anggota", user=make_user("anggota2@uji.example", "warga"))
    buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.editor.email, sekretaris.email])
