"""Page weight: each page's HTML plus its stylesheet, gzip -9, and the regency map's inline SVG.

Usage: python bench/berat.py BASE_URL PATH...   Prints `berat` lines. Standard library only.
Limits are in bytes with 1 KB = 1000 bytes.
"""

from __future__ import annotations

import gzip
import re
import sys
import urllib.request
from urllib.parse import urljoin

TARGET_PAGE = 30_000  # HTML + CSS, gzip -9
TARGET_SVG = 60_000  # the regency map alone, gzip -9


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a loopback URL we built)
        if response.status != 200:
            raise SystemExit(f"bench: {url} answered {response.status}")
        return response.read()


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main(base: str, paths: list[str]) -> None:
    css_cache: dict[str, bytes] = {}
    for path in paths:
        html = fetch(urljoin(base, path))
        css = b""
        for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
            url = urljoin(base, href.decode())
            css += css_cache.setdefault(url, fetch(url))
        total = gz(html) + gz(css)
        figures = {
            "html_bytes": len(html),
            "html_gz9": gz(html),
            "css_bytes": len(css),
            "css_gz9": gz(css),
            "total_gz9": total,
            "target_total_gz9": TARGET_PAGE,
            "ok": "yes" if total <= TARGET_PAGE else "NO",
        }
        print(
            "berat page=" + path + ' what="page HTML + stylesheet, gzip -9" ' + " ".join(f"{k}={v}" for k, v in figures.items())
        )
        svg = re.search(rb'<svg class="peta".*?</svg>', html, re.DOTALL)
        if svg and path == "/":
            ok = "yes" if gz(svg.group()) <= TARGET_SVG else "NO"
            print(
                f'berat page={path} what="inline SVG map, gzip -9" svg_bytes={len(svg.group())} '
                f"svg_gz9={gz(svg.group())} target_svg_gz9={TARGET_SVG} ok={ok}"
            )
        elif svg:
            print(
                f'berat page={path} what="inline SVG map, gzip -9 (no target)" svg_bytes={len(svg.group())} svg_gz9={gz(svg.group())}'
            )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
