"""Logging in: Argon2 in production, clear messages, and failed attempts limited without locking the owner out."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from jembatan.test import PASSWORD

pytestmark = pytest.mark.django_db

PEMILIK = "10.1.1.1"  # the owner's usual address
ORANG_LAIN = "10.6.6.6"  # a stranger's


@pytest.fixture(autouse=True)
def cache_lokal(settings):
    """The counters expire on the cache's clock: a local cache follows time_machine, Redis would not."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "masuk"}}
    cache.clear()


@pytest.fixture
def jam(cast):
    with time_machine.travel(datetime(2026, 3, 2, 1, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def coba(client, email, sandi="tebakan", ip=ORANG_LAIN):
    return client.post("/akun/masuk/", {"email": email, "password": sandi}, REMOTE_ADDR=ip)


def gagal_sebanyak(client, jam, email, n, alamat=None):
    """n failed attempts, each from a new address unless one is given, waiting whenever asked to."""
    for i in range(n):
        ip = alamat or f"10.7.{i // 250}.{i % 250}"
        response = coba(client, email, ip=ip)
        while response.status_code == 429:
            jam.shift(int(response["Retry-After"]))
            response = coba(client, email, ip=ip)
        assert response.status_code == 200


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


def test_failures_from_one_address_lock_that_address_out_of_the_account_for_the_window(client, jam):
    """GIVEN five wrong passwords for the admin from one address
    WHEN that address then sends the right password, and again once the window has passed
    THEN it is refused with 429 saying when to try again, then let in; another account from another
    address was never affected."""
    for _ in range(settings.JEMBATAN_LOGIN_MAX_FAILURES):
        assert coba(client, "admin@uji.example").status_code == 200

    response = coba(client, "admin@uji.example", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit." in response.content.decode()
    assert response["Retry-After"] == str(settings.JEMBATAN_LOGIN_WINDOW_MINUTES * 60)
    assert "_auth_user_id" not in client.session
    assert coba(client, "editor@uji.example", PASSWORD, ip="10.9.9.9").status_code == 302

    jam.shift(settings.JEMBATAN_LOGIN_WINDOW_MINUTES * 60 - 1)
    assert coba(client, "admin@uji.example", PASSWORD).status_code == 429
    jam.shift(1)
    assert coba(client, "admin@uji.example", PASSWORD).status_code == 302


def test_owner_logs_in_from_their_own_address_while_a_stranger_hammers_the_account(client, jam, cast):
    """GIVEN the admin logged in from their office address last week (and from their phone's browser)
    WHEN a stranger sends 40 wrong passwords from another address, as fast as they are let
    THEN the admin still logs in at once from the office, and from the phone on a new address;
    a browser the account has never seen waits its turn."""
    coba(client, "admin@uji.example", PASSWORD, ip=PEMILIK)
    telepon = client.__class__()
    coba(telepon, "admin@uji.example", PASSWORD, ip="10.2.2.2")
    jam.shift(7 * 24 * 3600)

    stranger = client.__class__()
    gagal_sebanyak(stranger, jam, "admin@uji.example", 4, alamat=ORANG_LAIN)
    gagal_sebanyak(stranger, jam, "admin@uji.example", 36)
    assert coba(stranger, "admin@uji.example", PASSWORD, ip="10.3.3.3").status_code == 429

    kantor = client.__class__()
    assert coba(kantor, "admin@uji.example", PASSWORD, ip=PEMILIK).status_code == 302
    assert coba(telepon, "admin@uji.example", PASSWORD, ip="10.4.4.4").status_code == 302


def test_an_account_failing_from_many_addresses_is_slowed_down_progressively_not_locked(client, jam):
    """GIVEN five failures on the editor's account, each from a different address
    WHEN attempts go on from addresses the account does not know
    THEN each must wait twice as long as the one before (2, 4, 8 s …, never more than the window), a
    refused attempt does not count, and the right password goes through when its turn comes."""
    batas = settings.JEMBATAN_LOGIN_MAX_FAILURES
    gagal_sebanyak(client, jam, "editor@uji.example", batas)

    tunggu = []
    for i in range(4):
        assert coba(client, "editor@uji.example", ip=f"10.8.0.{i}").status_code == 200
        ditolak = coba(client, "editor@uji.example", ip=f"10.8.1.{i}")
        assert ditolak.status_code == 429
        tunggu.append(int(ditolak["Retry-After"]))
        jam.shift(tunggu[-1])
    assert tunggu == [2, 4, 8, 16]
    assert "Coba lagi dalam 16 detik" in ditolak.content.decode()

    assert coba(client, "editor@uji.example", ip="10.8.2.1").status_code == 200
    jam.shift(10)
    ditolak = [coba(client, "editor@uji.example", ip=f"10.8.3.{i}") for i in range(5)]
    assert [r["Retry-After"] for r in ditolak] == ["22"] * 5  # refused attempts do not count

    for i in range(6):
        jam.shift(int(coba(client, "editor@uji.example", ip="10.8.3.9")["Retry-After"]))
        assert coba(client, "editor@uji.example", ip=f"10.8.4.{i}").status_code == 200
        tunggu.append(int(coba(client, "editor@uji.example", ip="10.8.3.9")["Retry-After"]))
    assert tunggu[4:] == [64, 128, 256, 512, 900, 900]  # never more than the window
    assert "Coba lagi dalam 15 menit" in coba(client, "editor@uji.example", ip="10.8.3.9").content.decode()

    jam.shift(settings.JEMBATAN_LOGIN_WINDOW_MINUTES * 60)
    assert coba(client, "editor@uji.example", PASSWORD, ip="10.8.5.1").status_code == 302


def test_the_owner_is_told_once_by_email_when_many_attempts_fail(client, jam, cast):
    """GIVEN the admin's account
    WHEN twice the failures that start the slowdown happen, then twenty more the same day
    THEN the admin gets one e-mail saying how many failed and that the account is not locked."""
    gagal_sebanyak(client, jam, "admin@uji.example", 2 * settings.JEMBATAN_LOGIN_MAX_FAILURES)
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == [cast.admin.email]
    assert pesan.subject == "Banyak percobaan masuk yang gagal ke akun Jembatan Anda"
    assert "ada 10 percobaan masuk" in pesan.body and "Akun Anda tidak dikunci" in pesan.body
    assert "ada 10 percobaan masuk" in pesan.alternatives[0][0]

    gagal_sebanyak(client, jam, "admin@uji.example", 20)
    assert len(mail.outbox) == 1


def test_an_unknown_email_gets_the_same_answers_as_an_account(client, jam):
    """GIVEN the admin's account and an address with no account
    WHEN the same attempts are made on each (failures, slowdown, pair lock)
    THEN every answer (status, wait, message) is the same, and only the account's owner is e-mailed."""

    def jejak(email):
        answers = []
        for i in range(14):
            ip = ORANG_LAIN if i < 6 else f"10.5.0.{i}"
            response = coba(client, email, ip=ip)
            galat = re.search(r'<div class="galat-ringkas".*?</div>', response.content.decode(), re.S)
            answers.append((response.status_code, response.get("Retry-After"), galat and galat.group(0)))
            if response.status_code == 429 and i % 3:
                jam.shift(int(response["Retry-After"]))
        return answers

    akun = jejak("admin@uji.example")
    tidak_ada = jejak("bukan-siapa-siapa@uji.example")
    assert [a[:2] for a in akun] == [(200, None)] * 5 + [
        (429, "900"),  # the pair is locked; the next attempts come from new addresses
        (200, None),
        (429, "2"),
        (200, None),
        (429, "4"),
        (429, "4"),
        (200, None),
        (429, "8"),
        (429, "8"),
    ]
    assert akun == tidak_ada
    assert all(m.to == ["admin@uji.example"] for m in mail.outbox)


def test_one_address_failing_on_many_accounts_is_stopped_four_times_later(client, jam):
    batas = settings.JEMBATAN_LOGIN_MAX_FAILURES
    for i in range(4 * batas):
        assert coba(client, f"tebak{i}@uji.example").status_code == 200
    assert coba(client, "editor@uji.example", PASSWORD).status_code == 429
    assert coba(client, "editor@uji.example", PASSWORD, ip="10.9.9.9").status_code == 302


def test_next_parameter_cannot_send_the_user_elsewhere(client, cast):
    response = client.post("/akun/masuk/?next=https://evil.example/", {"email": "editor@uji.example", "password": PASSWORD})
    assert response["Location"] == "/kelola/"
