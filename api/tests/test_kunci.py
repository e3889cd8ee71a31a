"""Partner API keys on the rate-limited endpoints: stored as a hash, counted per key, refused when wrong or revoked."""

import hashlib
import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from akun.models import Audit
from api.kunci import KunciApiMitra
from api.models import KunciApi
from jembatan.lib.domain import DomainError
from jembatan.test import cocok_openapi

pytestmark = pytest.mark.django_db

COCOKKAN = "/api/v1/cek-fakta/cocokkan"


def _kunci(cast, organisasi="Mafindo Kalsel", batas=100):
    kunci = KunciApi(organisasi=organisasi, email_kontak="mitra@uji.example", batas_per_jam=batas)
    return kunci, kunci.buat(oleh=cast.admin)


def _cocokkan(client, kunci=None, header=None, alamat="10.0.0.1"):
    extra = {"REMOTE_ADDR": alamat}
    if header or kunci:
        extra["HTTP_AUTHORIZATION"] = header or f"Bearer {kunci}"
    return client.post(COCOKKAN, {"teks": "apa saja"}, content_type="application/json", **extra)


def _status(client, n, **kwargs):
    return [_cocokkan(client, **kwargs).status_code for _ in range(n)]


def test_only_the_hash_and_a_short_prefix_are_stored(cast):
    kunci, teks = _kunci(cast)
    baris = KunciApi.objects.values().get(pk=kunci.pk)
    assert teks.startswith("jbt_") and len(teks) >= 40
    assert baris["kunci_hash"] == hashlib.sha256(teks.encode()).hexdigest()
    assert baris["awalan"] == teks[:12] and str(kunci) == f"Mafindo Kalsel ({teks[:12]}…)"
    assert not [kolom for kolom, nilai in baris.items() if teks in str(nilai)]
    assert KunciApi.objects.get(pk=kunci.pk).kunci_baru is None  # only the instance that made it holds it


def test_making_and_revoking_a_key_are_audited_without_the_key(cast):
    kunci, teks = _kunci(cast)
    kunci.cabut(oleh=cast.admin)
    buat, cabut = Audit.objects.filter(objek_tipe="kunciapi", objek_id=str(kunci.pk)).order_by("id")
    assert (buat.aksi, cabut.aksi) == ("api_buat_kunci", "api_cabut_kunci") and buat.user == cast.admin
    assert buat.perubahan["batas_per_jam"] == [None, 100] and buat.perubahan["email_kontak"] == ["•••", "•••"]
    assert teks[:12] in buat.ringkasan and teks not in str(buat.perubahan) + buat.ringkasan + cabut.ringkasan
    with pytest.raises(DomainError):
        kunci.cabut(oleh=cast.admin)
    assert Audit.objects.filter(aksi="api_cabut_kunci").count() == 1


def test_each_key_has_its_own_limit_apart_from_the_address_limit(client, cast, settings):
    """GIVEN two partners behind one address and an anonymous limit of 1 an hour
    WHEN each calls the limited endpoint from that address
    THEN each key is counted against its own limit, and none against the address's."""
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 1
    _, satu = _kunci(cast, "Satu", batas=2)
    _, dua = _kunci(cast, "Dua", batas=3)
    assert _status(client, 2) == [200, 429]  # the address is used up
    assert _status(client, 3, kunci=satu) == [200, 200, 429]
    assert _status(client, 4, kunci=dua) == [200, 200, 200, 429]
    habis = _cocokkan(client, kunci=satu)
    assert habis.json()["detail"] == "Batas kunci API ini (2 permintaan per jam) sudah tercapai; coba lagi dalam satu jam."


def test_anonymous_callers_keep_their_limit_per_address(client, cast, settings):
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 2
    _, kunci = _kunci(cast, batas=1)
    assert _status(client, 2, kunci=kunci) == [200, 429]  # a key's calls are not the address's
    assert _status(client, 3, alamat="10.0.0.1") == [200, 200, 429]
    assert _status(client, 1, alamat="10.0.0.2") == [200]
    assert _cocokkan(client).json()["detail"] == "Terlalu banyak permintaan dari alamat ini; coba lagi dalam satu jam."


