"""The one way out: every request to an outside service (WhatsApp, Telegram, …) goes through `fetch()`.

Tests replace this single function, so no test ever reaches the network, and no code can pretend an
outside service answered.
"""

from __future__ import annotations

import json as jsonlib
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)


def _aman(url: str) -> str:
    """The URL as it may appear in a log: no query string, no bot token in the path."""
    return re.sub(r"/bot[^/]+/", "/bot***/", url.split("?")[0])


class FetchError(Exception):
    """The service could not be reached or answered with an error."""


@dataclass
class FetchResult:
    status: int
    body: bytes

    def json(self) -> Any:
        return jsonlib.loads(self.body or b"null")


class _Pengalihan(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but never carry our credentials to another host or over plain HTTP."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        baru = super().redirect_request(req, fp, code, msg, headers, newurl)
        if baru is not None:
            lama, tujuan = urlsplit(req.full_url), urlsplit(newurl)
            if tujuan.scheme != "https" or tujuan.hostname != lama.hostname:
                baru.remove_header("Authorization")
        return baru


_pembuka = urllib.request.build_opener(_Pengalihan)


def fetch(
    method: str, url: str, *, json: object = None, headers: dict[str, str] | None = None, timeout: float = 10
) -> FetchResult:
    """Send one HTTPS request; raise FetchError on a network error or a status of 400 and above.

    Only https:// is accepted (no file:, no plain http carrying tokens)."""
    if urlsplit(url).scheme != "https":
        raise FetchError(f"hanya https yang diizinkan: {_aman(url)}")
    data = None
    headers = {"User-Agent": "Jembatan", **(headers or {})}
    if json is not None:
        data = jsonlib.dumps(json).encode()
        headers.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(url, data=data, headers=headers, method=method.upper())  # noqa: S310 (https URLs from settings)
    try:
        with _pembuka.open(request, timeout=timeout) as response:
            return FetchResult(response.status, response.read())
    except urllib.error.HTTPError as e:
        body = e.read()[:500]
        log.warning("HTTP %s %s answered %s: %r", method, _aman(url), e.code, body)
        raise FetchError(f"{e.code} dari {_aman(url)}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        log.warning("HTTP %s %s failed: %s", method, _aman(url), e)
        raise FetchError(str(e)) from None
