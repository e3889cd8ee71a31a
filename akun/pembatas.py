"""Login attempt limiting: failures counted per account and per client address in the cache."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(email: str, ip: str) -> list[str]:
    e = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]
    return [f"masuk:gagal:email:{e}", f"masuk:gagal:ip:{ip}"]


def alamat_klien(request) -> str:
    # Behind a reverse proxy, set BEHIND_PROXY and let the proxy set REMOTE_ADDR (e.g. with
    # a real-ip module); X-Forwarded-For from the client is never trusted here.
    return request.META.get("REMOTE_ADDR", "")


def terkunci(email: str, ip: str) -> bool:
    limit = settings.JEMBATAN_LOGIN_MAX_FAILURES
    counts = cache.get_many(_keys(email, ip))
    # The per-address limit is looser: several people may share an office connection.
    return counts.get(_keys(email, ip)[0], 0) >= limit or counts.get(_keys(email, ip)[1], 0) >= limit * 4


def catat_gagal(email: str, ip: str) -> None:
    timeout = settings.JEMBATAN_LOGIN_WINDOW_MINUTES * 60
    for key in _keys(email, ip):
        if not cache.add(key, 1, timeout):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout)


def bersihkan(email: str, ip: str) -> None:
    cache.delete(_keys(email, ip)[0])
