"""Pages reach phones compressed by the app itself, and a cached page is compressed once, not on every hit."""

import gzip
from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_a_public_page_is_sent_gzipped_to_a_browser_that_accepts_it(client):
    response = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assert "</html>" in html and len(response.content) < len(html.encode()) / 3
    assert "Accept-Encoding" in response["Vary"]


def test_a_browser_that_does_not_accept_gzip_gets_plain_html(client):
    response = client.get("/cakupan/")
    assert "Content-Encoding" not in response and b"</html>" in response.content


def test_a_cache_hit_is_served_without_compressing_again(client):
    client.get("/cakupan/", HTTP_ACCEPT_ENCODING="gzip")  # rendered, stored plain and compressed
    with (
        mock.patch("jembatan.lib.pagecache.compress_string") as kompres,
        mock.patch("django.middleware.gzip.compress_string") as lagi,
    ):
        response = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and response.context is None  # from the cache
    kompres.assert_not_called()
    lagi.assert_not_called()


def test_management_pages_are_compressed_too(client, cast):
    client.force_login(cast.admin)
    response = client.get("/kelola/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
