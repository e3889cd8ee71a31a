"""Diskominfo's page of every KIM: score, level, trend, last activity, and the dormant ones."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from akun.models import Audit
from jembatan.test import DESA_B, make_kim
from penilaian.models import PenilaianAksi, Perhitungan, SkorBulanan
from penilaian.skor import hitung_bulan
from penilaian.tasks import hitung_latar
from penilaian.tests.bantu import make_kegiatan
from penilaian.tests.test_skor import make_skema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        yield


def _isi(cast):
    make_skema()
    make_kegiatan(cast, tanggal=date(2026, 5, 4), jenis_slug="peliputan", judul="Liputan", mitra=[cast.kim_b])
    make_kegiatan(cast, tanggal=date(2026, 4, 4), jenis_slug="peliputan", judul="Liputan April")
    make_kegiatan(cast, kim=cast.kim_b, pelapor=cast.editor_lain, tanggal=date(2026, 3, 1))
    hitung_bulan(date(2026, 4, 1))
    hitung_bulan(date(2026, 5, 1))


def test_the_page_shows_score_level_trend_and_who_needs_support(client, cast):
    _isi(cast)
    client.force_login(cast.admin)
    html = client.get("/kelola/penilaian/?bulan=2026-05").content.decode()
    a, b = html.index("KIM Tungkap Bersinar"), html.index("KIM Pandulangan")
    assert a < b  # best first
    assert "2 KIM dinilai untuk Mei 2026." in html
    assert "<strong>1</strong> KIM tanpa kegiatan selama 60 hari: perlu pendampingan." in html
    assert "Perlu pendampingan" in html[b:] and "Perlu pendampingan" not in html[a:b]
    assert 'aria-label="–, –, –, –, 10, 30"' in html  # April and May of village A's KIM


def test_the_dormant_threshold_is_a_setting(client, cast, settings):
    _isi(cast)
    settings.JEMBATAN_KIM_TIDUR_HARI = 120
    client.force_login(cast.admin)
    html = client.get("/kelola/penilaian/?bulan=2026-05").content.decode()
    assert "<strong>0</strong> KIM tanpa kegiatan selama 120 hari" in html


def test_the_csv_holds_one_row_per_kim(client, cast):
    _isi(cast)
    client.force_login(cast.admin)
    response = client.get("/kelola/penilaian/unduh.csv?bulan=2026-05")
    baris = list(csv.reader(io.StringIO(response.content.decode())))
    assert baris[0][:6] == ["Kode wilayah", "KIM", "Kecamatan", "Bulan", "Skor", "Tingkat"]
    assert baris[1][:6] == [cast.kim_a.wilayah_id, "KIM Tungkap Bersinar", "Binuang", "2026-05", "30.0", "Tunas"]
    assert baris[2][0] == DESA_B and baris[2][-1] == "ya"


def test_the_xlsx_downloads(client, cast):
    _isi(cast)
    client.force_login(cast.admin)
    response = client.get("/kelola/penilaian/unduh.xlsx?bulan=2026-05")
    assert response.content[:2] == b"PK" and 'filename="skor-kim-2026-05.xlsx"' in response["Content-Disposition"]


def test_the_page_costs_the_same_queries_for_more_kim(client, cast):
    _isi(cast)
    client.force_login(cast.admin)

    def jumlah() -> int:
        with CaptureQueriesContext(connection) as q:
            assert client.get("/kelola/penilaian/?bulan=2026-05").status_code == 200
        return len(q)

    jumlah()  # the first request fills the caches every page reads
    sebelum = jumlah()
    for kode in ("63.05.01.2006", "63.05.01.2007", "63.05.01.2008"):
        make_kim(kode)
    hitung_bulan(date(2026, 5, 1))
    assert jumlah() == sebelum


def test_diskominfo_computes_a_month_by_a_background_task(client, cast, django_capture_on_commit_callbacks):
    make_skema()
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kelola/penilaian/hitung/", {"bulan": "2026-05"})
    assert response.status_code == 302 and response["Location"] == "/kelola/penilaian/?bulan=2026-05"
    assert SkorBulanan.objects.filter(bulan=date(2026, 5, 1)).count() == 2
    assert Audit.objects.filter(aksi=PenilaianAksi.HITUNG_SKOR, user=cast.admin).exists()
    html = client.get(response["Location"]).content.decode()
    assert "Skor Mei 2026 sedang dihitung." in html and "Terakhir dihitung" in html and ": 2 KIM." in html
    response = client.post("/kelola/penilaian/hitung/", {"bulan": "2026-08"}, follow=True)
    assert "belum berjalan" in response.content.decode()
    assert not Perhitungan.objects.filter(bulan=date(2026, 8, 1)).exists()


def test_the_task_shows_progress_and_a_retry_computes_nothing(cast):
    make_skema()
    p = Perhitungan.objects.create(bulan=date(2026, 5, 1), diminta_oleh=cast.admin)
    assert hitung_latar.call(p.pk) == "selesai"
    p.refresh_from_db()
    assert (p.status, p.selesai, p.total, p.persen) == ("selesai", 2, 2, 100)
    assert hitung_latar.call(p.pk) == "sudah"


def test_a_failed_computation_says_why(client, cast):
    p = Perhitungan.objects.create(bulan=date(2026, 9, 1), diminta_oleh=cast.admin)
    assert hitung_latar.call(p.pk) == "gagal"
    client.force_login(cast.admin)
    assert (
        "Perhitungan terakhir gagal: Bulan ini belum berjalan" in client.get("/kelola/penilaian/?bulan=2026-09").content.decode()
    )
