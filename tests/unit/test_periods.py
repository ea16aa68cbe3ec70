"""Periods, local dates and ISO-week bucketing across midnight and DST, in fixed zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.periods import (
    PERIOD_NAMES,
    date_range,
    local_midnight,
    parse_date,
    parse_when,
    period_of,
    seconds_by_day,
    seconds_by_week,
    split_by_day,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _epoch(tz: ZoneInfo, *args: int) -> int:
    return int(dt.datetime(*args, tzinfo=tz).timestamp())


def test_periods_of_a_day() -> None:
    day = dt.date(2024, 5, 15)  # a Wednesday
    assert period_of("week", day).start == dt.date(2024, 5, 13)
    assert period_of("week", day).end == dt.date(2024, 5, 20)
    assert (period_of("month", day).start, period_of("month", day).end) == (
        dt.date(2024, 5, 1),
        dt.date(2024, 6, 1),
    )
    assert period_of("quarter", day).start == dt.date(2024, 4, 1)
    assert period_of("quarter", dt.date(2024, 12, 31)).end == dt.date(2025, 1, 1)
    assert period_of("year", day).end == dt.date(2025, 1, 1)
    assert period_of("all", day).utc_bounds(BERLIN) == (None, None)
    with pytest.raises(InvalidValueError, match="not a period"):
        period_of("fortnight", day)


@pytest.mark.parametrize(
    ("tz", "monday", "hours"),
    [
        (BERLIN, dt.date(2024, 3, 25), 167),  # DST starts Sunday 31 March
        (BERLIN, dt.date(2024, 10, 21), 169),  # DST ends Sunday 27 October
        (NEW_YORK, dt.date(2024, 3, 4), 167),  # DST starts Sunday 10 March
        (NEW_YORK, dt.date(2024, 10, 28), 169),  # DST ends Sunday 3 November
    ],
)
def test_a_week_with_a_dst_change_has_its_real_length(
    tz: ZoneInfo, monday: dt.date, hours: int
) -> None:
    start, end = period_of("week", monday).utc_bounds(tz)
    assert start is not None and end is not None
    assert end - start == hours * 3600


def test_an_entry_across_midnight_counts_on_both_days() -> None:
    start = _epoch(BERLIN, 2024, 5, 15, 23, 0)
    assert split_by_day(start, 3 * 3600, BERLIN) == [
        (dt.date(2024, 5, 15), 3600),
        (dt.date(2024, 5, 16), 2 * 3600),
    ]


@pytest.mark.parametrize(
    ("tz", "sunday"),
    [(BERLIN, dt.date(2024, 3, 31)), (NEW_YORK, dt.date(2024, 11, 3))],
)
def test_iso_weeks_across_a_dst_night_and_a_week_boundary(tz: ZoneInfo, sunday: dt.date) -> None:
    # Sunday 22:30 local, four hours: 1.5 h on Sunday (ISO week n), the rest on
    # Monday (week n + 1), whatever the clock change did overnight.
    start = int(dt.datetime.combine(sunday, dt.time(22, 30), tzinfo=tz).timestamp())
    days = seconds_by_day([(start, 4 * 3600)], tz)
    monday = sunday + dt.timedelta(days=1)
    assert days == {sunday: 5400, monday: 4 * 3600 - 5400}
    weeks = seconds_by_week(days)
    week = sunday.isocalendar()
    assert weeks == {(week[0], week[1]): 5400, (week[0], week[1] + 1): 4 * 3600 - 5400}


def test_the_dst_night_itself_is_split_at_the_real_midnight() -> None:
    # Berlin, Saturday 30 March 2024 22:00 to Sunday 04:00 local: 5 real hours,
    # because 02:00 jumps to 03:00.
    start = _epoch(BERLIN, 2024, 3, 30, 22, 0)
    end = _epoch(BERLIN, 2024, 3, 31, 4, 0)
    assert end - start == 5 * 3600
    assert split_by_day(start, end - start, BERLIN) == [
        (dt.date(2024, 3, 30), 2 * 3600),
        (dt.date(2024, 3, 31), 3 * 3600),
    ]
    # The same local hours in New York on the same dates are 6 real hours.
    ny = split_by_day(_epoch(NEW_YORK, 2024, 3, 30, 22, 0), 6 * 3600, NEW_YORK)
    assert ny == [(dt.date(2024, 3, 30), 2 * 3600), (dt.date(2024, 3, 31), 4 * 3600)]


def test_the_same_utc_entry_lands_on_different_local_days() -> None:
    start = int(dt.datetime(2024, 5, 16, 3, 0, tzinfo=dt.UTC).timestamp())
    assert split_by_day(start, 1800, BERLIN) == [(dt.date(2024, 5, 16), 1800)]
    assert split_by_day(start, 1800, NEW_YORK) == [(dt.date(2024, 5, 15), 1800)]


def test_parsing_dates_and_moments() -> None:
    today = dt.date(2024, 3, 5)
    assert parse_date("2024-02-29", today) == dt.date(2024, 2, 29)
    assert parse_date("Yesterday", today) == dt.date(2024, 3, 4)
    with pytest.raises(InvalidValueError, match="not a date"):
        parse_date("2024-02-30", today)
    now = dt.datetime(2024, 3, 5, 18, 0, tzinfo=BERLIN)
    assert parse_when("14:05", now) == dt.datetime(2024, 3, 5, 14, 5, tzinfo=BERLIN)
    assert parse_when("yesterday 9:30", now) == dt.datetime(2024, 3, 4, 9, 30, tzinfo=BERLIN)
    assert parse_when("2024-03-01T08:00", now) == dt.datetime(2024, 3, 1, 8, 0, tzinfo=BERLIN)
    with pytest.raises(InvalidValueError, match="not a time"):
        parse_when("at noon", now)
    assert local_midnight(dt.date(2024, 3, 5), BERLIN) == _epoch(BERLIN, 2024, 3, 5, 0, 0)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="before it starts"):
        date_range(dt.date(2024, 3, 5), dt.date(2024, 3, 1))
    assert date_range(dt.date(2024, 3, 1), dt.date(2024, 3, 1)).end == dt.date(2024, 3, 2)


def test_every_named_period_and_its_label() -> None:
    day = dt.date(2026, 12, 1)  # a Tuesday
    expected = {
        "today": ("2026-12-01", "2026-12-02", "1 Dec 2026"),
        "yesterday": ("2026-11-30", "2026-12-01", "30 Nov 2026"),
        "week": ("2026-11-30", "2026-12-07", "week 49, 2026 (30 Nov – 6 Dec)"),
        "lastweek": ("2026-11-23", "2026-11-30", "week 48, 2026 (23–29 Nov)"),
        "4weeks": ("2026-11-09", "2026-12-07", "9 Nov – 6 Dec 2026"),
        "month": ("2026-12-01", "2027-01-01", "December 2026"),
        "lastmonth": ("2026-11-01", "2026-12-01", "November 2026"),
        "quarter": ("2026-10-01", "2027-01-01", "Q4 2026"),
        "year": ("2026-01-01", "2027-01-01", "2026"),
    }
    assert set(PERIOD_NAMES) == {*expected, "all"}
    for name, (start, end, label) in expected.items():
        period = period_of(name, day)
        assert (str(period.start), str(period.end), period.label) == (start, end, label), name
    assert period_of("all", day).label == "all time"
    assert period_of("lastmonth", dt.date(2026, 1, 15)).start == dt.date(2025, 12, 1)
    assert date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2)).label == (
        "30 Dec 2026 – 2 Jan 2027"
    )
