"""Logging in: Argon2 in production, clear messages, and repeated failures locked out."""

import pytest
from django.conf import settings

from jembatan.test import PASSWORD

pytestmark = pytest.mark.django_db


def test_production_hashes_passwords_with_argon2():
    from jembatan import settings as production  # the module, not the test overrides

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_login_with_email_goes_to_the_dashboard(client, cast):
    response = client.post("/akun/masuk/", {"email": "EDITOR@uji.example", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/kelola/"


def test_wrong_password_says_so_in_indonesian(client, cast):
    response = client.post("/akun/masuk/", {"email": "editor@uji.example", "password": "salah"})
    assert response.status_code == 200
    assert "Email atau kata sandi salah" in response.content.decode()


def test_repeated_failures_lock_the_account_for_a_while_even_with_the_right_password(client, cast):
    for _ in range(settings.JEMBATAN_LOGIN_MAX_FAILURES):
        client.post("/akun/masuk/", {"email": "editor@uji.example", "password": "tebakan"})
    response = client.post("/akun/masuk/", {"email": "editor@uji.example", "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from another address is not affected.
    other = client.post("/akun/masuk/", {"email": "admin@uji.example", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_next_parameter_cannot_send_the_user_elsewhere(client, cast):
    response = client.post("/akun/masuk/?next=https://evil.example/", {"email": "editor@uji.example", "password": PASSWORD})
    assert response["Location"] == "/kelola/"
