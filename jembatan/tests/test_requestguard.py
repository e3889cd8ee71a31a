"""A NUL character anywhere in the address is a 400, not a database error (PostgreSQL refuses NUL in text)."""

import pytest

pytestmark = pytest.mark.django_db

ALAMAT = ["/warta/wilayah/%00/", "/cek-fakta/?q=%00", "/cek-fakta/lacak/%00/", "/wilayah/%00/", "/warta/?q=a%00b"]


@pytest.mark.parametrize("alamat", ALAMAT)
def test_a_nul_in_the_address_is_refused_politely(client, alamat):
    response = client.get(alamat)
    assert response.status_code == 400
    assert "karakter yang tidak sah" in response.content.decode()


def test_a_nul_in_a_signed_in_users_query_is_refused_too(client, cast):
    client.force_login(cast.admin)
    assert client.get("/kelola/audit/", {"wilayah": "\x00"}).status_code == 400


def test_ordinary_addresses_pass(client):
    assert client.get("/cek-fakta/", {"q": "banjir 100%"}).status_code == 200


def test_the_api_answers_a_nul_itself_as_its_document_says(client):
    assert client.get("/api/v1/wilayah/%00").status_code == 422
