"""An item nobody has confirmed for a year is marked "perlu diperbarui"; a month later it leaves the public
catalogue until its editors confirm it again."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from potensi.models import MASA_TENGGANG, UMUR_KONFIRMASI, Potensi, Status
from potensi.tests.bantu import make_potensi

pytestmark = pytest.mark.django_db


def _terbit(cast, umur: timedelta, nama: str) -> Potensi:
    waktu = timezone.now() - umur
    return make_potensi(cast, status=Status.TERBIT, nama=nama, terbit_pada=waktu, dikonfirmasi_pada=waktu)


def test_items_age_from_current_to_marked_to_hidden(client, cast):
    """GIVEN items confirmed recently, 13 months ago minus a day, and more than 13 months ago
    WHEN anyone opens the catalogue and the items
    THEN the first shows plainly, the second with the "perlu diperbarui" warning, the third not at all."""
    baru = _terbit(cast, timedelta(days=30), "Gula aren baru")
    tua = _terbit(cast, UMUR_KONFIRMASI + MASA_TENGGANG - timedelta(days=1), "Madu kelulut lama")
    usang = _terbit(cast, UMUR_KONFIRMASI + MASA_TENGGANG + timedelta(days=1), "Anyaman purun usang")
    katalog = client.get("/potensi/").content.decode()
    assert baru.nama in katalog and tua.nama in katalog and usang.nama not in katalog
    assert "Perlu diperbarui" not in client.get(baru.get_absolute_url()).content.decode()
    assert "Perlu diperbarui" in client.get(tua.get_absolute_url()).content.decode()
    assert client.get(usang.get_absolute_url()).status_code == 404
    assert set(Potensi.objects.perlu_diperbarui()) == {tua, usang}


def test_confirming_an_item_brings_it_back(client, cast):
    usang = _terbit(cast, UMUR_KONFIRMASI + MASA_TENGGANG + timedelta(days=1), "Anyaman purun usang")
    usang.konfirmasi(oleh=cast.editor, versi=usang.versi)
    cache.clear()
    assert usang.nama in client.get("/potensi/").content.decode()
    assert "Perlu diperbarui" not in client.get(usang.get_absolute_url()).content.decode()
