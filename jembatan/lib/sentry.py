"""Errors to Sentry (or a server speaking its protocol, such as GlitchTip) when SENTRY_DSN is set; off by default.

Nothing personal leaves the server: no user, address, cookies, request body or local variables
(`send_default_pii` off and the SDK's `data_collection` set to collect none of it; `tanpa_data_pribadi` removes
whatever an integration would still attach), and no query
string, since a search can hold anything (the request log keeps only parameter names, for the same reason).
An event keeps the path, the method, the traceback and the X-Request-ID that leads to the request's log lines.
"""

from __future__ import annotations

from typing import Any

# Request headers an event keeps; the rest (Cookie, Authorization, X-Real-IP, Referer …) are dropped.
HEADER_AMAN = frozenset({"accept", "accept-language", "content-type", "content-length", "host", "x-request-id"})


def tanpa_data_pribadi(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """`before_send`: the event without the parts of the request that can name or locate a person."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in HEADER_AMAN}
    return event


def start(dsn: str, environment: str) -> None:
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        # What integrations collect (this replaces send_default_pii, which stays off): nothing personal.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(HEADER_AMAN)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        traces_sample_rate=0.0,
        before_send=tanpa_data_pribadi,  # type: ignore[arg-type]
    )
