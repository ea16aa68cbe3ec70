"""Report periods and local calendars: weeks, months, quarters, years, ranges; UTC ↔ local.

Times are stored as UTC epoch seconds and shown in local time. A period is a
half-open range of local dates [start, end); its UTC bounds are the local
midnights, so a week that has a DST change is 167 or 169 hours long. Weeks are
ISO weeks (Monday first) in local time. `split_by_day` cuts an entry at each
local midnight, so an entry across midnight counts on both days.

Every function takes an explicit `tz` (a `ZoneInfo`); `local_zone()` gives
the person's own (from $TZ, else /etc/localtime).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.time_range import FIRST_DAY, LAST_DAY, RANGE_TEXT

PERIOD_NAMES: tuple[str, ...] = (
    "today",
    "yesterday",
    "week",
    "lastweek",
    "4weeks",
    "month",
    "lastmonth",
    "quarter",
    "year",
    "all",
)
"""Every named period, as the command line, the dashboard and the export take them.

"week", "month", "quarter", "year" hold today; "lastweek"/"lastmonth" are the
ones before; "4weeks" is this ISO week and the three before it (whole weeks).
"""
PERIOD_LABELS: dict[str, str] = {
    "today": "Today",
    "yesterday": "Yesterday",
    "week": "This week",
    "lastweek": "Last week",
    "4weeks": "Last 4 weeks",
    "month": "This month",
    "lastmonth": "Last month",
    "quarter": "This quarter",
    "year": "This year",
    "all": "All time",
}
"""What people read for each name (menus, selectors)."""
_TIME = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?$")


def local_zone() -> dt.tzinfo:
    """The person's time zone: $TZ if it names one, else /etc/localtime, else the offset now."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # 4 ms: not before the first paint

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    target = str(localtime.resolve()) if localtime.is_symlink() else ""
    if "zoneinfo/" in target:
        try:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if localtime.exists():
        try:
            with localtime.open("rb") as file:
                return ZoneInfo.from_file(file, key="localtime")
        except (OSError, ValueError):
            pass
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates [start, end); `name` is "week", "month", …, "range" or "all".

    For "all", `start` and `end` are None: no bound.
    """

    name: str
    start: dt.date | None
    end: dt.date | None

    @property
    def label(self) -> str:
        """The period in words: "week 49, 2026 (30 Nov – 6 Dec)", "November 2026", "all time"."""
        if self.start is None:
            if self.end is None:
                return "all time"
            return f"until {_day(self.end - dt.timedelta(days=1), year=True)}"
        if self.end is None:
            return f"since {_day(self.start, year=True)}"
        last = self.end - dt.timedelta(days=1)
        whole_months = self.start.day == 1 and self.end.day == 1
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        if self.start == last:
            return _day(self.start, year=True)
        if self.name in ("week", "lastweek") or (
            self.start.weekday() == 0 and (self.end - self.start).days == 7
        ):
            year, week, _ = self.start.isocalendar()
            return f"week {week}, {year} ({_span(self.start, last)})"
        if whole_months and months == 1:
            return self.start.strftime("%B %Y")
        if whole_months and months == 3 and self.start.month % 3 == 1:
            return f"Q{(self.start.month + 2) // 3} {self.start.year}"
        if whole_months and months == 12 and self.start.month == 1:
            return str(self.start.year)
        return _span(self.start, last, year=True)

    @property
    def last_day(self) -> dt.date | None:
        """The last date inside the period (end - 1 day)."""
        return None if self.end is None else self.end - dt.timedelta(days=1)

    def utc_bounds(self, tz: dt.tzinfo) -> tuple[int | None, int | None]:
        """The period's UTC epoch-second bounds [start, end) (None: unbounded)."""
        return (
            None if self.start is None else local_midnight(self.start, tz),
            None if self.end is None else local_midnight(self.end, tz),
        )

    def contains(self, day: dt.date) -> bool:
        """Whether a local date falls in the period."""
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


def period_of(name: str, today: dt.date) -> Period:
    """The named period (one of PERIOD_NAMES) as seen on `today`."""
    if name in ("today", "yesterday"):
        day = today - dt.timedelta(days=int(name == "yesterday"))
        return Period(name, day, day + dt.timedelta(days=1))
    if name in ("week", "lastweek", "4weeks"):
        monday = today - dt.timedelta(days=today.weekday())
        start = monday - dt.timedelta(days={"week": 0, "lastweek": 7, "4weeks": 21}[name])
        end = monday + dt.timedelta(days=0 if name == "lastweek" else 7)
        return Period(name, start, end)
    if name in ("month", "lastmonth"):
        start = _add_months(today.replace(day=1), -int(name == "lastmonth"))
        return Period(name, start, _add_months(start, 1))
    if name == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return Period(name, start, _add_months(start, 3))
    if name == "year":
        start = today.replace(month=1, day=1)
        return Period(name, start, start.replace(year=start.year + 1))
    if name == "all":
        return Period(name, None, None)
    raise InvalidValueError(f"‘{name}’ is not a period: use one of {', '.join(PERIOD_NAMES)}.")


