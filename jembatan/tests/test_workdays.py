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


def _add_day_by_day(kal: Calendar, start: dt.date, count: int) -> dt.date:
    day = start
    while count:
        day += dt.timedelta(days=1)
        if kal.is_working_day(day):
            count -= 1
    return day


def _between_day_by_day(kal: Calendar, start: dt.date, end: dt.date) -> int:
    if end < start:
        return -_between_day_by_day(kal, end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if kal.is_working_day(start + dt.timedelta(days=n)))


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_the_precomputed_table_agrees_with_the_day_by_day_definition_every_day_of_the_year(year):
    """Every start date of the year, with the legal counts (1, 3, 7, 10, 14, 30) and across the year's end."""
    kal = Calendar(extra_holidays={dt.date(year, 12, 1): "Hari Jadi"}, extra_working_days=[dt.date(year, 12, 24)])
    day = dt.date(year, 1, 1)
    while day.year == year:
        for count in (0, 1, 3, 7, 10, 14, 30):
            assert kal.add_working_days(day, count) == _add_day_by_day(kal, day, count), (day, count)
        for distance in (-40, -1, 0, 1, 12, 45):
            end = day + dt.timedelta(days=distance)
            assert kal.working_days_between(day, end) == _between_day_by_day(kal, day, end), (day, end)
        day += dt.timedelta(days=1)
    assert not kal.is_working_day(dt.date(year, 12, 1))
    assert kal.working_days_between(dt.date(year, 11, 30), dt.date(year, 12, 2)) == (
        1 if dt.date(year, 12, 2).weekday() < 5 else 0
    )


def test_the_table_grows_to_dates_far_away_in_both_directions():
    kal = Calendar()
    assert kal.add_working_days(D(2026, 11, 27), 10) == D(2026, 12, 11)
    # A count that runs years ahead, and dates before the table was first built.
    assert kal.add_working_days(D(2026, 1, 2), 1000) == _add_day_by_day(kal, D(2026, 1, 2), 1000)
    assert kal.add_working_days(D(2019, 6, 3), 10) == _add_day_by_day(kal, D(2019, 6, 3), 10)
    assert kal.working_days_between(D(2018, 1, 1), D(2031, 1, 1)) == _between_day_by_day(kal, D(2018, 1, 1), D(2031, 1, 1))


@pytest.mark.django_db
def test_a_changed_table_gives_a_new_calendar_and_an_unchanged_one_the_same():
    """GIVEN a calendar built from the regency's table
    WHEN Diskominfo adds, changes or removes a date
    THEN the next calendar counts with it (and an unchanged table reuses the one already built)."""
    from wilayah.models import HariKhusus, JenisHari

    senin = D(2026, 11, 30)
    assert HariKhusus.objects.kalender().add_working_days(senin, 1) == D(2026, 12, 1)
    assert HariKhusus.objects.kalender() is HariKhusus.objects.kalender()
    hari = HariKhusus.objects.create(tanggal=D(2026, 12, 1), nama="Hari Jadi Kabupaten")
    assert HariKhusus.objects.kalender().add_working_days(senin, 1) == D(2026, 12, 2)
    hari.jenis = JenisHari.MASUK
    hari.save()
    assert HariKhusus.objects.kalender().is_working_day(D(2026, 12, 1))
    hari.tanggal = D(2026, 12, 2)
    hari.jenis = JenisHari.LIBUR
    hari.save()
    assert HariKhusus.objects.kalender().add_working_days(senin, 2) == D(2026, 12, 3)
    hari.delete()
    assert HariKhusus.objects.kalender().add_working_days(senin, 2) == D(2026, 12, 2)
