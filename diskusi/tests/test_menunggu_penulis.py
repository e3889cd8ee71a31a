"""A commenter whose comment waits for moderation still sees it, marked as waiting, when they come back to the
article; nobody else does, and the article's cached copy never holds it."""

import pytest
from django.test import Client

from diskusi.models import Komentar, Status
from diskusi.tests.conftest import kirim

pytestmark = pytest.mark.django_db


@pytest.fixture
def berita(cast):
    from django.utils import timezone

    from warta.models import Berita

    return Berita.objects.create(
        judul="Jadwal posyandu",
        isi="Selasa pukul 08.00.",
        wilayah_id=cast.kim_a.wilayah_id,
        penulis=cast.admin,
        status="terbit",
        terbit_pada=timezone.now(),
    )


def test_the_author_sees_their_held_comment_when_they_come_back_to_the_article(client, berita):
    """GIVEN a first comment, held for moderation
    WHEN its author opens the article again later
    THEN they see it with "menunggu moderasi", and the page is not cacheable; a stranger sees neither."""
    kirim(client, berita, nama="Siti", isi="Apakah posyandu buka hari libur?")
    assert Komentar.objects.get().status == Status.MENUNGGU
    client.get(berita.get_absolute_url())  # whatever the cache held before
    page = client.get(berita.get_absolute_url())
    html = page.content.decode()
    assert "Apakah posyandu buka hari libur?" in html and "menunggu moderasi" in html
    assert "private" in page["Cache-Control"]
    stranger = Client().get(berita.get_absolute_url()).content.decode()
    assert "Apakah posyandu buka hari libur?" not in stranger and "menunggu moderasi" not in stranger


def test_a_forged_cookie_shows_nothing(client, berita):
    kirim(Client(), berita, nama="Budi", isi="Komentar orang lain yang ditahan")
    held = Komentar.objects.get()
    client.cookies["komentar_menunggu"] = str(held.pk)  # unsigned: not theirs
    assert "Komentar orang lain yang ditahan" not in client.get(berita.get_absolute_url()).content.decode()