def date_range(first: dt.date | None, last: dt.date | None) -> Period:
    """The period from `first` to `last`, both included; either may be open (None)."""
    if first is not None and last is not None and last < first:
        raise InvalidValueError(
            f"The range ends ({last.isoformat()}) before it starts ({first.isoformat()})."
        )
    return Period("range", first, None if last is None else last + dt.timedelta(days=1))


def _day(day: dt.date, *, year: bool = False) -> str:
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if year else "")


def _span(first: dt.date, last: dt.date, *, year: bool = False) -> str:
    """ "30 Nov – 6 Dec", "1–7 Dec", with the year(s) when asked."""
    tail = f" {last.year}" if year else ""
    if first.year != last.year:
        return f"{_day(first, year=year)} – {_day(last, year=year)}"
    if first.month == last.month:
        return f"{first.day}–{last.day} {last.strftime('%b')}{tail}"
    return f"{_day(first)} – {_day(last)}{tail}"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1)


# -- converting ---------------------------------------------------------------------------


def local_midnight(day: dt.date, tz: dt.tzinfo) -> int:
    """UTC epoch seconds of 00:00 local time on `day`."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=tz).timestamp())


def to_local(epoch: int | float, tz: dt.tzinfo) -> dt.datetime:
    """A UTC epoch as an aware local datetime."""
    return dt.datetime.fromtimestamp(epoch, tz)


def local_date(epoch: int | float, tz: dt.tzinfo) -> dt.date:
    """The local calendar date of a UTC epoch."""
    return to_local(epoch, tz).date()


def iso_week(day: dt.date) -> tuple[int, int]:
    """(ISO year, ISO week number) of a local date."""
    year, week, _ = day.isocalendar()
    return year, week


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week that contains `day`."""
    return day - dt.timedelta(days=day.weekday())


# -- parsing -------------------------------------------------------------------------------


def parse_date(text: str, today: dt.date) -> dt.date:
    """A local date: "2024-03-05", "today", "yesterday"; InvalidValueError otherwise.

    Dates outside the range Rolemap keeps (1970–2099) are refused too.
    """
    day = _day_of(text, today)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValueError(f"{day.isoformat()} is outside the range: {RANGE_TEXT}.")
    return day


def _day_of(text: str, today: dt.date) -> dt.date:
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidValueError(
            f"‘{text.strip()}’ is not a date: write it as YYYY-MM-DD (or today, yesterday)."
        ) from None


def parse_when(text: str, now: dt.datetime) -> dt.datetime:
    """A local moment: "14:05", "yesterday 9:30", "2024-03-05 14:05", "2024-03-05T14:05".

    `now` is aware (in the person's zone); the result is in the same zone.
    """
    cleaned = text.strip()
    if len(cleaned) > 10 and cleaned[10] in "Tt":
        cleaned = f"{cleaned[:10]} {cleaned[11:]}"
    parts = cleaned.split()
    try:
        if len(parts) == 1 and _TIME.match(parts[0]):
            day, clock = now.date(), parts[0]
        elif len(parts) == 2:
            day, clock = _day_of(parts[0], now.date()), parts[1]
        elif len(parts) == 1:
            day, clock = _day_of(parts[0], now.date()), "00:00"
        else:
            raise InvalidValueError("")
        match = _TIME.match(clock)
        if match is None:
            raise InvalidValueError("")
        moment = dt.time(int(match["h"]), int(match["m"]), int(match["s"] or 0))
    except (InvalidValueError, ValueError):
        raise InvalidValueError(
            f"‘{text.strip()}’ is not a time: write it like 14:05, yesterday 9:30 or "
            "2024-03-05 14:05."
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValueError(f"{day.isoformat()} is outside the range: {RANGE_TEXT}.")
    return dt.datetime.combine(day, moment, tzinfo=now.tzinfo)


# -- bucketing -----------------------------------------------------------------------------


def split_by_day(start: int, duration: int, tz: dt.tzinfo) -> list[tuple[dt.date, int]]:
    """Cut an entry [start, start + duration) at each local midnight: (local date, seconds)."""
    end = start + duration
    pieces: list[tuple[dt.date, int]] = []
    cursor = start
    while cursor < end:
        day = local_date(cursor, tz)
        boundary = min(end, local_midnight(day + dt.timedelta(days=1), tz))
        pieces.append((day, boundary - cursor))
        cursor = boundary
    return pieces


def seconds_by_day(entries: Iterable[tuple[int, int]], tz: dt.tzinfo) -> dict[dt.date, int]:
    """Seconds per local date of (start, duration) entries, split at midnight."""
    totals: dict[dt.date, int] = {}
    for start, duration in entries:
        for day, seconds in split_by_day(start, duration, tz):
            totals[day] = totals.get(day, 0) + seconds
    return totals


def seconds_by_week(days: Mapping[dt.date, int]) -> dict[tuple[int, int], int]:
    """Per-day seconds rolled up into ISO weeks (ISO year, week)."""
    totals: dict[tuple[int, int], int] = {}
    for day, seconds in days.items():
        key = iso_week(day)
        totals[key] = totals.get(key, 0) + seconds
    return totals
