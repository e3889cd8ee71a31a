"""Issue 8, Django tier: server CPU per cached anonymous page, in-process, with and without the WSGI path.

Stores one public page (60 KB of HTML with the headers a real one carries) in the page cache, then calls
Django's WSGI application (PageCacheMiddleware answers the hit under Security, RequestLog and Compression)
and `jembatan.wsgi.application` (serve_cached_first answers it before Django) with the same prepared
environ, BENCH_CALLS times each, and prints the process CPU per call. Use REDIS_URL for the real round trip;
the request log goes to stderr as configured (send it to /dev/null).
Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 REDIS_URL=redis://127.0.0.1:6379/14 python bench/halaman_wsgi.py 2>/dev/null
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterable

from umum import line, setup_django

CALLS = int(os.environ.get("BENCH_CALLS", "20000"))
PATH = "/bench-halaman-wsgi/"


def main() -> None:
    setup_django()
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import HttpResponse

    from jembatan.lib import pagecache
    from jembatan.wsgi import application

    response = HttpResponse(("<p>Kabar desa " + "x" * 80 + "</p>\n") * 600)
    response["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; script-src 'self'"
    response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response["X-Frame-Options"] = "DENY"
    response["Content-Language"] = "id"
    response["Vary"] = "Cookie"
    response["Cache-Control"] = "max-age=0, must-revalidate, public"
    entries = pagecache._entries(pagecache.generation(), response)
    key = pagecache.page_key("id", PATH)
    cache.set_many({f"{key}:{e}": entry for e, entry in entries.items()}, 3600)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": PATH,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "HTTP_COOKIE": "csrftoken=abcdefabcdefabcdefabcdefabcdefab; _pk=1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
    }

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        if not status.startswith("200"):
            raise SystemExit(f"bench: answered {status}")

    apps: list[tuple[str, Callable[..., Iterable[bytes]]]] = [("django", WSGIHandler()), ("wsgi", application)]
    for name, app in apps:
        for _ in range(200):  # warm-up: the kept client, the caches of compiled patterns
            b"".join(app(dict(environ), start_response))
        cpu = time.process_time()
        wall = time.perf_counter()
        for _ in range(CALLS):
            body = app(dict(environ), start_response)
            b"".join(body)
            close = getattr(body, "close", None)
            if close:
                close()
        cpu_ms = (time.process_time() - cpu) * 1000 / CALLS
        wall_ms = (time.perf_counter() - wall) * 1000 / CALLS
        line("halaman_wsgi", path=name, calls=CALLS, cpu_ms_per_hit=round(cpu_ms, 3), wall_ms_per_hit=round(wall_ms, 3))


if __name__ == "__main__":
    main()
