"""Login attempt limiting: failures counted per account and per client address (jembatan.lib.ratelimit)."""

from __future__ import annotations

import hashlib

from django.conf import settings

from jembatan.lib import ratelimit


def _kunci_akun(email: str) -> str:
    return "masuk:gagal:email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]


def _kunci_alamat(ip: str) -> str:
    return f"masuk:gagal:ip:{ip}"


def terkunci(email: str, ip: str) -> bool:
    limit = settings.JEMBATAN_LOGIN_MAX_FAILURES
    # The per-address limit is looser: several people may share an office connection.
    return ratelimit.count(_kunci_akun(email)) >= limit or ratelimit.count(_kunci_alamat(ip)) >= limit * 4


def catat_gagal(email: str, ip: str) -> None:
    window = settings.JEMBATAN_LOGIN_WINDOW_MINUTES * 60
    ratelimit.add(_kunci_akun(email), window)
    ratelimit.add(_kunci_alamat(ip), window)


def bersihkan(email: str, ip: str) -> None:
    """A successful login clears the account's failures (not the address's: others may be guessing there)."""
    ratelimit.reset(_kunci_akun(email))
