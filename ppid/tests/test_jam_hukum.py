"""The legal clock against real dates, each deadline worked out by hand from the published calendar
(national holidays and cuti bersama; weekends never count; day one is the first working day after receipt)."""

import datetime as dt

import pytest

from ppid.models import HariKhusus, kalender
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("diterima", "batas", "perpanjangan"),
    [
        # Friday before Idul Fitri 2024: cuti bersama 8–9 and 12–15 April, Lebaran 10–11.
        # Extended: Hari Buruh 1 May, Kenaikan 9 May and its cuti bersama 10 May.
        (D(2024, 4, 5), D(2024, 4, 29), D(2024, 5, 13)),
        # Year end 2024: Natal 25, cuti bersama 26 December, Tahun Baru 1 January.
        (D(2024, 12, 23), D(2025, 1, 9), D(2025, 1, 20)),
        # Thursday before cuti bersama Nyepi (28 March 2025) and the Idul Fitri block to 7 April; Wafat Isa 18 April.
        (D(2025, 3, 27), D(2025, 4, 22), D(2025, 5, 2)),
        # Friday before a long weekend: Waisak Monday 12 May 2025 and its cuti bersama on Tuesday.
        # Extended: Kenaikan 29 May and cuti 30 May, Idul Adha Friday 6 June and cuti bersama Monday 9 June.
        (D(2025, 5, 9), D(2025, 5, 27), D(2025, 6, 11)),
        # The day before Nyepi's cuti bersama 2026, then Idul Fitri's (20–24 March) and Wafat Isa (3 April).
        (D(2026, 3, 17), D(2026, 4, 8), D(2026, 4, 17)),
        # Kenaikan and its cuti bersama, Idul Adha and its cuti bersama, Hari Lahir Pancasila (May–June 2026).
        (D(2026, 5, 13), D(2026, 6, 3), D(2026, 6, 12)),
        # Year end 2026: cuti bersama 24, Natal 25 December, Tahun Baru, Isra Mikraj 5 January 2027.
        (D(2026, 12, 23), D(2027, 1, 12), D(2027, 1, 21)),
        # Friday before Nyepi 2027 and the Idul Fitri block to 15 March; cuti bersama and Wafat Isa 25–26 March.
        (D(2027, 3, 5), D(2027, 3, 31), D(2027, 4, 9)),
    ],
)
def test_deadline_and_extension_in_working_days(diterima, batas, perpanjangan):
    p = make_permohonan(tanggal=diterima)
    assert p.batas_jawab == batas
    assert kalender().add_working_days(batas, 7) == perpanjangan


def test_a_regional_holiday_entered_by_diskominfo_moves_the_deadline():
    """GIVEN the regency's own holiday on a day inside the clock (entered in HariKhusus)
    THEN a request received before it gets one working day more."""
    HariKhusus.objects.create(tanggal=D(2026, 4, 7), nama="Hari Jadi (uji)")
    assert make_permohonan(tanggal=D(2026, 3, 17)).batas_jawab == D(2026, 4, 9)


def test_a_request_on_a_saturday_starts_counting_on_monday():
    # Saturday 7 November 2026: Monday the 9th is day one, Friday the 20th day ten.
    assert make_permohonan(tanggal=D(2026, 11, 7)).batas_jawab == D(2026, 11, 20)


def test_working_days_left_reads_zero_on_the_deadline_and_negative_after():
    p = make_permohonan(tanggal=D(2026, 3, 17))
    assert p.sisa_hari_kerja(D(2026, 4, 6)) == 2
    assert p.sisa_hari_kerja(D(2026, 4, 8)) == 0
    assert p.sisa_hari_kerja(D(2026, 4, 9)) == -1
    assert not p.is_terlambat(D(2026, 4, 8)) and p.is_terlambat(D(2026, 4, 9))
