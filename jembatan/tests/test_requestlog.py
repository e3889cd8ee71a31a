"""One log line per request with a request id (jembatan.lib.requestlog), and the JSON log format."""

import json
import logging
import sys

import pytest

from jembatan.lib.requestlog import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def baris(caplog):
    """The JSON lines the request logger wrote, formatted as production writes them."""
    caplog.set_level(logging.INFO, logger="jembatan.request")
    formatter = JsonFormatter()

    def _baris():
        return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "jembatan.request"]

    return _baris


def test_one_json_line_per_request_with_its_fields(client, baris):
    response = client.get("/cek-fakta/")
    [line] = baris()
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["method"] == "GET" and line["path"] == "/cek-fakta/" and line["status"] == 200
    assert line["user_id"] is None
    assert line["duration_ms"] > 0
    assert line["level"] == "INFO" and line["logger"] == "jembatan.request"
    assert line["message"] == "GET /cek-fakta/ 200"


def test_a_signed_in_user_is_logged_by_id(client, cast, baris):
    client.force_login(cast.admin)
    client.get("/kelola/")
    assert baris()[-1]["user_id"] == cast.admin.pk


def test_a_safe_incoming_id_is_echoed(client, baris):
    response = client.get("/cek-fakta/", headers={"X-Request-ID": "f3a9c0de-1234-4bcd-9e0f-0123456789ab"})
    assert response["X-Request-ID"] == "f3a9c0de-1234-4bcd-9e0f-0123456789ab"
    assert baris()[0]["request_id"] == "f3a9c0de-1234-4bcd-9e0f-0123456789ab"


@pytest.mark.parametrize("bad", ["abc", "x" * 65, "id with spaces", "id\r\nSet-Cookie: a=b", "<script>aaaa</script>"])
def test_a_bad_incoming_id_is_replaced(client, baris, bad):
    response = client.get("/cek-fakta/", headers={"X-Request-ID": bad})
    assert response["X-Request-ID"] != bad
    assert len(response["X-Request-ID"]) == 32
    assert bad not in json.dumps(baris()[0])


def test_no_query_values_cookies_or_address_in_the_line(client, baris):
    client.cookies["sessionid"] = "rahasia-sesi-123"
    client.get("/cek-fakta/?q=rumah+pak+kades&page=2", REMOTE_ADDR="203.0.113.77")
    [line] = baris()
    teks = json.dumps(line)
    assert line["path"] == "/cek-fakta/"
    assert line["query_params"] == ["page", "q"]
    for rahasia in ("rumah", "kades", "rahasia-sesi", "sessionid", "203.0.113", "Cookie"):
        assert rahasia not in teks
    assert len(line["client"]) == 16


def test_the_same_client_gets_the_same_hash_within_a_day(client, baris):
    client.get("/cek-fakta/", REMOTE_ADDR="203.0.113.77")
    client.get("/cek-fakta/", REMOTE_ADDR="203.0.113.77")
    client.get("/cek-fakta/", REMOTE_ADDR="198.51.100.1")
    a, b, c = (line["client"] for line in baris())
    assert a == b != c


def test_djangos_error_lines_carry_the_same_request_id(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/wilayah/99.99/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    [record] = [r for r in caplog.records if r.name == "django.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "WARNING"


def test_the_json_formatter_writes_the_traceback_on_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord("x", logging.ERROR, __file__, 1, "gagal %s", ("a",), sys.exc_info())
    text = JsonFormatter().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "gagal a" and "ValueError: boom" in line["exception"]
    assert line["request_id"] is None
