"""Calendar quarters by name ("2026-Q4"), as the quarterly checklist and reviews use them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.periods import Period
from rolemap.domain.time_range import FIRST_DAY, LAST_DAY, RANGE_TEXT

FREEZE_AFTER_DAYS = 14
"""Days after a quarter's end before its checklist's automatic results are kept: time for
late check-ins, late logging and the closing review, which often falls in the next days."""
_QUARTER_NAME = re.compile(r"^(?P<year>\d{4})-?[qQ](?P<q>\d)$")


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """A calendar quarter of a year, 1 to 4."""

    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter that holds `day`."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def named(cls, name: str) -> Quarter:
        """The quarter called `name` ("2026-Q4"); InvalidValueError otherwise."""
        match = _QUARTER_NAME.match(name.strip())
        if match is None or not 1 <= int(match["q"]) <= 4:
            raise InvalidValueError(
                f"‘{name.strip()}’ is not a quarter: write it like 2026-Q4 (Q1 to Q4)."
            )
        quarter = cls(int(match["year"]), int(match["q"]))
        if not FIRST_DAY.year <= quarter.year <= LAST_DAY.year:  # year 0 or 9999: no such dates
            raise InvalidValueError(f"{quarter.name} is outside the range: {RANGE_TEXT}.")
        if quarter.first_day < FIRST_DAY.replace(day=1) or quarter.last_day > LAST_DAY:
            raise InvalidValueError(f"{quarter.name} is outside the range: {RANGE_TEXT}.")
        return quarter

    @property
    def name(self) -> str:
        """ "2026-Q4", as stored and exported."""
        return f"{self.year:04d}-Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        """The quarter's first day."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The day after the quarter."""
        return self.shifted(1).first_day

    @property
    def last_day(self) -> dt.date:
        """The quarter's last day."""
        return self.end - dt.timedelta(days=1)

    @property
    def period(self) -> Period:
        """The whole quarter as a report period."""
        return Period("quarter", self.first_day, self.end)

    @property
    def months(self) -> tuple[Period, Period, Period]:
        """The quarter's three months."""
        starts = [dt.date(self.year, 3 * self.number - 2 + i, 1) for i in range(3)]
        ends = [*starts[1:], self.end]
        return (
            Period("month", starts[0], ends[0]),
            Period("month", starts[1], ends[1]),
            Period("month", starts[2], ends[2]),
        )

    @property
    def freeze_day(self) -> dt.date:
        """From this day on, the automatic items' results are kept as they stand."""
        return self.last_day + dt.timedelta(days=FREEZE_AFTER_DAYS + 1)

    @property
    def label(self) -> str:
        """ "Q4 2026 (1 Oct – 31 Dec)"."""
        first, last = self.first_day, self.last_day
        return f"Q{self.number} {self.year} ({first.day} {first:%b} – {last.day} {last:%b})"

    def shifted(self, quarters: int) -> Quarter:
        """The quarter `quarters` later (earlier when negative)."""
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    def so_far(self, today: dt.date) -> Period:
        """The quarter up to and including `today` (the whole quarter once it is over)."""
        end = min(self.end, max(self.first_day, today + dt.timedelta(days=1)))
        return Period("range", self.first_day, end)

    def __str__(self) -> str:
        return self.name


def parse_quarter(text: str, today: dt.date) -> Quarter:
    """A quarter as people give it: "2026-Q4", a date in it, "this", "last" or "next"."""
    cleaned = text.strip().lower()
    relative = {"this": 0, "quarter": 0, "last": -1, "previous": -1, "next": 1}
    if cleaned in relative:
        return Quarter.named(Quarter.of(today).shifted(relative[cleaned]).name)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            return Quarter.named(Quarter.of(dt.date.fromisoformat(cleaned)).name)
        except ValueError:
            raise InvalidValueError(f"‘{text.strip()}’ is not a date.") from None
    return Quarter.named(text.strip())  # quoted as typed if refused
