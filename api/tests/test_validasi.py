"""What the API answers to requests that do not match its document: 422 for anything the schema rules out
(each operation declares it, with the shape it has), 400 for a text only the matcher can refuse."""

import pytest

from jembatan.test import cocok_openapi

pytestmark = pytest.mark.django_db

COCOKKAN = "/api/v1/cek-fakta/cocokkan"


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def _cocokkan(client, body):
    return client.post(COCOKKAN, body, content_type="application/json")


def test_every_operation_declares_its_422_answer(spec):
    operasi = {f"{method.upper()} {path}": op for path, item in spec["paths"].items() for method, op in item.items()}
    assert len(operasi) >= 8
    assert [nama for nama, op in operasi.items() if "422" not in op["responses"]] == []


def test_the_text_limits_are_in_the_document(spec, settings):
    teks = spec["components"]["schemas"]["PermintaanCocok"]["properties"]["teks"]
    assert teks["minLength"] == 1 and teks["maxLength"] == settings.JEMBATAN_CEKFAKTA_MAKS_KARAKTER


@pytest.mark.parametrize(
    "body",
    [{"teks": ""}, {"teks": "   \n\t"}, {"teks": "x" * 5001}, {"teks": 5}, {"teks": None}, {}, [], '"teks"'],
    ids=["empty", "blank", "too long", "a number", "null", "missing", "an array", "a string"],
)
def test_a_text_the_schema_rules_out_is_a_422_that_matches_the_document(client, spec, body):
    response = _cocokkan(client, body)
    assert response.status_code == 422
    cocok_openapi(spec, COCOKKAN, response, 422, "post")
    assert response.json()["detail"][0]["loc"][:1] == ["body"]


def test_a_text_that_is_no_message_is_a_400_with_the_reason_that_matches_the_document(client, spec):
    response = _cocokkan(client, {"teks": "\x01\x02\x03\x04 ab"})
    assert response.status_code == 400
    cocok_openapi(spec, COCOKKAN, response, 400, "post")
    assert "tidak tampak seperti teks pesan" in response.json()["detail"]


def test_a_body_that_is_not_json_is_a_400_that_matches_the_document(client, spec):
    response = _cocokkan(client, "{bukan json")
    assert response.status_code == 400
    cocok_openapi(spec, COCOKKAN, response, 400, "post")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/api/v1/wilayah/bukan-kode", "/api/v1/wilayah/{kode}"),
        ("/api/v1/wilayah/%00", "/api/v1/wilayah/{kode}"),
        ("/api/v1/kim/63.05.01%00", "/api/v1/kim/{kode}"),
        ("/api/v1/cakupan/x", "/api/v1/cakupan/{kode}"),
        ("/api/v1/kim?tahap=bukan", "/api/v1/kim"),
        ("/api/v1/kim?kecamatan=%00", "/api/v1/kim"),
        ("/api/v1/kim?limit=abc", "/api/v1/kim"),
        ("/api/v1/warta?offset=-1", "/api/v1/warta"),
        ("/api/v1/warta?kategori=bukan", "/api/v1/warta"),
        ("/api/v1/warta?q=" + "x" * 201, "/api/v1/warta"),
        ("/api/v1/warta/abc", "/api/v1/warta/{id}"),
    ],
)
def test_a_parameter_the_schema_rules_out_is_a_422_that_matches_the_document(client, spec, url, path):
    response = client.get(url)
    assert response.status_code == 422
    cocok_openapi(spec, path, response, 422)


def test_siaran_paging_out_of_range_is_a_documented_422(client, spec, cast):
    client.force_login(cast.anggota)
    response = client.get("/api/v1/siaran", {"limit": 0})
    assert response.status_code == 422
    cocok_openapi(spec, "/api/v1/siaran", response, 422)


def test_a_nul_character_in_search_words_separates_them(client, cast):
    response = client.get("/api/v1/kim", {"q": "Tungkap\x00"})
    assert response.status_code == 200 and [k["nama"] for k in response.json()["items"]] == ["KIM Tungkap Bersinar"]
    assert client.get("/api/v1/warta", {"q": "posyandu\x00tungkap"}).status_code == 200
