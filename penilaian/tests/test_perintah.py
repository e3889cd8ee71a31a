"""The commands: computing a month's scores with progress, and the demo content."""

import io
from datetime import date

import pytest
import time_machine
from django.core.management import CommandError, call_command

from penilaian.models import Kegiatan, SkorBulanan
from penilaian.tests.bantu import make_kegiatan

pytestmark = pytest.mark.django_db


def test_hitung_skor_computes_last_month_by_default_and_shows_progress(cast):
    make_kegiatan(cast, tanggal=date(2026, 5, 4))
    out, err = io.StringIO(), io.StringIO()
    with time_machine.travel("2026-06-01 02:00 +08:00", tick=False):
        call_command("hitung_skor", stdout=out, stderr=err)
    assert "Skor 2 KIM untuk 2026-05 dihitung." in out.getvalue()
    assert "100% (2/2)" in err.getvalue()
    assert set(SkorBulanan.objects.values_list("bulan", flat=True)) == {date(2026, 5, 1)}


def test_hitung_skor_refuses_a_month_not_yet_begun(cast):
    with time_machine.travel("2026-06-01 02:00 +08:00", tick=False), pytest.raises(CommandError, match="belum berjalan"):
        call_command("hitung_skor", "--bulan", "2026-07", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="Bulan tidak dikenal"):
        call_command("hitung_skor", "--bulan", "Mei", stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_reports_are_marked_and_loaded_once(client):
    call_command("muat_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("muat_demo_penilaian", stdout=out)
    assert "skor dua bulan terakhir dihitung" in out.getvalue()
    assert Kegiatan.objects.exists() and all(g.demo and g.judul.startswith("[DEMO]") for g in Kegiatan.objects.all())
    assert SkorBulanan.objects.exists()
    again = io.StringIO()
    call_command("muat_demo_penilaian", stdout=again)
    assert "dilewati" in again.getvalue()