def test_signed_in_users_are_not_limited(client, cast, settings):
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 1
    client.force_login(cast.warga)
    assert _status(client, 3) == [200, 200, 200]


def test_revoked_key_is_refused_with_a_clear_message(client, cast):
    kunci, teks = _kunci(cast)
    assert _cocokkan(client, kunci=teks).status_code == 200
    kunci.cabut(oleh=cast.admin)
    response = _cocokkan(client, kunci=teks)
    assert response.status_code == 401
    assert response.json() == {"detail": "Kunci API ini sudah dicabut. Hubungi Diskominfo untuk kunci baru."}
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    cocok_openapi(client.get("/api/v1/openapi.json").json(), COCOKKAN, response, 401, "post")


@pytest.mark.parametrize(
    "header",
    ["Bearer jbt_bukan-kunci-yang-pernah-dibuat", "Bearer rahasia", "Bearer ", "bearer jbt_" + "x" * 500],
)
def test_wrong_key_is_refused_not_taken_for_anonymous(client, cast, header):
    _kunci(cast)
    response = _cocokkan(client, header=header)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Kunci API tidak dikenal.")


def test_key_sent_without_bearer_is_refused_with_the_right_form(client, cast):
    _, teks = _kunci(cast)
    response = _cocokkan(client, header=teks)
    assert response.status_code == 401
    assert "Authorization: Bearer <kunci>" in response.json()["detail"]


def test_other_schemes_such_as_a_proxys_basic_auth_stay_anonymous(client, settings):
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 1
    assert _status(client, 2, header="Basic dXNlcjpwYXNz") == [200, 429]


def test_the_key_is_never_logged(client, cast, settings, caplog):
    settings.DEBUG = True  # Django Ninja's own bearer check logs an unexpected header when DEBUG is on
    _, teks = _kunci(cast)
    with caplog.at_level(logging.DEBUG):
        for header in [f"Token {teks}", f"Bearer {teks}", f"Bearer {teks}x", teks]:
            _cocokkan(client, header=header)
    assert caplog.records and teks not in caplog.text


def test_last_use_is_written_at_most_once_a_minute(client, cast, django_assert_num_queries):
    kunci, teks = _kunci(cast)
    awal = timezone.now()
    with time_machine.travel(awal, tick=False):
        _cocokkan(client, kunci=teks)
    kunci.refresh_from_db()
    assert kunci.terakhir_dipakai == awal
    with time_machine.travel(awal + timedelta(seconds=59), tick=False):
        kunci.tandai_dipakai()
        with django_assert_num_queries(0):
            kunci.tandai_dipakai()
        _cocokkan(client, kunci=teks)
    kunci.refresh_from_db()
    assert kunci.terakhir_dipakai == awal
    with time_machine.travel(awal + timedelta(seconds=61), tick=False):
        _cocokkan(client, kunci=teks)
    kunci.refresh_from_db()
    assert kunci.terakhir_dipakai == awal + timedelta(seconds=61)


def test_openapi_document_lists_the_optional_bearer_scheme(client):
    from openapi_spec_validator import validate as validate_spec  # a second to import: only where it is used

    spec = client.get("/api/v1/openapi.json").json()
    validate_spec(spec)
    skema = spec["components"]["securitySchemes"][KunciApiMitra.__name__]
    assert skema["type"] == "http" and skema["scheme"] == "bearer" and skema["bearerFormat"] == "jbt_…"
    assert "Kunci API mitra" in skema["description"] and "Partner API key" in skema["description"]
    op = spec["paths"][COCOKKAN]["post"]
    assert op["security"] == [{KunciApiMitra.__name__: []}, {}]
    assert {"200", "401", "429"} <= set(op["responses"])
    assert "security" not in spec["paths"]["/api/v1/kim"]["get"]
