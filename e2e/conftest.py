"""Browser journeys: Debian's headless Chromium, driven by Playwright, against the app served by
pytest-django's live_server.

A live_server test is transactional: its data must be committed for the server thread to see
it, and the database is flushed when the test ends, region data included. The session loaded
the regions once (root conftest); `pytest_runtest_teardown` below loads them again after each
journey's flush (~0.5 s) whenever another test follows, so every journey starts from the same
database and a test that runs after the journeys in the same session still finds the regions.
"""

from __future__ import annotations

import os
import shutil
import threading
import time

import pytest
from django.core.signals import request_finished, request_started
from django.test.client import ClientHandler

from jembatan import test as t

# Debian's package; CHROMIUM=/path/to/chromium points elsewhere (Playwright's own download is not used).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_BLOCKER = pytest.StashKey[object]()


class _Dilayani:
    """Requests the live server is still answering. A browser context closed at a test's end stops
    waiting for its answers, but the server thread goes on writing them: the database must not be
    flushed under it (SQLite refuses, and the next journey starts on the last one's rows)."""

    def __init__(self):
        self.jumlah = 0
        self.kunci = threading.Lock()

    def mulai(self, sender, **kwargs):
        if not issubclass(sender, ClientHandler):  # the test client's requests are answered before it returns
            with self.kunci:
                self.jumlah += 1

    def selesai(self, sender, **kwargs):
        if not issubclass(sender, ClientHandler):
            with self.kunci:
                self.jumlah -= 1

    def tunggu_kosong(self, detik: float = 15) -> None:
        batas = time.monotonic() + detik
        while self.jumlah > 0:
            assert time.monotonic() < batas, f"the live server still answers {self.jumlah} request(s)"
            time.sleep(0.05)


_DILAYANI = _Dilayani()
request_started.connect(_DILAYANI.mulai, dispatch_uid="e2e-dilayani-mulai")
request_finished.connect(_DILAYANI.selesai, dispatch_uid="e2e-dilayani-selesai")


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM and os.access(CHROMIUM, os.X_OK)):
        reason = "Chromium not found: apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser journeys. {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp, sync_playwright() as pw:
        # Playwright's sync API keeps its event loop marked as running on this thread, so Django
        # would refuse the tests' own ORM calls (SynchronousOnlyOperation) although none runs in it.
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _e2e(request, live_server, django_db_blocker):
    """Every journey runs against the live server; remember how to reload regions after it."""
    request.node.stash[_BLOCKER] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield  # the test's fixtures are torn down: the transactional test flushed the database
    blocker = item.stash.get(_BLOCKER, None)
    # After the last test the session's fixtures are gone too, test database included: the
    # connection points at the real database again, which must never be written to.
    if blocker is not None and nextitem is not None:
        with blocker.unblock():
            t.muat_ulang_setelah_flush()
    return result


def _context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Makassar", **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def konteks(browser, live_server):
    """Returns a function making a fresh browser context (own cookies) on the live server."""
    made = []

    def make(**options):
        made.append(_context(browser, live_server, **options))
        return made[-1]

    yield make
    for context in made:
        context.close()
    _DILAYANI.tunggu_kosong()


@pytest.fixture
def page(konteks):
    return konteks(viewport={"width": 1280, "height": 800}).new_page()
