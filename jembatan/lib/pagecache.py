"""Whole-page cache for anonymous visitors of public pages.

A public page is the same for every anonymous visitor in one language, so it is rendered once and
served from the cache until the data behind it changes. Any change to the data bumps one generation
number (see e.g. `kim.signals`), which retires every cached page at once; a time limit bounds staleness
should a bump ever be missed. Logged-in users always get a fresh page.

Views opt in with `@public_page`. `PageCacheMiddleware` sits near the top of MIDDLEWARE, before the
CSP, session, CSRF, authentication and message middleware: a visitor with no session cookie, no
messages cookie and none of JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES is answered from the cache with one
round trip (the generation and the page in one MGET, on a connection each thread keeps) and none of
the work below it. A stored page keeps the headers the middleware below added (CSP, Permissions-Policy,
X-Frame-Options, Content-Language, Vary, Cache-Control), and is stored once per encoding (plain, gzip,
Brotli) under its own key, so a hit fetches only the bytes it sends and costs no compression; the
middleware above it (security headers, request id and log line) runs on hits as on any other response.

In production `jembatan.wsgi` wraps Django's application in `serve_cached_first`, which answers a current
hit straight from the WSGI environ by the same rules, key and single MGET, and adds what that middleware
above would (SecurityMiddleware's headers, computed by Django's own class once per setting and scheme,
the request id and the log line): no request object, no response object, no middleware chain. A miss, a personal cookie, a host it cannot vouch for, the cache
down or anything unusual goes to Django unchanged, where PageCacheMiddleware and the rest decide.

With JEMBATAN_HALAMAN_BERKAS set, each page is also written as a file that nginx serves by itself
(`jembatan.lib.pagefiles`), retired by the same bump.

With several server processes the cache must be shared (REDIS_URL), or a process would keep
serving its own copy until the time limit.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from http.client import responses
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.handlers.wsgi import get_bytes_from_wsgi, get_path_info, get_script_name, get_str_from_wsgi
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified, QueryDict, parse_cookie
from django.http.request import split_domain_port, validate_host
from django.middleware.security import SecurityMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import parse_etags
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from jembatan.lib import pagefiles
from jembatan.lib.compression import compress_stored, encodings_in
from jembatan.lib.language import language_in
from jembatan.lib.ratelimit import address_in
from jembatan.lib.requestguard import nul_in
from jembatan.lib.requestlog import HEADER as REQUEST_ID_HEADER
from jembatan.lib.requestlog import current_request_id, log_request, request_id_from

logger = logging.getLogger(__name__)

GENERATION_KEY = "halaman:generation"
# A stored page in one encoding: (generation, status, headers, body, etag, Content-Encoding).
Entry = tuple[int, int, tuple[tuple[str, str], ...], bytes, str, str]
ENCODINGS = ("identity", "gzip", "br")
# Headers computed per answer rather than stored with the page.
_PER_ANSWER = frozenset({"content-length", "content-encoding", "etag", "set-cookie"})
# Kept on a 304, as Django's ConditionalGetMiddleware keeps them.
_KEPT_ON_304 = ("Cache-Control", "Content-Location", "Date", "Expires", "Last-Modified", "Vary")


def generation() -> int:
    value: int | None = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, so a version lost to eviction never repeats an old one.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate() -> None:
    """Retire every cached public page, in the cache and as files (call after any change they show).

    Called inside a transaction, it retires them again once the transaction commits: a page rendered meanwhile
    by another request, from the rows as they were before the change, would otherwise be stored under the new
    generation and shown until the next change. Once per transaction, however many changes it holds (an import
    part writes hundreds of verdicts)."""
    retire_now()
    if connection.in_atomic_block and not any(entry[1] is retire_now for entry in connection.run_on_commit):
        transaction.on_commit(retire_now, robust=True)  # after the commit a cache outage is logged, not raised


def retire_now() -> None:
    """Retire every cached public page now (what `invalidate` does at once, and again at the commit)."""
    try:
        new = cache.incr(GENERATION_KEY)
    except ValueError:
        new = time.time_ns()
        cache.set(GENERATION_KEY, new, timeout=None)
    if settings.JEMBATAN_HALAMAN_BERKAS:
        pagefiles.retire_before(settings.JEMBATAN_HALAMAN_BERKAS, new)


def shown_personally() -> tuple[str, ...]:
    """Cookies whose content shows on the page: messages waiting for this visitor, and what
    JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES lists."""
    return (CookieStorage.cookie_name, *settings.JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES)


def personal_cookies() -> tuple[str, ...]:
    """Cookies that keep a visitor away from the shared cache: those above and a session (a signed-in
    user, or one the session middleware must see)."""
    return (settings.SESSION_COOKIE_NAME, *shown_personally())


def served_from_cache(method: str, path: str, cookies: Mapping[str, str]) -> bool:
    """Whether this request may be answered from (and stored in) the shared cache."""
    return bool(
        settings.JEMBATAN_PAGE_CACHE_SECONDS
        and method in ("GET", "HEAD")
        and not path.startswith(tuple(settings.JEMBATAN_PAGE_CACHE_SKIP))
        and not any(name in cookies for name in personal_cookies())
    )


def _encoding_for(accept_encoding: str) -> str:
    accepted = encodings_in(accept_encoding)
    return next((e for e in ("br", "gzip") if e in accepted), "identity")


def page_key(language: str, full_path: str) -> str:
    # The address is hashed: anyone can type a long one, and cache keys have a length limit.
    return f"halaman:v3:{language}:{hashlib.sha256(full_path.encode()).hexdigest()}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks the view's answers to anonymous visitors as the same for all of them (PageCacheMiddleware
    stores them); a visitor carrying a personal cookie gets a page for them alone."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return response
        if any(name in request.COOKIES for name in shown_personally()):
            # This visitor's page holds something of theirs (e.g. their comment waiting for moderation,
            # a message): never let it into the shared cache or a shared proxy.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_vary_headers(response, ["Cookie"])
        # Browsers revalidate every time (a cheap 304 through the ETag): a changed stage must
        # show at once, not after a browser-side cache expires.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        response.halaman_publik = True  # type: ignore[attr-defined]
        return response

    return wrapper


_connections = threading.local()


def _redis_connection(backend: RedisCache) -> Any:
    """A Redis connection kept by this thread for the hit path, made like the cache's own (same server,
    options and time limits). Django's RedisCache builds a client and takes a connection from its pool
    on every call; a hit needs neither. A forked process makes its own."""
    pool = backend._cache._get_connection_pool(write=True)  # type: ignore[attr-defined]
    kept = getattr(_connections, "kept", None)
    if kept is None or kept[0] is not pool or kept[1] != os.getpid():
        kept = (pool, os.getpid(), pool.connection_class(**pool.connection_kwargs))
        _connections.kept = kept
    return kept[2]


def _mget(backend: RedisCache, keys: list[str]) -> Any:
    connection = _redis_connection(backend)

    def send_and_read() -> Any:
        connection.send_packed_command(connection.pack_command("MGET", *keys), check_health=False)
        return connection.read_response()

    try:
        try:
            return send_and_read()
        except (RedisConnectionError, RedisTimeoutError, OSError):
            # Redis closed the kept connection (a restart, an idle timeout): as a connection taken from
            # redis-py's pool is checked and reopened, reopen it and ask again (MGET only reads).
            connection.disconnect()
            return send_and_read()
    except BaseException:
        connection.disconnect()  # never leave half an answer to be read as the next one's
        raise


def _generation_key(backend: Any) -> str:
    key = getattr(backend, "_halaman_generation_key", None)
    if key is None:
        key = backend._halaman_generation_key = backend.make_and_validate_key(GENERATION_KEY)
    return str(key)


def _lookup(key: str) -> tuple[int | None, Entry | None]:
    """The current generation and the page stored under `key`, in one round trip."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # The page key is a fixed prefix and a hash: nothing for make_and_validate_key to warn about.
        raw_generation, raw_page = _mget(backend, [_generation_key(backend), backend.make_key(key)])
        # Django's Redis serialiser stores integers as digits and everything else pickled.
        current = int(raw_generation) if raw_generation is not None else None
        return current, (pickle.loads(raw_page) if raw_page is not None else None)  # noqa: S301  (our own cache)
    found = backend.get_many([GENERATION_KEY, key])
    return found.get(GENERATION_KEY), found.get(key)


