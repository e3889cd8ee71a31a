"""Issue 3, the anchor: WordPress, nginx serving the same page as a file, and our article, side by side.

Reads the output of `../shared/bench/anchors/wordpress.sh measure` (lines `anchor=wordpress ...`,
`anchor=static ...`, `weight anchor=...`) and this run's results (the article's `beban` and `berat`
lines), and prints one `anker` line for each of the three plus a `ratio` line (our requests/s over
WordPress's; the issue asks ≥ 50×). WordPress and nginx are measured at 16 connections (their script's
set-up), ours at 32; the CPU per view comes from each one's single-connection run. With the `tingkat`
lines of bench/tingkat.sh (issue 8) it also prints the page cache's tiers against them (`tiers`).
Usage: python bench/anker.py WORDPRESS_OUTPUT RESULTS ARTICLE_PATH   (standard library only)
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

TARGET_RATIO = 50
# Issue 8 (bench/tingkat.sh): the Django tier against WordPress, the nginx tier against nginx's static file.
TARGET_DJANGO_VS_WORDPRESS = 100
TARGET_DJANGO_CPU_MS = 0.5
TARGET_NGINX_VS_STATIC = 0.5
TARGET_NGINX_CPU_MS = 0.15


def pairs(raw: str) -> tuple[str, dict[str, str]]:
    words = shlex.split(raw)
    section = "" if "=" in words[0] else words.pop(0)
    return section, dict(w.split("=", 1) for w in words if "=" in w)


def main(wordpress_out: str, results: str, article: str) -> None:
    runs: dict[tuple[str, str], dict[str, str]] = {}
    weight: dict[str, dict[str, str]] = {}
    for raw in Path(wordpress_out).read_text(encoding="utf-8").splitlines():
        if "anchor=" not in raw:
            continue
        section, f = pairs(raw)
        if section == "weight":
            weight[f["anchor"]] = f
        elif not section and "conns" in f:
            runs[(f["anchor"], f["conns"])] = f
    ours: dict[str, dict[str, str]] = {}
    for raw in Path(results).read_text(encoding="utf-8").splitlines() if article else []:
        if f" page={article} " not in raw + " " or "cache=off" in raw:
            continue
        section, f = pairs(raw)
        if section == "beban":
            ours.setdefault(f"c{f['conns']}", f)  # the first server set-up
        elif section == "berat":
            ours["berat"] = f
    rps = {}
    for anchor, what in (
        ("wordpress", "WordPress 6.1 article (Debian, php-fpm, MariaDB)"),
        ("static", "nginx, the same page as a file"),
    ):
        load, single, w = runs.get((anchor, "16"), {}), runs.get((anchor, "1"), {}), weight.get(anchor, {})
        if not load:
            print(f'anker anchor={anchor} error="no conns=16 line in {wordpress_out}"')
            continue
        rps[anchor] = float(load["rps"])
        page_gz = int(w.get("html_gzip6_bytes", 0)) + int(w.get("same_site_assets_gzip6_bytes", 0))
        print(
            f'anker anchor={anchor} what="{what}" conns=16 rps={load["rps"]} p50_ms={load["p50_ms"]} p99_ms={load["p99_ms"]} '
            f"server_cpu_ms_per_view={single.get('server_cpu_ms_per_req', '?')} page_gz6_bytes={page_gz} "
            f"browser_requests={w.get('browser_requests_excl_fonts', '?')}"
        )
    if "c32" in ours:
        load, single, berat = ours["c32"], ours.get("c1", {}), ours.get("berat", {})
        print(
            f'anker anchor=jembatan what="our article (gunicorn {load.get("server")}, page cache in Redis)" conns=32 '
            f"rps={load['rps']} p50_ms={load['p50_ms']} p99_ms={load['p99_ms']} "
            f"server_cpu_ms_per_view={single.get('server_cpu_ms_per_req', '?')} page_gz9_bytes={berat.get('total_gz9', '?')} "
            f"browser_requests={berat.get('requests_html_css_js', '?')}+{berat.get('img_tags', '?')}img"
        )
        if rps.get("wordpress"):
            ratio = float(load["rps"]) / rps["wordpress"]
            print(
                f'anker anchor=ratio what="our article requests/s over WordPress\'s" rps_vs_wordpress={ratio:.0f} '
                f"rps_vs_static={float(load['rps']) / rps.get('static', float('inf')):.2f} "
                f"target_min_rps_vs_wordpress={TARGET_RATIO} ok={'yes' if ratio >= TARGET_RATIO else 'NO'}"
            )
    tiers(runs, results)


def tiers(runs: dict[tuple[str, str], dict[str, str]], results: str) -> None:
    """Ratios of bench/tingkat.sh's `tingkat` lines: the Django tier over WordPress at 16 and 64
    connections, the nginx tier over nginx's static file, and each tier's CPU per view (1 connection)."""
    ours: dict[tuple[str, str], dict[str, str]] = {}
    for raw in Path(results).read_text(encoding="utf-8").splitlines():
        if raw.startswith("tingkat "):
            _, f = pairs(raw)
            ours[(f["tier"], f["conns"])] = f
    if not ours:
        return
    for conns in ("16", "64"):
        django, nginx, static = (ours.get((t, conns), {}) for t in ("django", "nginx", "static"))
        wordpress = runs.get(("wordpress", conns), {})
        if django and wordpress:
            ratio = float(django["rps"]) / float(wordpress["rps"])
            ok = "yes" if ratio >= TARGET_DJANGO_VS_WORDPRESS else "NO"
            print(
                f'anker anchor=tingkat what="Django tier requests/s over WordPress\'s" conns={conns} '
                f"rps={django['rps']} wordpress_rps={wordpress['rps']} rps_vs_wordpress={ratio:.0f} "
                f"target_min_rps_vs_wordpress={TARGET_DJANGO_VS_WORDPRESS} ok={ok} loadavg={django.get('loadavg')}"
            )
        if nginx and static:
            ratio = float(nginx["rps"]) / float(static["rps"])
            anchor_static = runs.get(("static", conns), {}).get("rps", "?")
            print(
                f'anker anchor=tingkat what="nginx tier requests/s over nginx\'s static file, same bytes" conns={conns} '
                f"rps={nginx['rps']} static_rps={static['rps']} anchor_static_rps={anchor_static} rps_vs_static={ratio:.2f} "
                f"target_min_rps_vs_static={TARGET_NGINX_VS_STATIC} ok={'yes' if ratio >= TARGET_NGINX_VS_STATIC else 'NO'} "
                f"loadavg={nginx.get('loadavg')}"
            )
    for tier, limit in (("django", TARGET_DJANGO_CPU_MS), ("nginx", TARGET_NGINX_CPU_MS), ("static", None)):
        single = ours.get((tier, "1"))
        if not single:
            continue
        cpu = float(single["server_cpu_ms_per_req"])
        verdict = f" target_server_cpu_ms_per_view={limit} ok={'yes' if cpu <= limit else 'NO'}" if limit else ""
        print(
            f'anker anchor=tingkat what="server CPU per view, one connection" tier={tier} '
            f"server_cpu_ms_per_view={cpu:.3f}{verdict} loadavg={single.get('loadavg')}"
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
