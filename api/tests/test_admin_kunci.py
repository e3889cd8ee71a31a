"""Diskominfo makes, changes and revokes partner API keys in the Django admin."""

import re

import pytest

from akun.models import Audit
from api.models import KunciApi, hash_kunci

pytestmark = pytest.mark.django_db

TAMBAH = "/django-admin/api/kunciapi/"


def _buat(admin_client, **fields):
    data = {"organisasi": "Relawan TIK Tapin", "email_kontak": "rtik@uji.example", "batas_per_jam": "500", **fields}
    return admin_client.post(TAMBAH + "add/", data)


def _cocokkan(client, kunci):
    return client.post(
        "/api/v1/cek-fakta/cocokkan", {"teks": "apa saja"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {kunci}"
    )


def test_the_new_key_is_shown_once_and_works(admin_client, cast):
    """GIVEN an admin of Diskominfo
    WHEN they add a key for a partner in the admin
    THEN the page after saving shows the key once, and only its hash is kept, and the key opens the API."""
    response = _buat(admin_client)
    assert response.status_code == 200
    html = response.content.decode()
    [teks] = set(re.findall(r"jbt_[A-Za-z0-9_-]{40,}", html))
    assert "hanya ditampilkan sekali" in html and "500 permintaan per jam" in html
    assert "no-store" in response["Cache-Control"]
    kunci = KunciApi.objects.get()
    assert kunci.kunci_hash == hash_kunci(teks) and kunci.awalan == teks[:12] and kunci.dibuat_oleh == cast.admin
    assert (kunci.organisasi, kunci.email_kontak, kunci.batas_per_jam) == ("Relawan TIK Tapin", "rtik@uji.example", 500)
    for halaman in [TAMBAH, f"{TAMBAH}{kunci.pk}/change/"]:
        body = admin_client.get(halaman).content.decode()
        assert kunci.awalan in body and teks not in body
    assert Audit.objects.filter(aksi="api_buat_kunci", objek_id=str(kunci.pk), user=cast.admin).exists()
    assert _cocokkan(admin_client, teks).status_code == 200
    kunci.refresh_from_db()
    assert kunci.terakhir_dipakai is not None


def test_a_key_without_organisation_or_limit_is_not_made(admin_client):
    response = _buat(admin_client, organisasi="", batas_per_jam="0")
    assert response.status_code == 200 and not KunciApi.objects.exists()
    assert "jbt_" not in response.content.decode()


def test_the_admin_revokes_keys_with_the_list_action(admin_client, cast):
    _buat(admin_client)
    kunci = KunciApi.objects.get()
    aksi = {"action": "cabut_terpilih", "_selected_action": [kunci.pk]}
    response = admin_client.post(TAMBAH, aksi, follow=True)
    assert "1 kunci API dicabut." in response.content.decode()
    kunci.refresh_from_db()
    assert kunci.dicabut is not None
    assert Audit.objects.filter(aksi="api_cabut_kunci", objek_id=str(kunci.pk), user=cast.admin).count() == 1
    again = admin_client.post(TAMBAH, aksi, follow=True).content.decode()
    assert "sudah dicabut" in again and Audit.objects.filter(aksi="api_cabut_kunci").count() == 1


def test_a_revoked_key_made_in_the_admin_is_refused(admin_client):
    [teks] = set(re.findall(r"jbt_[A-Za-z0-9_-]{40,}", _buat(admin_client).content.decode()))
    admin_client.post(TAMBAH, {"action": "cabut_terpilih", "_selected_action": [KunciApi.objects.get().pk]})
    assert _cocokkan(admin_client, teks).status_code == 401


def test_changing_the_limit_is_audited_and_counts_at_once(admin_client, cast):
    [teks] = set(re.findall(r"jbt_[A-Za-z0-9_-]{40,}", _buat(admin_client).content.decode()))
    kunci = KunciApi.objects.get()
    data = {"organisasi": "Relawan TIK Tapin", "email_kontak": "rtik@uji.example", "batas_per_jam": "1"}
    assert admin_client.post(f"{TAMBAH}{kunci.pk}/change/", data).status_code == 302
    ubah = Audit.objects.get(aksi="api_ubah_kunci")
    assert ubah.perubahan == {"batas_per_jam": [500, 1]} and ubah.user == cast.admin
    assert [_cocokkan(admin_client, teks).status_code for _ in range(2)] == [200, 429]
    admin_client.post(f"{TAMBAH}{kunci.pk}/change/", data)  # saved again as it is: nothing to record
    assert Audit.objects.filter(aksi="api_ubah_kunci").count() == 1


def test_keys_are_revoked_never_deleted(admin_client):
    _buat(admin_client)
    kunci = KunciApi.objects.get()
    assert admin_client.get(f"{TAMBAH}{kunci.pk}/delete/").status_code == 403
    assert KunciApi.objects.exists()


def test_staff_without_the_permission_cannot_make_keys(client, cast):
    cast.operator.is_staff = True
    cast.operator.save()
    client.force_login(cast.operator)
    assert client.get(TAMBAH + "add/").status_code == 403
