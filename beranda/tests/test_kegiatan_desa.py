"""The village page shows its KIM's recent activities, and its level once Diskominfo publishes levels."""

from datetime import date

import pytest
import time_machine

from jembatan.test import DESA_A
from penilaian.models import Pengaturan, Skema, SkorBulanan
from penilaian.tests.bantu import make_kegiatan

pytestmark = pytest.mark.django_db


def test_recent_activities_without_attendance_names(client, cast):
    make_kegiatan(cast, judul="Kelas literasi digital", daftar_hadir="Siti Rahmah", jumlah_peserta=24)
    html = client.get(f"/wilayah/{DESA_A}/").content.decode()
    assert "Kegiatan terbaru KIM" in html and "Kelas literasi digital" in html and "24 peserta" in html
    assert "Siti Rahmah" not in html


def test_a_new_activity_shows_at_once_on_the_cached_page(client, cast):
    client.get(f"/wilayah/{DESA_A}/")
    make_kegiatan(cast, judul="Rapat bulanan pengurus")
    assert "Rapat bulanan pengurus" in client.get(f"/wilayah/{DESA_A}/").content.decode()


def test_the_level_shows_only_when_published(client, cast):
    skema = Skema.objects.get(nama="Skema awal")
    SkorBulanan.objects.create(kim=cast.kim_a, bulan=date(2026, 5, 1), skema=skema, total=72.4, tingkat="Utama")
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        assert "Tingkat KIM" not in client.get(f"/wilayah/{DESA_A}/").content.decode()
        Pengaturan.objects.update_or_create(pk=1, defaults={"terbitkan_tingkat": True})
        html = client.get(f"/wilayah/{DESA_A}/").content.decode()
    assert "Tingkat KIM: <strong>Utama</strong> (skor 72, Mei 2026)" in html
