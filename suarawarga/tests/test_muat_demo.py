"""The demo content: clearly marked, shown on the public pages, and loaded once."""

import io

import pytest
from django.core.management import call_command

from suarawarga.models import Aspirasi, Jajak, Program, StatusAspirasi

pytestmark = pytest.mark.django_db


def test_demo_programs_aspirations_and_a_poll_are_marked_and_loaded_once(client):
    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_suarawarga", stdout=io.StringIO())
    call_command("muat_demo_suarawarga", stdout=io.StringIO())
    assert Program.objects.filter(demo=True, nama__startswith="[DEMO]").count() == 2
    assert sorted(Aspirasi.objects.filter(demo=True).values_list("status", flat=True)) == sorted(
        [StatusAspirasi.DITERUSKAN, StatusAspirasi.DIVERIFIKASI, StatusAspirasi.DITERIMA]
    )
    assert Jajak.objects.filter(demo=True).count() == 1
    assert client.get("/program/").content.decode().count('class="demo">DEMO') == 2
    assert "[DEMO] Jalan di RT 3" in client.get("/aspirasi/").content.decode()
