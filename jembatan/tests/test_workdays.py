"""Working days: the clock every legal deadline is counted on."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from jembatan.lib.workdays import Calendar, national_holidays

D = dt.date
SHARED_HOLIDAYS = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "holidays" / "indonesia_libur_cutibersama_2024_2027.csv"
)


def test_ten_working_days_skip_weekends_and_the_eid_holidays():
    kal = Calendar()
    # Nyepi (18–19 March 2026), Idul Fitri and its cuti bersama (20–24 March), Good Friday (3 April):
    # 16, 17, 25, 26, 27, 30, 31 March, 1, 2 and 6 April are the ten.
    assert kal.add_working_days(D(2026, 3, 13), 10) == D(2026, 4, 6)
    assert kal.working_days_between(D(2026, 3, 13), D(2026, 4, 6)) == 10


def test_a_request_received_on_friday_counts_from_monday():
    kal = Calendar()
    assert kal.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)
    assert kal.add_working_days(D(2026, 11, 27), 10) == D(2026, 12, 11)
    assert kal.add_working_days(D(2026, 11, 27), 0) == D(2026, 11, 27)


def test_the_regency_adds_its_own_holiday_and_restores_a_working_day():
    hari_jadi = D(2026, 12, 1)  # a Tuesday
    kal = Calendar(extra_holidays={hari_jadi: "Hari Jadi Kabupaten"}, extra_working_days=[D(2026, 12, 24)])
    assert not kal.is_working_day(hari_jadi)
    assert kal.holiday_name(hari_jadi) == "Hari Jadi Kabupaten"
    assert Calendar().add_working_days(D(2026, 11, 30), 1) == hari_jadi
    assert kal.add_working_days(D(2026, 11, 30), 1) == D(2026, 12, 2)
    assert not Calendar().is_working_day(D(2026, 12, 24))  # cuti bersama Natal
    assert kal.is_working_day(D(2026, 12, 24))


def test_between_is_signed_and_counts_only_days_after_the_start():
    kal = Calendar()
    assert kal.working_days_between(D(2026, 11, 30), D(2026, 11, 30)) == 0
    assert kal.working_days_between(D(2026, 12, 4), D(2026, 11, 30)) == -4
    with pytest.raises(ValueError):
        kal.add_working_days(D(2026, 1, 1), -1)


@pytest.mark.skipif(not SHARED_HOLIDAYS.exists(), reason="../shared/data/holidays is not beside this checkout")
def test_the_national_dates_agree_with_the_published_list_2024_2027():
    with SHARED_HOLIDAYS.open(encoding="utf-8") as f:
        published = {D.fromisoformat(r["date"]) for r in csv.DictReader(f)}
    ours = {d for year in range(2024, 2028) for d in national_holidays(year)}
    assert published - ours == set()
    assert ours - published == set()


@pytest.mark.django_db
def test_the_table_diskominfo_edits_feeds_the_calendar():
    from wilayah.models import HariKhusus, JenisHari

    HariKhusus.objects.create(tanggal=D(2026, 12, 1), nama="Hari Jadi Kabupaten")
    HariKhusus.objects.create(tanggal=D(2026, 12, 24), nama="Masuk kerja", jenis=JenisHari.MASUK)
    kal = HariKhusus.objects.kalender()
    assert not kal.is_working_day(D(2026, 12, 1)) and kal.is_working_day(D(2026, 12, 24))
