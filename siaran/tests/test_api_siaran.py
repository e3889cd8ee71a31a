"""GET /api/v1/siaran: the siaran list of the signed-in user's KIM, checked against the OpenAPI document."""

import pytest

from jembatan.test import cocok_openapi

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def _check(spec, response, status):
    cocok_openapi(spec, "/api/v1/siaran", response, status)


def test_the_endpoint_is_documented_with_session_auth(spec):
    from openapi_spec_validator import validate as validate_spec  # a second to import: only where it is used

    validate_spec(spec)
    operation = spec["paths"]["/api/v1/siaran"]["get"]
    assert {"200", "401"} <= set(operation["responses"]) and operation["security"]
    assert "siaran" in operation["tags"]


def test_anonymous_gets_401(client, spec, buat_siaran):
    buat_siaran()
    response = client.get("/api/v1/siaran")
    assert response.status_code == 401
    _check(spec, response, 401)


def test_pengurus_gets_their_kims_siaran_with_its_state(client, cast, spec, buat_siaran):
    ke_a = buat_siaran(judul="Untuk Tungkap", cakupan="desa", wilayah=[cast.kim_a.wilayah])
    buat_siaran(judul="Untuk Pandulangan", cakupan="desa", wilayah=[cast.kim_b.wilayah])
    ke_a.penerimaan.get().tandai_diteruskan(cast.editor, ["whatsapp"], "")
    client.force_login(cast.anggota)
    response = client.get("/api/v1/siaran")
    assert response.status_code == 200
    _check(spec, response, 200)
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["judul"] == "Untuk Tungkap" and item["kim_nama"] == "KIM Tungkap Bersinar" and item["status"] == "diteruskan"
    assert item["diteruskan_ke"] == ["whatsapp"] and item["url"] == f"http://testserver/kelola/siaran/{ke_a.pk}/"


def test_a_user_without_a_kim_gets_an_empty_list(client, cast, buat_siaran):
    buat_siaran()
    client.force_login(cast.warga)
    assert client.get("/api/v1/siaran").json() == {"items": [], "count": 0}


def test_siaran_list_counts_and_pages_beyond_five_hundred_rows(client, cast, spec, django_assert_max_num_queries):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    from api.views import _siaran_untuk_kim
    from siaran.models import Penerimaan, Siaran

    sekarang = timezone.now()
    siaran = Siaran.objects.bulk_create(
        Siaran(judul=f"Siaran {i:03d}", isi="Isi", dikirim_oleh=cast.admin, dikirim_pada=sekarang - timedelta(minutes=i + 1))
        for i in range(520)
    )
    Penerimaan.objects.bulk_create(Penerimaan(siaran=s, kim=kim) for s in siaran for kim in (cast.kim_a, cast.kim_b))
    client.force_login(cast.anggota)

    with mock.patch("api.views._siaran_untuk_kim", wraps=_siaran_untuk_kim) as baris, django_assert_max_num_queries(4):
        response = client.get("/api/v1/siaran", {"limit": 10, "offset": 515})

    _check(spec, response, 200)
    data = response.json()
    assert data["count"] == 520 and baris.call_count == 5
    assert [s["judul"] for s in data["items"]] == [f"Siaran {i:03d}" for i in range(515, 520)]
    assert {s["kim_nama"] for s in data["items"]} == {"KIM Tungkap Bersinar"}
