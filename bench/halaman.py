"""Render each benchmarked page in-process without the page cache: queries and milliseconds.

The HTTP figures (bench/beban.sh) say how fast; these say where an uncached page's time goes.
With BENCH_PROFILE=1 the top functions of a cProfile run of each page go to stderr.
Usage: python bench/halaman.py PATH...   Prints `render` lines.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys

from umum import line, repeat_ms, setup_django

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def main(paths: list[str]) -> None:
    setup_django()
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0):
        for path in paths:
            client.get(path)  # compiles the templates, opens the connection
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"bench: {path} answered {response.status_code}")
            # Read now: every request (the timed ones below too) empties Django's query log.
            count = len(queries)
            sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            median_ms, max_ms = repeat_ms(lambda p=path: client.get(p), RUNS)
            line(
                "render",
                page=path,
                what="in-process render, page cache off (Django test client)",
                queries=count,
                sql_ms=round(sql_ms, 1),
                median_ms=round(median_ms, 1),
                max_ms=round(max_ms, 1),
                html_bytes=len(response.content),
            )
            if os.environ.get("BENCH_PROFILE") == "1":
                profile = cProfile.Profile()
                profile.runcall(client.get, path)
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
                print(f"--- profile {path}\n{out.getvalue()}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
