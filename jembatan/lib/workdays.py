"""Working days in Indonesia: Monday to Friday, minus public holidays and cuti bersama.

Legal clocks (a public-information request answered within 10 working days, an aspiration
answered within 10 working days) are counted here and nowhere else. The national dates come
from the `holidays` package (public holidays and the government's cuti bersama, known through
2027; later years only estimate the religious dates and have no cuti bersama); a deployment
corrects them with its own dates (`Calendar(extra_holidays=..., extra_working_days=...)`), which
the region app keeps in a table Diskominfo edits.

A calendar precomputes, for the run of years it has been asked about, the running count of working
days for every date and the list of working days in order. A deadline is then two list look-ups
(`add_working_days`) and a count between two dates a subtraction (`working_days_between`), whatever
the distance; the table grows by whole years when a date outside it is asked for. A calendar never
changes once made: a changed set of regional dates makes a new one (`wilayah.HariKhusus.objects.kalender`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

import holidays

SATURDAY = 5
_fromordinal = dt.date.fromordinal


@lru_cache(maxsize=32)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays and cuti bersama of Indonesia in `year`, with their Indonesian names."""
    days = holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return {day: str(name) for day, name in days.items()}


class _Table(NamedTuple):
    """Working days over the years `first_year`..`last_year`, by ordinal (`date.toordinal()`)."""

    first_year: int
    last_year: int
    first: int  # ordinal of 1 January of first_year
    # running[k]: working days among the ordinals first..first+k (inclusive)
    running: list[int]
    # working[r]: ordinal of the (r+1)-th working day from `first`
    working: list[int]


class Calendar:
    """Which days count as working days, and date arithmetic in working days."""

    def __init__(self, extra_holidays: Mapping[dt.date, str] | None = None, extra_working_days: Iterable[dt.date] = ()):
        self.extra_holidays = dict(extra_holidays or {})
        self.extra_working_days = frozenset(extra_working_days)
        self._table: _Table | None = None
        # The table's three lists as one plain tuple, read in one step by the hot paths (empty until built).
        self._fast: tuple[int, list[int], list[int]] = (0, [], [])

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday on `day`, or None when it is none (weekends are not named)."""
        if day in self.extra_working_days:
            return None
        return self.extra_holidays.get(day) or national_holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        """The definition every count rests on: a weekday that is no holiday, or a day the regency works."""
        if day in self.extra_working_days:
            return True
        return day.weekday() < SATURDAY and self.holiday_name(day) is None

    # -- the precomputed table -------------------------------------------------------------------------

    def _covering(self, first_year: int, last_year: int) -> _Table:
        """The table, grown (never shrunk) to cover `first_year`..`last_year`. The new table is built aside
        and swapped in whole, so a thread reading the old one meanwhile still reads a consistent one."""
        table = self._table
        if table is not None:
            if table.first_year <= first_year and last_year <= table.last_year:
                return table
            first_year, last_year = min(first_year, table.first_year), max(last_year, table.last_year)
        first_year, last_year = max(first_year, dt.MINYEAR), min(last_year, dt.MAXYEAR)
        first = dt.date(first_year, 1, 1).toordinal()
        end = dt.date(last_year, 12, 31).toordinal()
        running: list[int] = []
        working: list[int] = []
        for ordinal in range(first, end + 1):
            if self.is_working_day(dt.date.fromordinal(ordinal)):
                working.append(ordinal)
            running.append(len(working))
        self._table = table = _Table(first_year, last_year, first, running, working)
        self._fast = (first, running, working)
        return table

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The date `count` working days after `start` (day one is the first working day after it).

        This is how UU 14/2008 deadlines are counted: a request received on a Friday with a
        10-working-day limit is due on the tenth working day after that Friday."""
        if count <= 0:
            if count == 0:
                return start
            raise ValueError("count must not be negative")
        first, running, working = self._fast
        i = start.toordinal() - first
        if i >= 0:
            try:
                return _fromordinal(working[running[i] + count - 1])
            except IndexError:  # past the end of the table
                pass
        # Outside the table: grow it by enough years for `count` (at least ~200 working days a year).
        last_year = start.year + count // 200 + 1
        while True:
            table = self._covering(start.year, last_year)
            rank = table.running[start.toordinal() - table.first] + count
            if rank <= len(table.working):
                return _fromordinal(table.working[rank - 1])
            if table.last_year >= dt.MAXYEAR:
                raise OverflowError("date value out of range")
            last_year = table.last_year + 1 + (rank - len(table.working)) // 200

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie after `start` up to and including `end` (negative when end < start)."""
        first, running, _working = self._fast
        i, j = start.toordinal() - first, end.toordinal() - first
        if i >= 0 and j >= 0:
            try:
                return running[j] - running[i]
            except IndexError:
                pass
        table = self._covering(min(start.year, end.year), max(start.year, end.year))
        return table.running[end.toordinal() - table.first] - table.running[start.toordinal() - table.first]
