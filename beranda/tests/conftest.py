import pytest

from jembatan import test as t

_BLOCKER = pytest.StashKey[object]()


@pytest.fixture
def transaksional(request, transactional_db, django_db_blocker):
    """A test whose writes commit, for readers on other connections (pg_dump, SQLite's backup API).

    Its database is flushed when it ends, region data included; the hook below puts the database back for the
    tests that follow: from the copy the session kept on SQLite, else loading the regions again as e2e/conftest.py
    does after the browser journeys.
    """
    request.node.stash[_BLOCKER] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        # Also when the flush itself failed: the tests that follow must find the regions.
        blocker = item.stash.get(_BLOCKER, None)
        # After the last test the test database is gone and the connection points at the real one: leave it.
        if blocker is not None and nextitem is not None:
            with blocker.unblock():
                if not t.pulihkan_salinan_awal():
                    t.muat_ulang_setelah_flush()
