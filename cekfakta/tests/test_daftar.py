"""The public list of verdicts: its search keeps the query exactly across pages."""

import re
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from cekfakta.tests.test_meja import putusan

pytestmark = pytest.mark.django_db


def test_next_page_link_searches_exactly_the_same_query(client):
    """GIVEN 25 verdicts matching a query with '&', '#' and '%' (more than one page of 20)
    WHEN a reader follows the next-page link
    THEN page 2 searches the same query and shows the remaining five."""
    q = "bansos & BLT #2 100%"
    for i in range(25):
        putusan(judul=f"Hoaks {q} nomor {i:02d}")
    putusan(judul="Hoaks bansos lain")  # matches "bansos" alone, not the whole query
    html = client.get("/cek-fakta/", {"q": q}).content.decode()
    href = unescape(re.search(r'href="([^"]*halaman=2[^"]*)"', html).group(1))
    assert parse_qs(urlsplit(href).query)["q"] == [q]
    page2 = client.get(urljoin("/cek-fakta/", href)).content.decode()
    assert page2.count("Hoaks bansos &amp; BLT #2 100% nomor") == 5 and "Hoaks bansos lain" not in page2
