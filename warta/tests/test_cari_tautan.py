"""The search results' page links carry the query exactly, whatever characters it holds."""

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from jembatan.test import DESA_A
from warta.models import Berita

pytestmark = pytest.mark.django_db

QUERY = "sehat & bugar #1 100%"


def _terbit(cast, judul: str, menit: int) -> Berita:
    return Berita.objects.create(
        judul=judul,
        slug="senam",
        isi="Senam pagi di lapangan desa.",
        kategori="kesehatan",
        wilayah_id=DESA_A,
        penulis=cast.admin,
        status="terbit",
        terbit_pada=timezone.now() - timedelta(minutes=menit),
    )


def _judul(response) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html.unescape(response.content.decode()))


def test_next_page_link_of_a_search_searches_exactly_the_same_query(client, cast):
    cocok = {_terbit(cast, f"Senam sehat & bugar #1 100% ke-{huruf}", i).judul for i, huruf in enumerate("abcdefghijklmnopqrst")}
    for i in range(10):  # what a search for just "sehat" would add
        _terbit(cast, f"Pasar sehat {i}", 30 + i)

    halaman_1 = client.get("/warta/", {"q": QUERY})
    assert "20 warta ditemukan" in halaman_1.content.decode()
    [href] = re.findall(r'<a href="([^"]+)" rel="next">', halaman_1.content.decode())
    tautan = urlsplit(html.unescape(href))
    assert parse_qs(tautan.query) == {"q": [QUERY], "halaman": ["2"]} and not tautan.fragment

    halaman_2 = client.get(f"/warta/?{tautan.query}")

    assert "20 warta ditemukan" in halaman_2.content.decode()
    assert len(_judul(halaman_1)) == 15 and len(_judul(halaman_2)) == 5
    assert set(_judul(halaman_1)) | set(_judul(halaman_2)) == cocok
