"""The one outbound-HTTP function refuses what it must never do (no network is touched)."""

import io
import urllib.request
from http.client import HTTPMessage

import pytest

from jembatan.lib import http


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1/", "ftp://example.org/x"])
def test_only_https_is_allowed(url):
    with pytest.raises(http.FetchError, match="hanya https"):
        http.fetch("GET", url)


def _redirect(dari: str, ke: str):
    req = urllib.request.Request(dari, headers={"Authorization": "Bearer RAHASIA"})
    return http._Pengalihan().redirect_request(req, io.BytesIO(), 302, "Found", HTTPMessage(), ke)


def test_credentials_stay_on_the_same_https_host_across_redirects():
    assert _redirect("https://api.example/a", "https://api.example/b").get_header("Authorization") == "Bearer RAHASIA"
    assert _redirect("https://api.example/a", "https://lain.example/b").get_header("Authorization") is None
    assert _redirect("https://api.example/a", "http://api.example/b").get_header("Authorization") is None


def test_tokens_never_appear_in_logged_urls():
    assert http._aman("https://api.telegram.org/bot123:ABC/sendMessage?x=1") == "https://api.telegram.org/bot***/sendMessage"
