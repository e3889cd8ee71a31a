"""Demo requests: marked, at different points of the clock, loaded once."""

import io

import pytest
from django.core.management import call_command

from ppid.models import Keberatan, Permohonan, Status

pytestmark = pytest.mark.django_db


def test_demo_requests_are_marked_spread_over_the_clock_and_loaded_once(client):
    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_ppid", stdout=io.StringIO())
    qs = Permohonan.objects.all()
    assert qs.count() == 6 and all(p.demo and "DEMO" in p.nama and p.rincian.startswith("[DEMO]") for p in qs)
    assert qs.filter(status=Status.SELESAI).count() == 2 and qs.filter(perpanjangan_hari=5).count() == 1
    assert qs.terlambat().count() == 1 and Keberatan.objects.count() == 1
    again = io.StringIO()
    call_command("muat_demo_ppid", stdout=again)
    assert "dilewati" in again.getvalue() and Permohonan.objects.count() == 6


def test_the_demo_village_and_the_regency_have_a_maklumat_pelayanan_on_their_pages(client, settings):
    from ppid.models_maklumat import Maklumat

    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_ppid", stdout=io.StringIO())
    assert Maklumat.objects.count() == 2
    for m in Maklumat.objects.all():
        assert "DEMO" in m.penandatangan
        assert client.get(f"/ppid/{m.wilayah_id}/maklumat/").status_code == 200
