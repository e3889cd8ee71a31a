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
import sys
import threading
import time
import traceback

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
    """Requests the live server is still answering, by the thread answering each. A browser context closed at a
    test's end stops waiting for its answers, but the server thread goes on writing them: the database must not be
    flushed under it (the next journey would start on the last one's rows). A thread that ended without the
    finished signal no longer counts; one still answering when the wait runs out is named with where it stands, and
    the session stops there: the journeys after it would wait on it and on the database it holds."""

    def __init__(self):
        self.berjalan: dict[threading.Thread, tuple[str, float]] = {}
        self.kunci = threading.Lock()

    def mulai(self, sender, environ=None, **kwargs):
        if not issubclass(sender, ClientHandler):  # the test client's requests are answered before it returns
            env = environ or {}
            with self.kunci:
                self.berjalan[threading.current_thread()] = (
                    f"{env.get('REQUEST_METHOD', '?')} {env.get('PATH_INFO', '?')}",
                    time.monotonic(),
                )

    def selesai(self, sender, **kwargs):
        if not issubclass(sender, ClientHandler):
            with self.kunci:
                self.berjalan.pop(threading.current_thread(), None)

    def _masih(self) -> dict[threading.Thread, tuple[str, float]]:
        with self.kunci:
            for thread in [th for th in self.berjalan if not th.is_alive()]:
                del self.berjalan[thread]
            return dict(self.berjalan)

    def tunggu_kosong(self, detik: float = 30) -> None:
        batas = time.monotonic() + detik
        while masih := self._masih():
            if time.monotonic() >= batas:
                frames = sys._current_frames()
                laporan = [
                    f"{apa} for {time.monotonic() - sejak:.1f} s, at:\n"
                    + "".join(traceback.format_stack(frames[th.ident])[-12:] if th.ident in frames else [])
                    for th, (apa, sejak) in masih.items()
                ]
                pytest.exit(f"the live server still answers {len(masih)} request(s):\n" + "\n".join(laporan), returncode=1)
            time.sleep(0.05)


_DILAYANI = _Dilayani()
request_started.connect(_DILAYANI.mulai, dispatch_uid="e2e-dilayani-mulai")
request_finished.connect(_DILAYANI.selesai, dispatch_uid="e2e-dilayani-selesai")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the journeys' database is a file, as a served site's is: the live server's threads then each open
    their own connection, where an in-memory database makes them share the test's one, so a request answering in
    the server and the test reading the database at the same time ran on one connection."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "e2e.sqlite3")


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
    try:
        return (yield)  # the test's fixtures are torn down: the transactional test flushed the database
    finally:
        # also when a teardown failed: one journey's failure must not take the regions from every one after it
        blocker = item.stash.get(_BLOCKER, None)
        # After the last test the session's fixtures are gone too, test database included: the
        # connection points at the real database again, which must never be written to.
        if blocker is not None and nextitem is not None:
            with blocker.unblock():
                t.muat_ulang_setelah_flush()


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
