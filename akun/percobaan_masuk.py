"""Login attempt limiting that a stranger cannot turn against an account's owner.

Three counters of failed logins, in the cache (jembatan.lib.ratelimit):

- **address + account**: after JEMBATAN_LOGIN_MAX_FAILURES failures, that address may not try that
  account again until JEMBATAN_LOGIN_WINDOW_MINUTES have passed since its first failure;
- **account, from any address**: after the same number of failures the account is not locked but
  slowed down: each further attempt from a browser it does not know waits 2, 4, 8 … seconds (at most
  the window) after the one before. Browsers it knows (one that logged in to it before, or an address
  it was logged in from in the last 30 days) skip the wait, so the owner gets in while a stranger
  hammers the account from elsewhere. After many failures its owner gets one e-mail a day about it;
- **address, across accounts**: four times looser, since a village office shares one connection.

An e-mail address with no account is counted and answered exactly like one with an account; only the
background task that writes to the owner looks the account up, so neither the answer nor its timing
says whether the account exists.
"""

from __future__ import annotations

import hashlib
import math
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from akun.models import User
from jembatan.lib import mail, ratelimit

# How long an account's failures are remembered: its delay keeps growing through a slow attack.
ACCOUNT_MEMORY = 24 * 3600
# How long an address an account logged in from stays known to it.
KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600
DEVICE_COOKIE = "jembatan_perangkat"
DEVICE_COOKIE_SALT = "akun.percobaan_masuk.perangkat"
DEVICE_COOKIE_SECONDS = 365 * 24 * 3600


def _max_failures() -> int:
    return int(settings.JEMBATAN_LOGIN_MAX_FAILURES)


def _window() -> int:
    return int(settings.JEMBATAN_LOGIN_WINDOW_MINUTES) * 60


def _akun(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]


def _kunci_pasangan(akun: str, ip: str) -> str:
    return f"masuk:gagal:pasangan:{akun}:{ip}"


def _kunci_akun(akun: str) -> str:
    return f"masuk:gagal:akun:{akun}"


def _kunci_alamat(ip: str) -> str:
    return f"masuk:gagal:ip:{ip}"


def _dikenal(request: HttpRequest, akun: str, ip: str) -> bool:
    if request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_COOKIE_SALT) == akun:
        return True
    return cache.get(f"masuk:dikenal:{akun}:{ip}") is not None


def _batas_berakhir(kunci: str, sekarang: float) -> float:
    """When the window of a counter ends: its first failure stored the moment (see catat_gagal)."""
    return float(cache.get(kunci + ":mulai", sekarang)) + _window()


def tunggu_sampai(request: HttpRequest, email: str, ip: str) -> datetime | None:
    """None when this attempt may check its password; else when the client may try again.

    An attempt that may go ahead on a slowed account claims its turn here, before the password is
    checked, so attempts sent side by side cannot all slip through one opening."""
    sekarang = time.time()
    akun = _akun(email)
    batas = _max_failures()
    for kunci, limit in ((_kunci_pasangan(akun, ip), batas), (_kunci_alamat(ip), batas * 4)):
        if ratelimit.count(kunci) >= limit:
            return _waktu(_batas_berakhir(kunci, sekarang))
    gagal = ratelimit.count(_kunci_akun(akun))
    if gagal >= batas and not _dikenal(request, akun, ip):
        jeda = min(2 ** (gagal - batas + 1), _window())
        giliran = f"masuk:giliran:{akun}"
        if not cache.add(giliran, sekarang + jeda, jeda):
            return _waktu(float(cache.get(giliran, sekarang + 1)))
    return None


def _waktu(detik_epoch: float) -> datetime:
    return datetime.fromtimestamp(detik_epoch, tz=timezone.get_current_timezone())


def detik_lagi(sampai: datetime) -> int:
    """Whole seconds until `sampai`, at least one (for the message and Retry-After)."""
    return max(1, math.ceil((sampai - timezone.now()).total_seconds()))


def pesan_tunggu(detik: int) -> str:
    if detik < 60:
        waktu = ngettext("%(n)s detik", "%(n)s detik", detik) % {"n": detik}
    else:
        menit = math.ceil(detik / 60)
        waktu = ngettext("%(n)s menit", "%(n)s menit", menit) % {"n": menit}
    return _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(waktu)s.") % {"waktu": waktu}


def catat_gagal(email: str, ip: str) -> None:
    sekarang = time.time()
    akun = _akun(email)
    for kunci, detik in ((_kunci_pasangan(akun, ip), _window()), (_kunci_alamat(ip), _window())):
        ratelimit.add(kunci, detik)
        cache.add(kunci + ":mulai", sekarang, detik)
    gagal = ratelimit.add(_kunci_akun(akun), ACCOUNT_MEMORY)
    # Once a day at most, whatever happens after: "many" is twice the failures that start the slowdown.
    if gagal >= 2 * _max_failures() and cache.add(f"masuk:dikabari:{akun}", 1, ACCOUNT_MEMORY):
        kabari_pemilik.enqueue(email.strip().lower(), gagal)


def catat_berhasil(request: HttpRequest, response: HttpResponse, email: str, ip: str) -> None:
    """The owner is in: their address and this browser are known to the account from now on.

    The account's own count is kept: a stranger must not get fresh attempts because the owner logged in."""
    akun = _akun(email)
    ratelimit.reset(_kunci_pasangan(akun, ip))
    cache.set(f"masuk:dikenal:{akun}:{ip}", 1, KNOWN_ADDRESS_SECONDS)
    response.set_signed_cookie(
        DEVICE_COOKIE,
        akun,
        salt=DEVICE_COOKIE_SALT,
        max_age=DEVICE_COOKIE_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@task()
def kabari_pemilik(email: str, gagal: int) -> str:
    """Tell an account's owner that someone keeps failing to log in to it (nothing when there is no account)."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return "tidak ada akun"
    halaman_masuk = settings.SITE_URL + reverse("akun:masuk") if settings.SITE_URL else ""
    mail.send("percobaan_masuk", [user.email], {"user": user, "gagal": gagal, "halaman_masuk": halaman_masuk})
    return "terkirim"
