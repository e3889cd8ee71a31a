"""One log line per request, each with a request id that every other line of that request carries too.

The middleware takes the id from an incoming X-Request-ID (a proxy's, when it is a short safe token) or
makes one, sends it back in X-Request-ID, and logs to `jembatan.request`: method, path, the names of the
query parameters (never their values: a search can hold anything), status, duration, user id and a keyed
hash of the client address that changes every day (enough to follow one client through a day, useless to
find it). Never cookies, headers or bodies. `RequestIdFilter` puts the id on every record, Django's own
`django.request` errors included; `JsonFormatter` writes each record as one JSON line (LOG_FORMAT=json).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.crypto import salted_hmac

from jembatan.lib.ratelimit import client_address

logger = logging.getLogger("jembatan.request")

HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Set when a request starts and left set when it ends: Django logs a 4xx/5xx answer (django.request) after
# the last middleware has returned, and that line must carry the id too. Each request sets its own.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def request_id_for(request: HttpRequest) -> str:
    return request_id_from(request.META.get("HTTP_X_REQUEST_ID", ""))


def request_id_from(incoming: str) -> str:
    """The proxy's X-Request-ID when it is a short safe token, else a new id."""
    return incoming if _SAFE_ID.fullmatch(incoming) else secrets.token_hex(16)


def client_hash(request: HttpRequest) -> str:
    return client_hash_of(client_address(request))


def client_hash_of(address: str) -> str:
    return _client_hash(timezone.now().date().isoformat(), settings.SECRET_KEY, address)


@functools.lru_cache(maxsize=1024)
def _client_hash(day: str, secret: str, address: str) -> str:
    # Remembered for the addresses seen lately: the same client asks again and again.
    return salted_hmac(f"jembatan.requestlog.{day}", address, secret=secret).hexdigest()[:16]


def log_request(
    *, request_id: str, method: str, path: str, query: Iterable[str], status: int, start: float, user_id: int | None, address: str
) -> None:
    """The one line for a request (RequestLogMiddleware's, and the page cache's WSGI path's)."""
    if not logger.isEnabledFor(logging.INFO):
        return
    fields = {
        "request_id": request_id,
        "method": method,
        "path": path,
        "query_params": sorted(set(query)),
        "status": status,
        "duration_ms": round((time.perf_counter() - start) * 1000, 2),
        "user_id": user_id,
        "client": client_hash_of(address),
    }
    handler = _json_handler_alone()
    if handler is None:
        logger.info("%s %s %s", method, path, status, extra={"fields": fields})
        return
    # What the logging machinery would write through that one handler, without building a record.
    entry = {
        "time": datetime.fromtimestamp(time.time(), UTC).isoformat(timespec="milliseconds"),
        "level": "INFO",
        "logger": logger.name,
        "message": f"{method} {path} {status}",
        "request_id": request_id,
        **fields,
    }
    line = json.dumps(entry, ensure_ascii=False, default=str) + handler.terminator
    handler.acquire()
    try:
        handler.stream.write(line)
        handler.flush()
    except RecursionError:
        raise
    except Exception:
        handler.handleError(logger.makeRecord(logger.name, logging.INFO, "", 0, line, (), None))
    finally:
        handler.release()


def _json_handler_alone() -> logging.StreamHandler | None:  # type: ignore[type-arg]
    """The handler an INFO line of `jembatan.request` goes to when it is the only one and writes JSON
    lines as configured (LOG_FORMAT=json) with nothing else in the way; None when anything else would
    see the record (another handler, a filter, a patched Logger such as an error tracker's)."""
    if logger.filters or type(logger) is not logging.Logger or not _logging_unpatched():
        return None
    found: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        found.extend(current.handlers)
        if not current.propagate:
            break
        current = current.parent
    if len(found) != 1:
        return None
    handler = found[0]
    if (
        type(handler) is not logging.StreamHandler
        or type(handler.formatter) is not JsonFormatter
        or handler.level > logging.INFO
        or any(type(f) is not RequestIdFilter for f in handler.filters)
    ):
        return None
    return handler


# Logger's methods a library may wrap (error trackers collect records as breadcrumbs that way).
METODE_LOGGER = ("handle", "callHandlers", "makeRecord", "_log")


def _logging_unpatched() -> bool:
    # A library that wraps Logger's methods must see the line: then it goes through them.
    return all(getattr(getattr(logging.Logger, nama), "__module__", None) == "logging" for nama in METODE_LOGGER)


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        start = time.perf_counter()
        request_id = request_id_for(request)
        current_request_id.set(request_id)
        response = self.get_response(request)
        response.headers[HEADER] = request_id
        if logger.isEnabledFor(logging.INFO):
            log_request(
                request_id=request_id,
                method=str(request.method),
                path=request.path,
                query=request.GET,
                status=response.status_code,
                start=start,
                user_id=_user_id(request),
                address=client_address(request),
            )
        return response


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)  # absent when a middleware before authentication answered
    if user is None or not user.is_authenticated:
        return None
    return int(user.pk)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (None outside a request) to every record a handler with this filter writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, the record's `fields`
    (passed as extra={"fields": {...}}) and the traceback, if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
