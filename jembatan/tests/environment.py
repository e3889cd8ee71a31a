"""The environment of the project's tools, set before they load Django's settings.

The settings refuse to start with DEBUG off and no SECRET_KEY. The tests run with DEBUG off, as
production does, and the type checker's Django plugin loads the settings to learn the models: both
get a throwaway key, new for every run (one set outside wins). pytest loads this module with `-p`
and mypy as a plugin (both in pyproject.toml), each before Django reads its settings.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "tools-" + secrets.token_urlsafe(50))

# One OpenMP (and BLAS) thread per test process: pytest-xdist already runs one worker per core, and a library's
# threads spinning while they wait for the other worker's core made fitting scikit-learn's trees in
# jembatan/tests/test_pohon.py take 8-17 s instead of 0.1 s. Read when the library loads, so set here first.
os.environ.setdefault("OMP_NUM_THREADS", "1")


def redis_per_worker(url: str, worker: str) -> str:
    """The Redis URL for one of pytest-xdist's workers ("gw0", "gw1" …): a database of its own, counting down
    from the one given, so one worker's cache.clear() never empties another's cache or queue."""
    base, _, db = url.rpartition("/")
    if not worker.startswith("gw") or not db.isdigit() or not base.startswith("redis"):
        return url
    return f"{base}/{max(int(db) - int(worker[2:]), 0)}"


if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["REDIS_URL"] = redis_per_worker(os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"])


def plugin(version: str):  # mypy's entry point: this plugin changes no types
    from mypy.plugin import Plugin

    return Plugin
