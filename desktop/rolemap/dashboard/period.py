"""The dashboard's period choices and the local dates each one covers."""

from __future__ import annotations

import datetime as dt

from rolemap.domain.periods import period_of

# (key, label) in the order the selector lists them.
CHOICES: tuple[tuple[str, str], ...] = (
    ("week", "This week"),
    ("4weeks", "Last 4 weeks"),
    ("quarter", "This quarter"),
    ("year", "This year"),
    ("custom", "Custom range"),
)


def period_days(
    choice: str, today: dt.date, custom: tuple[dt.date, dt.date] | None = None
) -> tuple[dt.date, dt.date]:
    """The first and last local date (both included) of a period choice.

    "4weeks" is this ISO week and the three before it, so each of its weeks is whole.
    """
    if choice == "custom":
        if custom is None:
            raise ValueError("A custom range needs its dates.")
        first, last = custom
        return (first, last) if first <= last else (last, first)
    if choice == "4weeks":
        monday = today - dt.timedelta(days=today.weekday())
        return monday - dt.timedelta(days=21), monday + dt.timedelta(days=6)
    period = period_of(choice, today)
    assert period.start is not None and period.last_day is not None
    return period.start, period.last_day
