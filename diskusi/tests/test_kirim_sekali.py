"""A comment delivered twice (a queued offline comment sent again, a resubmitted page) is stored once."""

import pytest

from akun.sekali import FIELD
from diskusi.models import Komentar
from diskusi.tests.conftest import kirim

pytestmark = pytest.mark.django_db


def test_a_second_delivery_with_the_same_key_stores_nothing_and_answers_the_same(client, putusan):
    pertama = kirim(client, putusan, isi="Saya juga menerima pesan itu kemarin.", **{FIELD: "b" * 32})
    kedua = kirim(client, putusan, isi="Saya juga menerima pesan itu kemarin.", **{FIELD: "b" * 32})
    assert Komentar.objects.count() == 1
    assert pertama.status_code == 302 and kedua.status_code == 303 and kedua["Location"] == pertama["Location"]


def test_two_visitors_of_one_cached_page_share_its_key_but_not_their_comments(client, putusan):
    """GIVEN the article page from the anonymous page cache: one key for every visitor
    WHEN two visitors comment with it
    THEN both comments are stored."""
    kirim(client, putusan, nama="Siti", isi="Terima kasih infonya.", **{FIELD: "c" * 32})
    kirim(client, putusan, nama="Rahmat", isi="Sudah saya teruskan.", ip="10.0.0.9", **{FIELD: "c" * 32})
    assert Komentar.objects.count() == 2


def test_the_page_shows_the_key_in_the_comment_form(client, putusan):
    assert f'name="{FIELD}"' in client.get(putusan.get_absolute_url()).content.decode()
