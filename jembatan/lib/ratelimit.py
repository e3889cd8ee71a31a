"""The one rate limiter: fixed-window counters in the cache, for public forms, API calls and logins.

`exceeded()` counts a use and says whether the limit is passed (forms, API calls); logins count only
failures, so they use `count()`, `add()` and `reset()` on the same counters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

_PREFIX = "batas:"


def client_address(request: HttpRequest) -> str:
    """The address the request came from: the connection's, or with BEHIND_PROXY the X-Real-IP that the
    proxy sets (it replaces any the client sent; the app must be reachable only through it). X-Forwarded-For
    is never trusted here."""
    return address_in(request.META)


def address_in(meta: Mapping[str, Any]) -> str:
    """`client_address` from a WSGI environ (request.META is one)."""
    if settings.BEHIND_PROXY and meta.get("HTTP_X_REAL_IP"):
        return str(meta["HTTP_X_REAL_IP"])
    return str(meta.get("REMOTE_ADDR", ""))


def add(key: str, seconds: int) -> int:
    """Count one event under `key` in a window of `seconds` that starts with the first event; return the count."""
    full = _PREFIX + key
    if cache.add(full, 1, seconds):
        return 1
    try:
        return int(cache.incr(full))
    except ValueError:  # expired between add and incr
        cache.set(full, 1, seconds)
        return 1


def exceeded(key: str, limit: int, seconds: int) -> bool:
    """Count one use of `key`; True when it has been used more than `limit` times in the window."""
    return add(key, seconds) > limit


def count(key: str) -> int:
    """Events counted under `key` in its current window (0 when none)."""
    return int(cache.get(_PREFIX + key, 0))


def reset(key: str) -> None:
    cache.delete(_PREFIX + key)
