"""Invitations by link: sent by mail (through a real SMTP server once), used once, then gone."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from akun.models import Audit, Undangan, User

pytestmark = pytest.mark.django_db


def _undang(client, **data):
    return client.post("/akun/pengguna/undang/", {"nama": "Rahmat", "email": "rahmat@uji.example", **data})


def test_admin_invites_a_village_government_and_the_link_creates_a_scoped_account(client, cast):
    client.force_login(cast.admin)
    assert _undang(client, peran="pemdes", wilayah="63.05.01.2007").status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["rahmat@uji.example"]
    assert "Pemerintah desa/kelurahan" in message.body and "Desa Pulau Pinang" in message.body
    link = re.search(r"http://testserver(/akun/undangan/\S+/)", message.body).group(1)
    assert message.alternatives and link in message.alternatives[0][0]

    client.logout()
    response = client.post(link, {"nama": "Rahmat Hidayat", "password1": "sungai-tapin-2025", "password2": "sungai-tapin-2025"})
    assert response.status_code == 302
    user = User.objects.get(email="rahmat@uji.example")
    assert (user.peran, user.wilayah_id, user.nama) == ("pemdes", "63.05.01.2007", "Rahmat Hidayat")
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    # Used once: the same link no longer works.
    client.logout()
    assert client.get(link).status_code == 404
    assert Audit.objects.filter(aksi="terima_undangan", user=user).exists()


@pytest.mark.parametrize(
    ("peran", "wilayah", "pesan"),
    [
        ("operator", "63.05.01.2007", "harus kecamatan"),
        ("pemdes", "", "memerlukan wilayah"),
        ("admin", "63.05.01", "seluruh kabupaten"),
    ],
)
def test_role_and_scope_must_fit(client, cast, peran, wilayah, pesan):
    client.force_login(cast.admin)
    response = _undang(client, peran=peran, wilayah=wilayah)
    assert response.status_code == 200
    assert pesan in " ".join(response.context["form"].errors["wilayah"])
    assert not Undangan.objects.exists()


def test_scope_outside_the_kabupaten_is_not_offered(client, cast):
    client.force_login(cast.admin)
    response = _undang(client, peran="pemdes", wilayah="63.01.01.2001")
    assert "wilayah" in response.context["form"].errors


def test_expired_or_cancelled_invitation_is_refused(client, cast):
    undangan, token = Undangan.buat(email="a@uji.example", nama="A", peran="warga", wilayah=None, oleh=cast.admin)
    Undangan.objects.filter(pk=undangan.pk).update(kedaluwarsa=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/akun/undangan/{token}/").status_code == 404
    undangan, token = Undangan.buat(email="b@uji.example", nama="B", peran="warga", wilayah=None, oleh=cast.admin)
    client.force_login(cast.admin)
    client.post(f"/akun/pengguna/undangan/{undangan.pk}/batal/")
    client.logout()
    assert client.get(f"/akun/undangan/{token}/").status_code == 404


def test_only_the_token_hash_is_stored(cast):
    undangan, token = Undangan.buat(email="c@uji.example", nama="C", peran="warga", wilayah=None, oleh=cast.admin)
    assert token not in undangan.token_hash and len(undangan.token_hash) == 64


def test_admin_changes_a_users_role_and_scope_and_cannot_lock_themselves_out(client, cast):
    client.force_login(cast.admin)
    data = {"nama": cast.warga.nama, "peran": "operator", "wilayah": "63.05.03", "is_active": "on", "versi": cast.warga.versi}
    assert client.post(f"/akun/pengguna/{cast.warga.pk}/", data).status_code == 302
    cast.warga.refresh_from_db()
    assert (cast.warga.peran, cast.warga.wilayah_id) == ("operator", "63.05.03")
    response = client.post(f"/akun/pengguna/{cast.admin.pk}/", {"nama": "Admin", "peran": "admin", "versi": cast.admin.versi})
    assert "menonaktifkan akun Anda sendiri" in response.content.decode()


def test_invitation_mail_goes_through_a_real_smtp_server(client, cast, smtp_lokal):
    client.force_login(cast.admin)
    assert _undang(client, peran="warga", wilayah="").status_code == 302
    [envelope] = smtp_lokal
    assert envelope.rcpt_tos == ["rahmat@uji.example"]
    body = envelope.content.decode()
    assert "Subject: Undangan bergabung di Jembatan" in body
    assert "/akun/undangan/" in body
