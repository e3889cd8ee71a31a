"""Demo content: present, marked, and loaded once."""

import io

import pytest
from django.core.management import call_command

from akun.models import User
from kim.models import Kim, Tahap

pytestmark = pytest.mark.django_db


def test_demo_has_every_stage_one_user_per_role_and_is_marked(client):
    out = io.StringIO()
    call_command("muat_demo", stdout=out)
    assert set(Kim.objects.values_list("tahap", flat=True)) == set(Tahap.values) - {Tahap.BELUM_ADA}
    assert not Kim.objects.filter(demo=False).exists()
    users = User.objects.all()
    assert {u.peran for u in users} == {"admin", "verifikator", "operator", "pemdes", "pengurus", "anggota", "warga"}
    assert all(u.demo and u.email.endswith(".example") for u in users)
    printed = out.getvalue()
    assert "kata sandi hanya ditampilkan sekali" in printed and "admin@jembatan-demo.example" in printed
    html = client.get("/").content.decode()
    assert "DEMO" in html and "bukan data sebenarnya" in html

    again = io.StringIO()
    call_command("muat_demo", stdout=again)
    assert "dilewati" in again.getvalue()
    assert User.objects.count() == len(users)


def test_demo_users_can_log_in_with_the_printed_password(client):
    out = io.StringIO()
    call_command("muat_demo", stdout=out)
    line = next(row for row in out.getvalue().splitlines() if "operator@jembatan-demo.example" in row)
    password = line.split()[-3]
    response = client.post("/akun/masuk/", {"email": "operator@jembatan-demo.example", "password": password})
    assert response.status_code == 302
