"""What /sehat/ reports: the database, the cache, the task queue and the disk under MEDIA_ROOT.

Each check is cheap (one trivial query, one cache round trip, one queue look-up, one statfs) and never
raises: a failure is reported with the error's class name only, since messages can hold host names.
The database and the cache carry every page, so either failing makes the site "down"; a queue that waits
too long or a disk running out makes it "degraded" (pages still work, background work or uploads soon won't).
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, When
from django.db.models.functions import Greatest
from django.utils import timezone

Status = Literal["ok", "degraded", "down"]
# Without these the site cannot answer a page; the others only slow background work or uploads.
CRITICAL = frozenset({"database", "cache"})


@dataclass
class Check:
    ok: bool
    ms: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "ms": self.ms, **self.details}


@dataclass
class Report:
    status: Status
    checks: dict[str, Check]
    time: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "checks": {name: check.as_dict() for name, check in self.checks.items()},
            "time": self.time.isoformat(),
        }


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> dict[str, Any]:
    # A key of its own per call: processes checking at the same moment never read each other's value.
    token = secrets.token_hex(8)
    key = f"sehat:{token}"
    cache.set(key, token, 5)
    return {"ok": cache.get(key) == token}


def check_queue() -> dict[str, Any]:
    backend = str(settings.TASKS["default"]["BACKEND"])
    if backend == "django_tasks_db.DatabaseBackend":
        oldest, waiting = _oldest_db_task()
    elif backend == "django_tasks_rq.RQBackend":
        oldest, waiting = _oldest_rq_job()
    else:  # the immediate backend runs each task as it is enqueued: nothing ever waits
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1], "waiting": 0}
    limit = settings.JEMBATAN_HEALTH_QUEUE_MAX_AGE_SECONDS
    age = max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0
    return {"ok": age <= limit, "waiting": waiting, "oldest_age_s": round(age, 1), "max_age_s": limit}


def _oldest_db_task() -> tuple[datetime | None, int]:
    """The moment the longest-waiting runnable task became due, and how many are due. A task scheduled for
    later is due from its run_after; one without a schedule (run_after = the far future) from enqueued_at."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    due = DBTaskResult.objects.ready().annotate(
        due=Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after"))
    )
    oldest = due.order_by("due").values_list("due", flat=True).first()
    return oldest, due.count() if oldest else 0


def _oldest_rq_job() -> tuple[datetime | None, int]:
    import django_rq  # only installed with the optional `redis` extra, which TASKS_BACKEND=rq requires

    queue = django_rq.get_queue("default")
    waiting = queue.count
    first = queue.get_job_ids(0, 1)
    job = queue.fetch_job(first[0]) if first else None
    enqueued = job.enqueued_at if job else None
    if enqueued is not None and timezone.is_naive(enqueued):
        enqueued = enqueued.replace(tzinfo=UTC)  # rq stores UTC without a zone in older versions
    return enqueued, waiting


def check_disk() -> dict[str, Any]:
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:  # before the first upload MEDIA_ROOT may not exist yet
        path = path.parent
    usage = shutil.disk_usage(path)
    free_mb = usage.free // (1024 * 1024)
    minimum = settings.JEMBATAN_HEALTH_DISK_MIN_FREE_MB
    return {
        "ok": free_mb >= minimum,
        "free_mb": free_mb,
        "free_percent": round(100 * usage.free / usage.total, 1),
        "min_free_mb": minimum,
    }


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": check_database,
    "cache": check_cache,
    "queue": check_queue,
    "disk": check_disk,
}


def _run(probe: Callable[[], dict[str, Any]]) -> Check:
    start = time.perf_counter()
    try:
        details = probe()
    except Exception as error:  # a health check reports a failure, it never raises one
        details = {"ok": False, "error": type(error).__name__}
    ms = round((time.perf_counter() - start) * 1000, 2)
    return Check(ok=bool(details.pop("ok")), ms=ms, details=details)


def report() -> Report:
    checks = {name: _run(probe) for name, probe in CHECKS.items()}
    if any(not checks[name].ok for name in CRITICAL):
        status: Status = "down"
    elif all(check.ok for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return Report(status=status, checks=checks, time=timezone.now())
