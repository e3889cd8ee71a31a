"""Working days in Indonesia: Monday to Friday, minus public holidays and cuti bersama.

Legal clocks (a public-information request answered within 10 working days, an aspiration
answered within 10 working days) are counted here and nowhere else. The national dates come
from the `holidays` package (public holidays and the government's cuti bersama, known through
2027; later years only estimate the religious dates and have no cuti bersama); a deployment
corrects them with its own dates (`Calendar(extra_holidays=..., extra_working_days=...)`), which
the region app keeps in a table Diskominfo edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache

import holidays

SATURDAY = 5


@lru_cache(maxsize=32)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays and cuti bersama of Indonesia in `year`, with their Indonesian names."""
    days = holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return {day: str(name) for day, name in days.items()}


class Calendar:
    """Which days count as working days, and date arithmetic in working days."""

    def __init__(self, extra_holidays: Mapping[dt.date, str] | None = None, extra_working_days: Iterable[dt.date] = ()):
        self.extra_holidays = dict(extra_holidays or {})
        self.extra_working_days = frozenset(extra_working_days)

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday on `day`, or None when it is none (weekends are not named)."""
        if day in self.extra_working_days:
            return None
        return self.extra_holidays.get(day) or national_holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < SATURDAY and self.holiday_name(day) is None

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The date `count` working days after `start` (day one is the first working day after it).

        This is how UU 14/2008 deadlines are counted: a request received on a Friday with a
        10-working-day limit is due on the tenth working day after that Friday."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        while count:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + dt.timedelta(days=n)))
