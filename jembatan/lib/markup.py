"""User text with light formatting: Markdown in, a whitelist of HTML out.

Writers use paragraphs, **bold**, *italic*, lists, quotes and links. Any HTML they type is not
trusted: the Markdown output passes through nh3 (the Ammonia sanitiser), which keeps only the
tags below and drops scripts, styles and event attributes whatever the input.
"""

from __future__ import annotations

import html

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAG = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a", "h3", "h4"}
ATRIBUT = {"a": {"href", "title"}}


def to_html(teks: str) -> SafeString:
    """Safe HTML for `teks` written in Markdown (links get rel="nofollow noopener ugc")."""
    html = markdown.markdown(teks or "", extensions=["sane_lists"], output_format="html")
    bersih = nh3.clean(
        html, tags=TAG, attributes=ATRIBUT, link_rel="nofollow noopener ugc", url_schemes={"http", "https", "mailto"}
    )
    return mark_safe(bersih)  # sanitised by nh3 just above


def to_text(teks: str) -> str:
    """Plain text of a Markdown text (for summaries, feeds and search)."""
    return html.unescape(nh3.clean(markdown.markdown(teks or ""), tags=set())).strip()
