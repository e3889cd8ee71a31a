"""/sehat/: what a load balancer and an uptime monitor read (jembatan.lib.health)."""

import shutil
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _antrekan(enqueued_at):
    from django_tasks_db.models import DBTaskResult, get_date_max

    row = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cekfakta.tasks.kabari_pelapor",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=enqueued_at)  # auto_now_add ignores a given value


def test_all_checks_pass(client):
    response = client.get("/sehat/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue", "disk"}
    assert all(check["ok"] and check["ms"] >= 0 for check in body["checks"].values())
    assert body["checks"]["disk"]["free_mb"] > 0
    assert "no-store" in response["Cache-Control"]


def test_the_database_down_is_a_503(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("could not connect to server")):
        response = client.get("/sehat/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {"ok": False, "ms": mock.ANY, "error": "OperationalError"}
    assert "could not connect" not in response.content.decode()


def test_the_cache_down_is_a_503(client):
    with mock.patch("jembatan.lib.health.cache.get", side_effect=ConnectionError):
        response = client.get("/sehat/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


def test_an_old_waiting_task_is_degraded_with_its_age(client, settings):
    settings.TASKS = DB_QUEUE
    settings.JEMBATAN_HEALTH_QUEUE_MAX_AGE_SECONDS = 600
    _antrekan(timezone.now() - timedelta(minutes=5))
    _antrekan(timezone.now() - timedelta(minutes=30))
    response = client.get("/sehat/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    queue = body["checks"]["queue"]
    assert queue["ok"] is False
    assert queue["waiting"] == 2
    assert 1795 <= queue["oldest_age_s"] <= 1810
    assert queue["max_age_s"] == 600


def test_a_young_queue_is_ok(client, settings):
    settings.TASKS = DB_QUEUE
    _antrekan(timezone.now() - timedelta(seconds=20))
    body = client.get("/sehat/").json()
    assert body["status"] == "ok"
    assert body["checks"]["queue"]["waiting"] == 1


def test_with_the_immediate_backend_nothing_waits(client):
    assert client.get("/sehat/").json()["checks"]["queue"] == {
        "ok": True,
        "ms": mock.ANY,
        "backend": "ImmediateBackend",
        "waiting": 0,
    }


def test_low_disk_is_degraded(client, settings):
    settings.JEMBATAN_HEALTH_DISK_MIN_FREE_MB = 1024
    usage = shutil._ntuple_diskusage(total=100 * 2**30, used=100 * 2**30 - 200 * 2**20, free=200 * 2**20)
    with mock.patch("shutil.disk_usage", return_value=usage):
        response = client.get("/sehat/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["disk"] == {"ok": False, "ms": mock.ANY, "free_mb": 200, "free_percent": 0.2, "min_free_mb": 1024}


def test_answers_over_plain_http_when_https_is_forced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/sehat/").status_code == 200
    assert client.get("/").status_code == 301