def _entries(current: int, response: HttpResponseBase) -> dict[str, Entry]:
    """The page once per encoding a client may ask for, each stored under its own key so that a hit
    fetches only the body it sends; an encoding that would not be smaller holds the plain page."""
    patch_vary_headers(response, ("Accept-Encoding",))
    body: bytes = response.content  # type: ignore[attr-defined]
    digest = hashlib.md5(body, usedforsecurity=False).hexdigest()
    headers = tuple((name, value) for name, value in response.items() if name.lower() not in _PER_ANSWER)
    variants = compress_stored(body)
    entries = {}
    for encoding in ENCODINGS:
        sent = encoding if encoding in variants else "identity"
        etag = f'"{digest}"' if sent == "identity" else f'"{digest}-{sent}"'
        entries[encoding] = (current, response.status_code, headers, variants[sent], etag, sent)
    return entries


def _answer(if_none_match: str, entry: Entry) -> HttpResponseBase:
    _, status, headers, body, etag, encoding = entry
    response: HttpResponseBase
    if status == 200 and etag in parse_etags(if_none_match):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name in _KEPT_ON_304:
                response.headers[name] = value
    else:
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(body))
    if status == 200:
        response.headers["ETag"] = etag
    return response


class PageCacheMiddleware:
    """Answers anonymous visitors from the page cache before the session, CSRF, authentication and
    message middleware run; stores what `@public_page` views render for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        timeout = settings.JEMBATAN_PAGE_CACHE_SECONDS
        if not served_from_cache(str(request.method), request.path, request.COOKIES):
            return self.get_response(request)
        # A host outside ALLOWED_HOSTS gets Django's 400 (DisallowedHost), never a cached page: the check
        # that CommonMiddleware would make further down, made before the cache answers.
        request.get_host()
        language = language_in(request.COOKIES)
        encoding = _encoding_for(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        key = page_key(language, request.get_full_path())
        try:
            current, entry = _lookup(f"{key}:{encoding}")
            if entry is not None and entry[0] == current:
                return _answer(request.META.get("HTTP_IF_NONE_MATCH", ""), entry)
            if current is None:
                current = generation()
        except Exception:
            # The cache is down: the site still answers, rendering every page (and /sehat/ says so).
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        # The generation is read before the page renders: a change during the render bumps it, and
        # the page stored under the old one is never served.
        response = self.get_response(request)
        if (
            not getattr(response, "halaman_publik", False)
            or response.status_code not in (200, 404)
            or response.streaming
            or response.cookies
        ):
            return response
        entries = _entries(current, response)
        try:
            cache.set_many({f"{key}:{e}": entry for e, entry in entries.items()}, timeout)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
        root = settings.JEMBATAN_HALAMAN_BERKAS
        if root and response.status_code == 200 and not request.META.get("QUERY_STRING"):
            bodies = {e: entry[3] for e, entry in entries.items() if entry[5] == e}
            pagefiles.write_page(root, current, language, request.path, bodies)
        return _answer(request.META.get("HTTP_IF_NONE_MATCH", ""), entries[encoding])


class _Scheme:
    """What SecurityMiddleware asks of a request when it adds its headers."""

    def __init__(self, secure: bool) -> None:
        self.secure = secure

    def is_secure(self) -> bool:
        return self.secure


def _security_headers(secure: bool) -> tuple[tuple[str, str], ...]:
    """The headers Django's SecurityMiddleware adds to an answer over (or not over) HTTPS. It only ever
    adds a header the answer lacks, and reads nothing of the answer or the request but the scheme, so
    what it adds to an empty answer is what it adds to any."""
    response = HttpResponse()
    before = {name.lower() for name in response.headers}
    SecurityMiddleware(lambda request: response).process_response(_Scheme(secure), response)  # type: ignore[arg-type]
    return tuple((name, value) for name, value in response.items() if name.lower() not in before)


class _Rules:
    """What the WSGI path needs of the settings, read once rather than on every hit; dropped whenever a
    setting changes (`setting_changed`: tests override settings, a server never does)."""

    def __init__(self) -> None:
        self.timeout = settings.JEMBATAN_PAGE_CACHE_SECONDS
        self.skip = tuple(settings.JEMBATAN_PAGE_CACHE_SKIP)
        self.personal = personal_cookies()
        self.language_cookie = settings.LANGUAGE_COOKIE_NAME
        self.languages = frozenset(dict(settings.LANGUAGES))
        self.language = str(settings.LANGUAGE_CODE)
        self.proxy_ssl_header = settings.SECURE_PROXY_SSL_HEADER
        # Only the plain case is decided here; anything else goes to Django, which answers 400 where it must.
        self.hosts_checked = bool(settings.ALLOWED_HOSTS) and not settings.USE_X_FORWARDED_HOST
        self.allowed_hosts = list(settings.ALLOWED_HOSTS)
        self.ssl_redirect = settings.SECURE_SSL_REDIRECT
        self.content_type = f"text/html; charset={settings.DEFAULT_CHARSET}"  # HttpResponse's default
        self.security = {False: _security_headers(False), True: _security_headers(True)}
        self.known_hosts: dict[str, bool] = {}

    def host_allowed(self, host: str) -> bool:
        allowed = self.known_hosts.get(host)
        if allowed is None:
            domain, _ = split_domain_port(host)
            allowed = bool(host) and self.hosts_checked and bool(domain) and validate_host(domain, self.allowed_hosts)
            if len(self.known_hosts) < 64:  # anyone can send any Host: remember only the first few
                self.known_hosts[host] = allowed
        return allowed


_rules: _Rules | None = None


@receiver(setting_changed)
def _forget_rules(**kwargs: Any) -> None:
    global _rules
    _rules = None


def _current_rules() -> _Rules:
    global _rules
    if _rules is None:
        _rules = _Rules()
    return _rules


def _secure(rules: _Rules, environ: Mapping[str, Any]) -> bool:
    # As HttpRequest.scheme: the proxy's header when configured and present, else the server's scheme.
    if rules.proxy_ssl_header:
        header, secure_value = rules.proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return bool(value.split(",", 1)[0].strip() == secure_value)
    return bool(environ.get("wsgi.url_scheme") == "https")


def _headers(rules: _Rules, entry: Entry, not_modified: bool, request_id: str, secure: bool) -> list[tuple[str, str]]:
    """The headers `_answer`, RequestLogMiddleware and SecurityMiddleware give a hit, in their order,
    set as Django's response headers are (case-insensitive names, a later value keeps the first's place).
    Stored headers were taken from a response and are sent as they were kept."""
    _, status, stored, body, etag, encoding = entry
    headers: dict[str, tuple[str, str]] = {}
    if not_modified:
        for name, value in stored:
            if name in _KEPT_ON_304:
                headers[name.lower()] = (name, value)
    else:
        headers["content-type"] = ("Content-Type", rules.content_type)
        for name, value in stored:
            headers[name.lower()] = (name, value)
        if encoding != "identity":
            headers["content-encoding"] = ("Content-Encoding", encoding)
        headers["content-length"] = ("Content-Length", str(len(body)))
    if status == 200:
        headers["etag"] = ("ETag", etag)
    headers[REQUEST_ID_HEADER.lower()] = (REQUEST_ID_HEADER, request_id)
    for name, value in rules.security[secure]:
        headers.setdefault(name.lower(), (name, value))
    return list(headers.values())


def _answer_from_environ(environ: dict[str, Any], start: float) -> tuple[int, list[tuple[str, str]], bytes, str, str] | None:
    """A cached page for this WSGI request (status, headers, body), with what the middleware above
    PageCacheMiddleware adds to a hit, or None when Django must answer (a miss, a personal cookie, the
    cache down, anything unusual)."""
    rules = _current_rules()
    method = str(environ.get("REQUEST_METHOD", "")).upper()
    if not rules.timeout or method not in ("GET", "HEAD") or not rules.host_allowed(environ.get("HTTP_HOST", "")):
        return None
    secure = _secure(rules, environ)
    if rules.ssl_redirect and not secure:
        return None
    script_name = get_script_name(environ)
    path_info = get_path_info(environ) or "/"
    path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"  # as WSGIRequest
    query = str(environ.get("QUERY_STRING", ""))  # as request.META has it
    if "\x00" in path or (query and nul_in(path, query)) or path.startswith(rules.skip):
        return None
    raw_cookies = environ.get("HTTP_COOKIE")
    cookies = parse_cookie(get_str_from_wsgi(environ, "HTTP_COOKIE", "")) if raw_cookies else {}
    if any(name in cookies for name in rules.personal):
        return None
    accept_encoding = environ.get("HTTP_ACCEPT_ENCODING", "")
    encoding = _encoding_for(accept_encoding)
    full_path = escape_uri_path(path) + (("?" + iri_to_uri(query)) if query else "")  # as get_full_path()
    language = cookies.get(rules.language_cookie, "")  # as language_in()
    if language not in rules.languages:
        language = rules.language
    try:
        current, entry = _lookup(f"{page_key(language, full_path)}:{encoding}")
    except Exception:
        return None  # PageCacheMiddleware logs the cache being down when Django answers
    if entry is None or entry[0] != current or entry[5] != encoding:
        # A page stored without the asked-for encoding is compressed by CompressionMiddleware on a hit.
        return None
    if encoding == "identity" and "gzip" in accept_encoding:
        return None  # e.g. `gzip;q=0`, which GZipMiddleware still compresses
    status = entry[1]
    if_none_match = environ.get("HTTP_IF_NONE_MATCH", "")
    not_modified = bool(if_none_match) and status == 200 and entry[4] in parse_etags(if_none_match)
    if not_modified:
        status = 304
    request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))
    current_request_id.set(request_id)
    headers = _headers(rules, entry, not_modified, request_id, secure)
    log_request(
        request_id=request_id,
        method=method,
        path=path,
        query=QueryDict(get_bytes_from_wsgi(environ, "QUERY_STRING", "")) if query else (),
        status=status,
        start=start,
        user_id=None,
        address=address_in(environ),
    )
    return status, headers, b"" if not_modified else entry[3], method, path


WSGIApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def serve_cached_first(application: WSGIApplication) -> WSGIApplication:
    """Wraps Django's WSGI application: a cached page for an anonymous visitor is answered here, with the
    same status, headers and log line the full stack gives a hit, without building a request or running
    the middleware; everything else goes to Django unchanged."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start = time.perf_counter()
        try:
            found = _answer_from_environ(environ, start)
        except Exception:
            logger.warning("page cache fast path failed", exc_info=True)
            found = None
        if found is None:
            return application(environ, start_response)
        status, headers, body, method, _ = found
        start_response(f"{status} {responses[status]}", headers)
        return [b""] if method == "HEAD" else [body]

    return serve
