"""The interface language: Bahasa Indonesia for everyone, English only for those who chose it.

Django's LocaleMiddleware follows the browser's Accept-Language, and many phones in Indonesia are set to
English: their owners would get the English site, hoax answers included, without asking for it. Here the
language comes from the cookie the language links set (`/bahasa/en/`), and from nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language in the visitor's cookie when it is one the site offers, else the site's language."""
    return language_in(request.COOKIES)


def language_in(cookies: Mapping[str, str]) -> str:
    """`chosen_language` from the cookies alone (the page cache's WSGI path has no request object)."""
    code = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else str(settings.LANGUAGE_CODE)


class CookieLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = chosen_language(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        patch_vary_headers(response, ("Cookie",))
        return response
