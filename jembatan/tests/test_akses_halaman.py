"""Every role and scope against every protected view, fed from the registry each app fills.

Each app lists in `<app>/tests/halaman.py` its public views (`PUBLIK`) and its protected pages
(`terlindung(cast)`, see `jembatan.test.Halaman`). A view that is in neither fails
`test_every_view_is_registered`, so a new page cannot be added without saying who may open it.
"""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from jembatan.test import SEMUA_PERAN, Halaman

# Django's own admin has its own permission system (staff and superusers only).
DILUAR_REGISTRI = ("admin:",)


def _registri():
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)):
            continue
        try:
            yield config.label, importlib.import_module(f"{config.name}.tests.halaman")
        except ModuleNotFoundError as e:
            if e.name != f"{config.name}.tests.halaman" and e.name != f"{config.name}.tests":
                raise


def _nama_view(patterns, ns=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = ":".join(x for x in (ns, p.namespace) if x) or None
            yield from _nama_view(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{ns}:{p.name}" if ns else p.name


def _halaman(cast) -> list[Halaman]:
    return [h for _label, modul in _registri() for h in modul.terlindung(cast)]


def test_every_view_is_registered(cast):
    semua = {n for n in _nama_view(get_resolver().url_patterns) if not n.startswith(DILUAR_REGISTRI)}
    publik = set().union(*(modul.PUBLIK for _label, modul in _registri()))
    terlindung = {resolve(h.url.split("?")[0]).view_name for h in _halaman(cast)}
    assert not publik & terlindung, f"both public and protected: {sorted(publik & terlindung)}"
    belum = semua - publik - terlindung
    assert not belum, f"views not in any app's tests/halaman.py (say who may open them): {sorted(belum)}"
    assert not (publik | terlindung) - semua, f"registered but gone: {sorted((publik | terlindung) - semua)}"


@pytest.mark.parametrize("peran", SEMUA_PERAN)
def test_each_role_reaches_exactly_its_scope(client, cast, peran):
    client.force_login(getattr(cast, peran))
    salah = []
    for h in _halaman(cast):
        response = getattr(client, h.method)(h.url, h.data)
        _tutup(response)
        if peran in h.boleh:
            if response.status_code == 404 or response.status_code >= 500:
                salah.append(f"{h.method} {h.url}: {response.status_code}, expected access")
        elif response.status_code != 404:
            salah.append(f"{h.method} {h.url}: {response.status_code}, expected 404")
    assert not salah, f"{peran}:\n" + "\n".join(salah)


def test_anonymous_visitor_is_sent_to_login(client, cast):
    salah = []
    for h in _halaman(cast):
        response = getattr(client, h.method)(h.url, h.data)
        _tutup(response)
        if response.status_code != h.anonim:
            salah.append(f"{h.method} {h.url}: {response.status_code}, expected {h.anonim}")
        elif h.anonim == 302 and not response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
            salah.append(f"{h.method} {h.url}: redirected to {response['Location']}")
    assert not salah, "\n".join(salah)


def _tutup(response) -> None:
    """Close a response (file downloads hold their file open) without the end-of-request signal closing the
    test's database connection, as the test client itself does while it handles a request."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
