"""The client's address for rate limits and logs: the connection's, or behind nginx the X-Real-IP it sets."""

from django.test import RequestFactory, override_settings

from jembatan.lib.ratelimit import client_address


def test_without_a_proxy_the_connection_address_counts_and_forwarded_headers_are_ignored():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_X_REAL_IP="198.51.100.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert client_address(request) == "203.0.113.7"


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_its_x_real_ip_counts_not_x_forwarded_for():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert client_address(request) == "198.51.100.1"


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_a_request_without_x_real_ip_keeps_the_connection_address():
    request = RequestFactory().get("/sehat/", REMOTE_ADDR="10.0.0.5")
    assert client_address(request) == "10.0.0.5"
