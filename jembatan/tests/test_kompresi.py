"""Pages reach phones compressed by the app itself (Brotli where accepted, gzip otherwise), and a cached
page is compressed once, when it is stored, not on every hit."""

import gzip
from unittest import mock

import brotli
import pytest
from django.test import RequestFactory

from jembatan.lib.compression import accepted_encodings, preferred_encoding

pytestmark = pytest.mark.django_db


def test_a_public_page_is_sent_in_brotli_to_a_browser_that_accepts_it(client):
    response = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "br"
    html = brotli.decompress(response.content).decode()
    assert "</html>" in html and len(response.content) < len(html.encode()) / 3
    assert "Accept-Encoding" in response["Vary"]


def test_a_browser_without_brotli_gets_gzip(client):
    response = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert "</html>" in gzip.decompress(response.content).decode()


def test_a_browser_that_refuses_brotli_with_q0_gets_gzip(client):
    response = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")
    assert response["Content-Encoding"] == "gzip"


def test_a_browser_that_does_not_accept_compression_gets_plain_html(client):
    response = client.get("/cakupan/")
    assert "Content-Encoding" not in response and b"</html>" in response.content


def test_a_cache_hit_is_served_without_compressing_again(client):
    client.get("/cakupan/", HTTP_ACCEPT_ENCODING="br")  # rendered, stored plain and compressed
    with (
        mock.patch("jembatan.lib.compression.brotli.compress") as kompres_br,
        mock.patch("jembatan.lib.compression.gzip.compress") as kompres_gz,
        mock.patch("django.middleware.gzip.compress_string") as lagi,
    ):
        br = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="br")
        gz = client.get("/cakupan/", HTTP_ACCEPT_ENCODING="gzip")
    assert br["Content-Encoding"] == "br" and br.context is None  # from the cache
    assert gz["Content-Encoding"] == "gzip" and gz.context is None
    assert brotli.decompress(br.content) == gzip.decompress(gz.content)
    kompres_br.assert_not_called()
    kompres_gz.assert_not_called()
    lagi.assert_not_called()


def test_management_pages_are_compressed_too(client, cast):
    client.force_login(cast.admin)
    assert client.get("/kelola/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    response = client.get("/kelola/", HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"
    assert "</html>" in brotli.decompress(response.content).decode()


def test_streamed_downloads_are_compressed_in_brotli_chunk_by_chunk():
    from django.http import StreamingHttpResponse

    from jembatan.lib.compression import CompressionMiddleware

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="br")
    parts = [b"kolom;kolom;kolom\n" * 500] * 3
    response = CompressionMiddleware(lambda r: StreamingHttpResponse(iter(parts)))(request)
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(b"".join(response.streaming_content)) == b"".join(parts)


@pytest.mark.parametrize(
    ("header", "preferred"),
    [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("", "identity"), ("br;q=0, gzip;q=0", "identity"), ("BR", "br")],
)
def test_the_preferred_encoding_follows_accept_encoding(header, preferred):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=header)
    assert preferred_encoding(request) == preferred
    assert (preferred in accepted_encodings(request)) == (preferred != "identity")
