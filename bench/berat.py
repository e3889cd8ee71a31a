"""Page weight: each page's HTML plus its stylesheet, gzip -9, and the regency map's inline SVG.

Also the requests a browser makes for the page's own HTML, CSS and JS (the HTML, each stylesheet,
script and preload it links; `data:` URLs cost none), and its `<img>` tags (lazy ones apart). The web app
manifest and icons a page links are not HTML, CSS or JS: they are counted on their own (`other_requests`,
`other_gz9`), fetched once and kept by the browser, never blocking the page.
The news article (env BENCH_ARTICLE) has the tighter issue-3 limits: ≤ 20 KB in ≤ 3 requests.
Usage: python bench/berat.py BASE_URL PATH...   Prints `berat` lines. Standard library only.
Limits are in bytes with 1 KB = 1000 bytes.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import urllib.request
from urllib.parse import urljoin

TARGET_PAGE = 30_000  # HTML + CSS, gzip -9
TARGET_SVG = 60_000  # the regency map alone, gzip -9
TARGET_ARTICLE = 20_000  # the news article's HTML + CSS (+ JS), gzip -9
TARGET_ARTICLE_REQUESTS = 3  # HTML + CSS + JS requests of the article


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a loopback URL we built)
        if response.status != 200:
            raise SystemExit(f"bench: {url} answered {response.status}")
        return response.read()


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def own_assets(html: bytes) -> tuple[list[str], list[str], list[str]]:
    """The stylesheets, the scripts (and preloads), and the other files (manifest, icons) the page makes the
    browser fetch."""
    css, js, other = [], [], []
    for tag in re.findall(rb"<link\b[^>]*>", html):
        href = re.search(rb'href="([^"]+)"', tag)
        rel = re.search(rb'rel="([^"]+)"', tag)
        if not href or not rel or href.group(1).startswith(b"data:"):
            continue
        if rel.group(1) == b"stylesheet":
            css.append(href.group(1).decode())
        elif rel.group(1) in (b"preload", b"modulepreload"):
            js.append(href.group(1).decode())
        elif rel.group(1) in (b"icon", b"manifest"):
            other.append(href.group(1).decode())
    js += [src.decode() for src in re.findall(rb'<script\b[^>]*\ssrc="([^"]+)"', html)]
    return css, js, other


def main(base: str, paths: list[str]) -> None:
    article = os.environ.get("BENCH_ARTICLE", "")
    cache: dict[str, bytes] = {}
    for path in paths:
        html = fetch(urljoin(base, path))
        css_urls, js_urls, other_urls = own_assets(html)
        for href in css_urls + js_urls + other_urls:
            if urljoin(base, href) not in cache:
                cache[urljoin(base, href)] = fetch(urljoin(base, href))
        css = b"".join(cache[urljoin(base, h)] for h in css_urls)
        js = b"".join(cache[urljoin(base, h)] for h in js_urls)
        total = gz(html) + gz(css) + (gz(js) if js else 0)
        requests = 1 + len(css_urls) + len(js_urls)
        imgs = re.findall(rb"<img\b[^>]*>", html)
        limit = TARGET_ARTICLE if path == article else TARGET_PAGE
        figures: dict[str, int | str] = {
            "html_bytes": len(html),
            "html_gz9": gz(html),
            "css_bytes": len(css),
            "css_gz9": gz(css),
            "js_bytes": len(js),
            "total_gz9": total,
            "requests_html_css_js": requests,
            "other_requests": len(other_urls),
            "other_gz9": sum(gz(cache[urljoin(base, h)]) for h in other_urls),
            "img_tags": len(imgs),
            "img_lazy": sum(b'loading="lazy"' in tag for tag in imgs),
            "target_total_gz9": limit,
        }
        ok = total <= limit
        if path == article:
            figures["target_requests_html_css_js"] = TARGET_ARTICLE_REQUESTS
            ok = ok and requests <= TARGET_ARTICLE_REQUESTS
        figures["ok"] = "yes" if ok else "NO"
        print(
            "berat page="
            + path
            + ' what="page HTML + stylesheet (+ scripts), gzip -9" '
            + " ".join(f"{k}={v}" for k, v in figures.items())
        )
        svg = re.search(rb'<svg class="peta".*?</svg>', html, re.DOTALL)
        if svg and path == "/":
            svg_ok = "yes" if gz(svg.group()) <= TARGET_SVG else "NO"
            print(
                f'berat page={path} what="inline SVG map, gzip -9" svg_bytes={len(svg.group())} '
                f"svg_gz9={gz(svg.group())} target_svg_gz9={TARGET_SVG} ok={svg_ok}"
            )
        elif svg:
            print(
                f'berat page={path} what="inline SVG map, gzip -9 (no target)" svg_bytes={len(svg.group())} svg_gz9={gz(svg.group())}'
            )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
