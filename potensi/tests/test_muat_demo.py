"""The demo content: clearly marked, published where a visitor looks for it, and loaded once."""

import io

import pytest
from django.core.management import call_command

from potensi.models import Potensi

pytestmark = pytest.mark.django_db


def test_demo_items_are_marked_published_on_their_village_page_and_loaded_once(client):
    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_potensi", stdout=io.StringIO())
    call_command("muat_demo_potensi", stdout=io.StringIO())
    items = list(Potensi.objects.publik())
    assert len(items) == 5 and all(p.demo and p.nama.endswith("(DEMO)") for p in items)
    # Verified by the item's own KIM where its pengurus has a DEMO account.
    assert any(p.pemverifikasi == p.kim.nama for p in items)
    katalog = client.get("/potensi/").content.decode()
    assert all(p.nama in katalog for p in items)
    madu = Potensi.objects.get(nama="Madu kelulut (DEMO)")
    assert madu.teks_bulan == "Maret–Agustus"
    assert madu.nama in client.get(f"/wilayah/{madu.wilayah_id}/").content.decode()
