"""Requests no page can answer sensibly are refused before any view runs.

A NUL character in the address (`/warta/wilayah/%00/`, `?q=%00`) reaches views as text that PostgreSQL
refuses with an error: rather than guard every view and lookup, such a request is a 400 here. Paths in
JEMBATAN_NUL_CHECKED_BY_VIEWS validate their own input (the JSON API answers 422 as its document says).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


def has_nul(request: HttpRequest) -> bool:
    """Whether the path or the query string carries a NUL character, raw or percent-encoded."""
    return nul_in(request.path, request.META.get("QUERY_STRING", ""))


def nul_in(path: str, query: str) -> bool:
    """`has_nul` from the path and the raw query string."""
    return "\x00" in path or "\x00" in unquote(query) or "\x00" in unquote(query.replace("+", " "))


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request) and not request.path.startswith(tuple(settings.JEMBATAN_NUL_CHECKED_BY_VIEWS)):
            return HttpResponseBadRequest("Alamat ini memuat karakter yang tidak sah.", content_type="text/plain; charset=utf-8")
        return self.get_response(request)
