"""How the Plan tab writes hours and days: "4 h", "2.5 h", "Thu 3 Dec"."""

from __future__ import annotations

import datetime as dt

from rolemap.domain.describe import number


def hours(value: float) -> str:
    """Planned hours as typed: "4 h", "2.25 h"."""
    return f"{number(round(value, 2))} h"


def logged(value: float) -> str:
    """Logged hours to a tenth: "0 h", "2.5 h" (a minute of a timer shows as 0 h)."""
    return f"{number(round(value, 1))} h"


def day(value: dt.date) -> str:
    """A day of the week: "Thu 3 Dec"."""
    return f"{value:%a} {value.day} {value:%b}"
