"""Whole-page cache for anonymous visitors of public pages.

A public page is the same for every anonymous visitor in one language, so it is rendered once
and served from the cache until the data behind it changes. Any change to KIM data bumps one
version number (see `kim.signals`), which retires every cached page at once; a time limit
bounds staleness should a bump ever be missed. Logged-in users always get a fresh page.

With several server processes the cache must be shared (REDIS_URL), or a process would keep
serving its own copy until the time limit.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

GENERATION_KEY = "halaman:generation"


def generation() -> int:
    value: int | None = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, so a version lost to eviction never repeats an old one.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate() -> None:
    """Retire every cached public page (call after any change they show)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


_GZIP = re.compile(r"\bgzip\b")


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        timeout = settings.JEMBATAN_PAGE_CACHE_SECONDS
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated or not timeout:
            return view(request, *args, **kwargs)
        if any(name in request.COOKIES for name in settings.JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES):
            # This visitor's page holds something of theirs (e.g. their comment waiting for moderation):
            # render it for them alone, and never let it into the shared cache or a shared proxy.
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # The address is hashed: anyone can type a long one, and cache keys have a length limit.
        alamat = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"halaman:v2:{generation()}:{request.LANGUAGE_CODE}:{alamat}"
        hit = cache.get(key)
        if hit is None:
            response = view(request, *args, **kwargs)
            if response.status_code not in (200, 404) or response.streaming or response.cookies:
                patch_vary_headers(response, ["Cookie"])
                return response
            extra = [(h, response[h]) for h in ("Content-Disposition",) if h in response]
            # Stored compressed too, once: a cache hit then costs no compression (public pages carry no
            # secret, so compressing them the same way every time gives nothing away).
            hit = (response.status_code, response["Content-Type"], response.content, compress_string(response.content), extra)
            cache.set(key, hit, timeout)
        status, content_type, body, gzipped, headers = hit
        if _accepts_gzip(request) and len(gzipped) < len(body):
            response = HttpResponse(gzipped, status=status, content_type=content_type)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(body, status=status, content_type=content_type)
        for name, value in headers:
            response[name] = value
        patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
        # Browsers revalidate every time (a cheap 304 through the ETag): a changed stage must
        # show at once, not after a browser-side cache expires.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    return wrapper
