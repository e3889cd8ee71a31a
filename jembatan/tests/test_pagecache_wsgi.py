"""The WSGI path of the page cache answers a hit as the full stack does (same status, headers, body and
log line) without building a request; anything else goes to Django unchanged."""

import logging
import os
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

from jembatan.lib import pagecache
from jembatan.tests.redis_traffic import redis_traffic

pytestmark = pytest.mark.django_db

HALAMAN = "/cakupan/"
PER_ANSWER = {"x-request-id", "date"}


class Answer:
    def __init__(self, application, environ):
        # As Django's test client: the test's database connection stays open across the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            body = application(dict(environ), self.start_response)
            self.body = b"".join(body)
            if hasattr(body, "close"):
                body.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    def start_response(self, status, headers, exc_info=None):
        self.status = status
        self.headers = headers

    def header(self, name):
        return dict((n.lower(), v) for n, v in self.headers)[name.lower()]

    def stable_headers(self):
        return [(n, v) for n, v in self.headers if n.lower() not in PER_ANSWER]


class Django(WSGIHandler):
    """Django's application, counting the requests that reach it."""

    calls = 0

    def __call__(self, environ, start_response):
        Django.calls += 1
        return super().__call__(environ, start_response)


@pytest.fixture
def django_app():
    Django.calls = 0
    return Django()


@pytest.fixture
def fast(django_app):
    return pagecache.serve_cached_first(django_app)


def environ(path=HALAMAN, method="GET", **headers):
    request = RequestFactory().generic(method, path, HTTP_HOST="localhost", **headers)
    env = dict(request.environ)
    env.pop("wsgi.input", None)
    env["wsgi.input"] = RequestFactory().get("/").environ["wsgi.input"]
    return env


def served_by_django(django_app, fast, env):
    before = Django.calls
    answer = Answer(fast, env)
    return answer, Django.calls > before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"},
        {"HTTP_ACCEPT_ENCODING": "gzip"},
        {"HTTP_COOKIE": "django_language=en"},
        {"HTTP_ACCEPT_ENCODING": "br", "HTTP_COOKIE": "django_language=en; _ga=GA1.2.3"},
    ],
)
def test_a_hit_is_the_same_answer_as_through_the_full_stack(headers, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    django_app = Django()  # its middleware reads the settings when it is built
    fast = pagecache.serve_cached_first(django_app)
    env = environ(**headers, **{"wsgi.url_scheme": "https"})
    Answer(django_app, env)  # renders and stores
    slow = Answer(django_app, env)
    quick, through_django = served_by_django(django_app, fast, env)
    assert not through_django
    assert quick.status == slow.status == "200 OK"
    assert quick.stable_headers() == slow.stable_headers()
    assert quick.body == slow.body
    assert quick.header("Strict-Transport-Security") == "max-age=3600"
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Content-Security-Policy"):
        assert quick.header(name) == slow.header(name)
    assert len(quick.header("X-Request-ID")) == 32 and quick.header("X-Request-ID") != slow.header("X-Request-ID")


def test_each_language_and_encoding_gets_its_own_page(django_app, fast):
    for cookie in ("", "django_language=en"):
        for encoding in ("", "gzip", "br"):
            env = environ(HTTP_COOKIE=cookie, HTTP_ACCEPT_ENCODING=encoding)
            Answer(django_app, env)
            slow = Answer(django_app, env)
            quick, through_django = served_by_django(django_app, fast, env)
            assert not through_django and quick.body == slow.body
            assert quick.header("Content-Language") == ("en" if cookie else "id")
            assert dict(quick.headers).get("Content-Encoding") == (encoding or None)


def test_a_hit_answers_304_as_the_full_stack_does(django_app, fast):
    Answer(django_app, environ(HTTP_ACCEPT_ENCODING="gzip"))
    etag = Answer(django_app, environ(HTTP_ACCEPT_ENCODING="gzip")).header("ETag")
    env = environ(HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    slow = Answer(django_app, env)
    quick, through_django = served_by_django(django_app, fast, env)
    assert not through_django
    assert quick.status == slow.status == "304 Not Modified"
    assert quick.stable_headers() == slow.stable_headers() and quick.body == b""


def test_a_head_hit_has_the_headers_and_no_body(django_app, fast):
    Answer(django_app, environ())
    get = Answer(django_app, environ())
    quick, through_django = served_by_django(django_app, fast, environ(method="HEAD"))
    assert not through_django and quick.status == "200 OK" and quick.body == b""
    assert quick.header("Content-Length") == str(len(get.body))
    assert quick.stable_headers() == get.stable_headers()


def test_a_hit_writes_the_one_log_line_with_the_proxys_request_id_and_address(django_app, fast, caplog, settings):
    settings.BEHIND_PROXY = True
    Answer(django_app, environ())
    request_id = "f3a9c0de-1234-4bcd-9e0f-0123456789ab"
    env = environ(path=HALAMAN + "?q=rahasia&page=2", HTTP_X_REQUEST_ID=request_id, HTTP_X_REAL_IP="203.0.113.7")
    Answer(django_app, env)  # stores the page for this address
    with caplog.at_level(logging.INFO, logger="jembatan.request"):
        slow = Answer(django_app, env)
        quick, through_django = served_by_django(django_app, fast, env)
    assert not through_django and quick.header("X-Request-ID") == slow.header("X-Request-ID") == request_id
    lines = [r.fields for r in caplog.records if r.name == "jembatan.request"]
    assert len(lines) == 2
    slow_line, quick_line = ({k: v for k, v in line.items() if k != "duration_ms"} for line in lines)
    assert quick_line == slow_line
    assert quick_line["query_params"] == ["page", "q"] and quick_line["path"] == HALAMAN
    other = environ(path=HALAMAN + "?q=rahasia&page=2", HTTP_X_REAL_IP="198.51.100.1")
    with caplog.at_level(logging.INFO, logger="jembatan.request"):
        caplog.clear()
        Answer(fast, other)
    assert caplog.records[-1].fields["client"] != quick_line["client"]


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "komentar_menunggu"])
def test_a_visitor_with_a_personal_cookie_goes_to_django(django_app, fast, cookie):
    Answer(django_app, environ())
    _, through_django = served_by_django(django_app, fast, environ(HTTP_COOKIE=f"{cookie}=x"))
    assert through_django


