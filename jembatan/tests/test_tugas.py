"""The one task API runs on each configured backend: the database queue and Redis (RQ)."""

import os

import pytest
from django.core.management import call_command
from django.test import override_settings

from cekfakta.tasks import kabari_pelapor

pytestmark = pytest.mark.django_db

DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DB)
def test_database_queue_runs_tasks_through_the_worker(monkeypatch):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker drops "old" connections between tasks; inside this test's transaction that would be
    # the test's own connection (PostgreSQL), so only that housekeeping is switched off here.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    result = kabari_pelapor.enqueue(999999)
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "SUCCESSFUL" and row.return_value == "lewati"


def test_redis_queue_runs_tasks_through_an_rq_worker():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("JEMBATAN_WAJIB_LAYANAN"):
            pytest.fail("JEMBATAN_WAJIB_LAYANAN is set: this run must have Redis (REDIS_URL)")
        pytest.skip("needs Redis: set REDIS_URL=redis://... to run")
    from django.conf import settings

    rq = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    apps = [*settings.INSTALLED_APPS, "django_rq", "django_tasks_rq"]
    with override_settings(TASKS=rq, RQ_QUEUES={"default": {"URL": url}}, INSTALLED_APPS=apps):
        import django_rq
        from django_tasks_rq import Job

        django_rq.get_queue("default", job_class=Job).empty()
        result = kabari_pelapor.enqueue(999999)
        django_rq.get_worker("default", job_class=Job).work(burst=True, with_scheduler=False)
        result.refresh()
        assert result.status == "SUCCESSFUL" and result.return_value == "lewati"
