"""The task backend setting: the Redis queue is an optional extra, and asking for it without it fails at start-up."""

import runpy
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[1] / "settings.py"


@pytest.fixture
def without_redis_extra(monkeypatch):
    """As on an install without the `redis` extra: django-tasks-rq cannot be imported."""
    monkeypatch.setitem(sys.modules, "django_tasks_rq", None)


def test_database_queue_is_the_default_and_needs_no_redis_extra(monkeypatch, without_redis_extra):
    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)

    settings = runpy.run_path(str(SETTINGS))

    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_rq" not in settings["INSTALLED_APPS"]


def test_redis_queue_without_the_extra_stops_start_up_naming_it(monkeypatch, without_redis_extra):
    monkeypatch.setenv("TASKS_BACKEND", "rq")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")

    with pytest.raises(ImproperlyConfigured, match="`redis` extra"):
        runpy.run_path(str(SETTINGS))


def test_redis_queue_without_redis_url_stops_start_up(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "rq")
    monkeypatch.delenv("REDIS_URL", raising=False)

    with pytest.raises(ImproperlyConfigured, match="needs REDIS_URL"):
        runpy.run_path(str(SETTINGS))


def test_each_test_worker_gets_a_redis_database_of_its_own():
    from jembatan.tests.environment import redis_per_worker

    assert redis_per_worker("redis://127.0.0.1:6379/15", "gw0") == "redis://127.0.0.1:6379/15"
    assert redis_per_worker("redis://127.0.0.1:6379/15", "gw1") == "redis://127.0.0.1:6379/14"
    assert redis_per_worker("redis://127.0.0.1:6379", "gw1") == "redis://127.0.0.1:6379"