def test_a_host_not_allowed_goes_to_django(django_app, fast):
    Answer(django_app, environ())
    env = environ()
    env["HTTP_HOST"] = "penyerang.example"
    answer, through_django = served_by_django(django_app, fast, env)
    assert through_django and answer.status == Answer(django_app, env).status
    # And Django refuses it rather than answering from the cache it already holds for localhost.
    assert answer.status.startswith("400")


@pytest.mark.parametrize(
    "env",
    [
        environ(method="POST"),
        environ(path="/api/"),
        environ(path=HALAMAN + "?q=%00"),
        environ(HTTP_ACCEPT_ENCODING="gzip;q=0"),
    ],
)
def test_anything_unusual_goes_to_django(django_app, fast, env):
    Answer(django_app, env)
    _, through_django = served_by_django(django_app, fast, env)
    assert through_django


def test_a_miss_and_a_changed_page_go_to_django(django_app, fast):
    _, through_django = served_by_django(django_app, fast, environ())
    assert through_django
    assert not served_by_django(django_app, fast, environ())[1]
    pagecache.invalidate()
    assert served_by_django(django_app, fast, environ())[1]


def test_with_the_cache_down_django_answers(django_app, fast):
    Answer(django_app, environ())
    with mock.patch("jembatan.lib.pagecache._lookup", side_effect=ConnectionError):
        answer, through_django = served_by_django(django_app, fast, environ())
    assert through_django and answer.status == "200 OK"


def test_with_the_page_cache_off_django_answers(django_app, fast, settings):
    Answer(django_app, environ())
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 0
    assert served_by_django(django_app, fast, environ())[1]


def test_an_http_request_is_redirected_by_django_when_https_is_required(settings):
    settings.SECURE_SSL_REDIRECT = True
    django_app = Django()
    fast = pagecache.serve_cached_first(django_app)
    Answer(django_app, environ(**{"wsgi.url_scheme": "https"}))
    answer, through_django = served_by_django(django_app, fast, environ())
    assert through_django and answer.status.startswith("301")


@pytest.fixture
def redis_backend(settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("JEMBATAN_WAJIB_LAYANAN"):
            pytest.fail("JEMBATAN_WAJIB_LAYANAN is set: this run must have Redis (REDIS_URL)")
        pytest.skip("needs Redis: set REDIS_URL=redis://... to run")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "uji-wsgi"}
    }
    backend = caches["default"]
    backend.clear()
    yield backend
    backend.clear()


def test_a_redis_hit_is_one_mget(django_app, fast, redis_backend):
    Answer(django_app, environ())
    Answer(fast, environ())  # the first hit opens the kept connection
    with redis_traffic() as traffic:
        answer, through_django = served_by_django(django_app, fast, environ())
    assert not through_django and answer.status == "200 OK"
    assert traffic.commands == [b"MGET"] and traffic.opened == 0


def test_what_the_wsgi_path_reads_from_the_settings_follows_a_change(settings):
    # It reads them once, not on every hit: a changed setting must still show on the next hit.
    Answer(Django(), environ())
    fast = pagecache.serve_cached_first(Django())
    assert Answer(fast, environ()).header("Referrer-Policy") == "same-origin"
    settings.SECURE_REFERRER_POLICY = "no-referrer"
    settings.SECURE_CROSS_ORIGIN_OPENER_POLICY = None
    django_app = Django()
    slow = Answer(django_app, environ())
    quick, through_django = served_by_django(django_app, fast, environ())
    assert not through_django and quick.header("Referrer-Policy") == "no-referrer"
    assert quick.stable_headers() == slow.stable_headers()
    assert "cross-origin-opener-policy" not in {n.lower() for n, _ in quick.headers}
    settings.ALLOWED_HOSTS = ["jembatan.example"]
    assert served_by_django(django_app, fast, environ())[1]
    settings.JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES = ["pilihan"]
    settings.ALLOWED_HOSTS = ["localhost"]
    assert not served_by_django(django_app, fast, environ())[1]
    assert served_by_django(django_app, fast, environ(HTTP_COOKIE="pilihan=1"))[1]


@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.parametrize("status", [200, 404])
def test_the_headers_of_a_hit_are_those_the_middleware_would_give(settings, status, secure):
    # Stored pages a view answers with 404 itself are cached too; a stored header the security middleware
    # would add keeps its own value, as setdefault does.
    settings.SECURE_HSTS_SECONDS = 60
    page = HttpResponse(b"<p>tidak ada</p>", status=status, content_type="text/html; charset=utf-8")
    page["Referrer-Policy"] = "no-referrer"
    page["Content-Language"] = "id"
    entry = pagecache._entries(7, page)["gzip"]
    expected = pagecache._answer("", entry)
    expected["X-Request-ID"] = "a1b2c3d4e5f6"
    SecurityMiddleware(lambda request: expected).process_response(pagecache._Scheme(secure), expected)
    got = pagecache._headers(pagecache._current_rules(), entry, False, "a1b2c3d4e5f6", secure)
    assert got == list(expected.items())
    assert ("Strict-Transport-Security" in dict(got)) is secure and dict(got)["Referrer-Policy"] == "no-referrer"
