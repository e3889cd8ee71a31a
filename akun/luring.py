"""Which account a page was made for, as the offline service worker needs to know it.

The worker (static/js/sw.js) keeps pages on the phone for reading offline. Some are private (a KIM's
siaran inbox) and every page of a signed-in user names them, so a kept page may only be shown to the
account it was made for: each HTML response says which one in a header, an opaque digest of the account
(empty for a visitor), and the worker throws its kept pages away when the account changes or signs out.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

HEADER = "X-Jembatan-Akun"


def tanda_akun(user) -> str:
    """An opaque, stable name for a signed-in account; "" for a visitor."""
    if not user.is_authenticated:
        return ""
    return salted_hmac("akun.luring.tanda_akun", str(user.pk)).hexdigest()[:20]


class TandaAkunMiddleware:
    """Names the account of every HTML page in `X-Jembatan-Akun` (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response[HEADER] = tanda_akun(request.user)
        return response
