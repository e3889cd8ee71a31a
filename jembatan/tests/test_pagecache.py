"""The page cache answers anonymous visitors before the session, CSRF, auth and message middleware, with the
headers the full stack adds, in one round trip to the cache; everybody else gets a fresh page."""

import logging
import os
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse

from jembatan.lib import pagecache
from jembatan.tests.redis_traffic import redis_traffic

pytestmark = pytest.mark.django_db

HALAMAN = "/cakupan/"


def _headers(response):
    return {name.lower() for name in response.headers}


def test_a_hit_carries_every_header_the_full_stack_gave_the_first_answer(client):
    pertama = client.get(HALAMAN, HTTP_ACCEPT_ENCODING="br")
    kedua = client.get(HALAMAN, HTTP_ACCEPT_ENCODING="br")
    assert pertama.context is not None and kedua.context is None  # the second came from the cache
    assert _headers(kedua) == _headers(pertama)
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert kedua[name] == pertama[name]
    assert kedua["Content-Language"] == "id" and kedua["Cache-Control"] == pertama["Cache-Control"]
    assert set(kedua["Vary"].replace(" ", "").split(",")) == {"Cookie", "Accept-Encoding"}
    assert kedua["X-Request-ID"] != pertama["X-Request-ID"]  # each answer its own id


def test_a_hit_is_logged_with_its_request_id(client, caplog):
    client.get(HALAMAN)
    with caplog.at_level(logging.INFO, logger="jembatan.request"):
        response = client.get(HALAMAN)
    assert response.context is None
    [record] = [r for r in caplog.records if r.name == "jembatan.request"]
    assert record.fields["request_id"] == response["X-Request-ID"] and record.fields["status"] == 200


def test_a_hit_runs_no_session_auth_or_database_work(client, django_assert_num_queries):
    client.get(HALAMAN)
    with django_assert_num_queries(0):
        response = client.get(HALAMAN)
    assert response.status_code == 200 and response.wsgi_request.__dict__.get("user") is None
    assert not hasattr(response.wsgi_request, "session")


def test_a_hit_answers_304_to_a_browser_that_has_the_same_page(client):
    etag = client.get(HALAMAN, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    response = client.get(HALAMAN, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag and not response.content
    other = client.get(HALAMAN, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200 and other["ETag"] != etag  # another encoding is another body


def test_a_signed_in_user_always_gets_a_fresh_page(client, cast):
    client.get(HALAMAN)
    client.force_login(cast.admin)
    response = client.get(HALAMAN)
    assert response.context is not None and response.context["user"] == cast.admin


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "komentar_menunggu"])
def test_a_visitor_with_a_personal_cookie_gets_a_fresh_page(client, cookie):
    client.get(HALAMAN)
    client.cookies[cookie] = "x"
    assert client.get(HALAMAN).context is not None


def test_a_public_page_that_sets_a_cookie_is_not_stored(rf):
    # A page holding a CSRF token sets the visitor's CSRF cookie: the token is theirs alone.
    rendered = []

    def view(request):
        response = HttpResponse("<p>" + "x" * 300 + "</p>")
        response.set_cookie("csrftoken", "milik-satu-orang")
        response.halaman_publik = True
        rendered.append(1)
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    middleware(rf.get("/formulir/"))
    middleware(rf.get("/formulir/"))
    assert len(rendered) == 2


def test_a_change_retires_the_stored_page(client):
    client.get(HALAMAN)
    pagecache.invalidate()
    assert client.get(HALAMAN).context is not None
    assert client.get(HALAMAN).context is None


def test_a_page_rendered_across_a_change_is_not_served_after_it(client, monkeypatch):
    """GIVEN a render that began before a change and is stored after the bump
    WHEN the next visitor asks for the page
    THEN they get a fresh render, not the one begun before the change."""
    asli = pagecache.PageCacheMiddleware.__call__

    def bump_during_render(self, request):
        inner = self.get_response

        def render_then_change(req):
            response = inner(req)
            pagecache.invalidate()
            return response

        self.get_response = render_then_change
        try:
            return asli(self, request)
        finally:
            self.get_response = inner

    monkeypatch.setattr(pagecache.PageCacheMiddleware, "__call__", bump_during_render)
    client.get(HALAMAN)
    monkeypatch.setattr(pagecache.PageCacheMiddleware, "__call__", asli)
    assert client.get(HALAMAN).context is not None


def test_a_page_stored_before_a_change_commits_is_retired_when_it_commits(client, django_capture_on_commit_callbacks):
    """GIVEN a change that retires the pages inside a transaction not yet committed (the verdicts of an import part)
    WHEN a visitor's page is rendered and stored meanwhile, from the rows as they were, and the change commits
    THEN the commit retires that page, once for the whole transaction however many changes it held."""
    with django_capture_on_commit_callbacks() as setelah_commit:
        pagecache.invalidate()
        pagecache.invalidate()
        client.get(HALAMAN)
        assert client.get(HALAMAN).context is None  # stored under the generation of the uncommitted change
    assert len(setelah_commit) == 1
    setelah_commit[0]()
    assert client.get(HALAMAN).context is not None


@pytest.fixture
def redis_cache(settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("JEMBATAN_WAJIB_LAYANAN"):
            pytest.fail("JEMBATAN_WAJIB_LAYANAN is set: this run must have Redis (REDIS_URL)")
        pytest.skip("needs Redis: set REDIS_URL=redis://... to run")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "uji-halaman"}
    }
    backend = caches["default"]
    assert isinstance(backend, RedisCache)
    backend.clear()
    yield backend
    backend.clear()


def test_a_redis_hit_is_one_mget_on_a_connection_kept_for_the_thread(client, redis_cache):
    client.get(HALAMAN)
    client.get(HALAMAN)  # the first hit opens the kept connection
    with redis_traffic() as traffic:
        response = client.get(HALAMAN)
    assert response.status_code == 200 and response.context is None
    assert traffic.commands == [b"MGET"] and traffic.opened == 0


def test_a_connection_redis_dropped_is_reopened_and_the_hit_still_served_from_the_cache(client, redis_cache):
    client.get(HALAMAN)
    client.get(HALAMAN)
    kept = pagecache._redis_connection(redis_cache)
    kept.send_command("CLIENT", "ID")
    redis_cache._cache.get_client().client_kill_filter(_id=kept.read_response())  # as when Redis restarts
    with redis_traffic() as traffic:
        response = client.get(HALAMAN)
    assert response.status_code == 200 and response.context is None
    assert traffic.commands.count(b"MGET") == 2 and traffic.opened == 1  # the lost one, and the one answered


def test_with_the_cache_down_pages_are_still_rendered(client):
    with mock.patch("jembatan.lib.pagecache._lookup", side_effect=ConnectionError):
        response = client.get(HALAMAN)
    assert response.status_code == 200 and response.context is not None
