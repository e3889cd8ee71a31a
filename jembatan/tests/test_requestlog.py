"""One log line per request with a request id (jembatan.lib.requestlog), and the JSON log format."""

import io
import json
import logging
import sys
import time
from contextlib import contextmanager
from unittest import mock

import pytest

from jembatan.lib.requestlog import JsonFormatter, RequestIdFilter, log_request

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


@contextmanager
def production_logging(*extra_handlers):
    """The root logger as LOG_FORMAT=json configures it (one stream handler with the JSON formatter and the
    request id filter), writing into a buffer; the test runner's own handlers set aside meanwhile."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    request_logger = logging.getLogger("jembatan.request")
    saved, level = root.handlers[:], request_logger.level
    root.handlers[:] = [handler, *extra_handlers]
    request_logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.handlers[:] = saved
        request_logger.setLevel(level)


def log_one(**changes):
    fields = (
        dict(
            request_id="a1b2c3d4e5f6",
            method="GET",
            path="/warta/ü/",
            query=["q", "page", "q"],
            status=200,
            start=time.perf_counter(),
            user_id=None,
            address="203.0.113.9",
        )
        | changes
    )
    log_request(**fields)


def comparable(text):
    return [{k: v for k, v in json.loads(line).items() if k not in ("time", "duration_ms")} for line in text.splitlines()]


def test_the_line_written_without_a_log_record_is_the_one_logging_writes():
    with production_logging() as direct, mock.patch.object(JsonFormatter, "format", side_effect=AssertionError):
        log_one()  # no record is made nor formatted on this path
    with production_logging(logging.NullHandler()) as through_logging:
        log_one()
    assert comparable(direct.getvalue()) == comparable(through_logging.getvalue())
    [line] = comparable(direct.getvalue())
    assert line["message"] == "GET /warta/ü/ 200" and line["query_params"] == ["page", "q"]
    assert line["request_id"] == "a1b2c3d4e5f6" and line["level"] == "INFO" and line["logger"] == "jembatan.request"
    assert json.loads(direct.getvalue())["time"].endswith("+00:00")


def test_a_patched_logger_still_sees_the_line():
    seen = []
    asli = logging.Logger.callHandlers

    def tracker(self, record):  # as an error tracker collects breadcrumbs
        seen.append(record.getMessage())
        return asli(self, record)

    with production_logging() as stream, mock.patch.object(logging.Logger, "callHandlers", tracker):
        log_one()
    assert seen == ["GET /warta/ü/ 200"] and len(comparable(stream.getvalue())) == 1


def test_the_configured_level_still_holds():
    with production_logging() as stream:
        logging.getLogger("jembatan.request").setLevel(logging.WARNING)
        log_one()
    assert stream.getvalue() == ""


def test_a_text_format_goes_through_logging():
    with production_logging() as stream:
        logging.getLogger().handlers[0].setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        log_one()
    assert stream.getvalue() == "INFO GET /warta/ü/ 200\n"
