"""Bahasa Indonesia for everyone; English only for a visitor who chose it (a phone set to English is not a choice)."""

import pytest
from django.test import RequestFactory

from jembatan.lib.language import chosen_language

pytestmark = pytest.mark.django_db


def test_a_phone_set_to_english_still_gets_bahasa_indonesia(client):
    response = client.get("/cek-fakta/cek/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_english_once_chosen_from_the_footer_link_is_remembered(client):
    response = client.get("/bahasa/en/", {"next": "/cek-fakta/cek/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    page = client.get("/cek-fakta/cek/", HTTP_ACCEPT_LANGUAGE="id")
    assert page["Content-Language"] == "en" and '<html lang="en">' in page.content.decode()


def test_a_cached_public_page_is_not_served_in_the_wrong_language(client):
    assert '<html lang="id">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/").content.decode()
    del client.cookies["django_language"]
    assert '<html lang="id">' in client.get("/").content.decode()


@pytest.mark.parametrize(("cookie", "expected"), [("en", "en"), ("id", "id"), ("fr", "id"), ("", "id")])
def test_only_languages_the_site_offers_are_taken_from_the_cookie(cookie, expected):
    request = RequestFactory().get("/")
    request.COOKIES["django_language"] = cookie
    assert chosen_language(request) == expected
