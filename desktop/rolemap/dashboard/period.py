"""The dashboard's period choices (names from `domain.periods`, plus a custom range)."""

from __future__ import annotations

import datetime as dt

from rolemap.domain.periods import PERIOD_LABELS, Period, date_range, period_of

# (key, label) in the order the selector lists them: the charts are weekly, so
# the dashboard offers whole weeks and longer, plus a range of the person's own.
CHOICES: tuple[tuple[str, str], ...] = (
    *(
        (name, PERIOD_LABELS[name])
        for name in ("week", "lastweek", "4weeks", "month", "lastmonth", "quarter", "year")
    ),
    ("custom", "Custom range"),
)


def dashboard_period(
    choice: str, today: dt.date, custom: tuple[dt.date, dt.date] | None = None
) -> Period:
    """The local dates a period choice covers, as the one Period every figure uses."""
    if choice == "custom":
        if custom is None:
            raise ValueError("A custom range needs its dates.")
        first, last = sorted(custom)
        return date_range(first, last)
    return period_of(choice, today)
