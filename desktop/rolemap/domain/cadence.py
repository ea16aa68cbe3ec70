"""When the next review is due, and what period a new review covers by default.

A role is reviewed every week, month or quarter (`Role.review_cadence`). The
next review is due one cadence after the last day of the last finished
review; a role never reviewed is due one cadence after it was created (today
when its creation date is unknown). A review is due when today is on or after
that day.

A new review covers, by default, the days since the last finished review up
to today; the first review covers the last cadence's worth of days.
"""

from __future__ import annotations

import datetime as dt

from rolemap.domain.entities import REVIEW_CADENCES
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.periods import Period, date_range

CADENCE_LABELS: dict[str, str] = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}
_MONTHS = {"month": 1, "quarter": 3}


def check_cadence(cadence: str) -> str:
    """`cadence` if it is one of REVIEW_CADENCES, else InvalidValueError."""
    if cadence not in REVIEW_CADENCES:
        raise InvalidValueError(
            f"‘{cadence}’ is not a review cadence: use {', '.join(REVIEW_CADENCES)}."
        )
    return cadence


def after_one(cadence: str, day: dt.date) -> dt.date:
    """`day` plus one cadence (a week, a month, three months; the 31st becomes the month's last)."""
    check_cadence(cadence)
    if cadence == "week":
        return day + dt.timedelta(days=7)
    return _add_months(day, _MONTHS[cadence])


def before_one(cadence: str, day: dt.date) -> dt.date:
    """`day` minus one cadence."""
    check_cadence(cadence)
    if cadence == "week":
        return day - dt.timedelta(days=7)
    return _add_months(day, -_MONTHS[cadence])


def next_due(
    cadence: str, last_reviewed: dt.date | None, created: str = "", today: dt.date | None = None
) -> dt.date:
    """The day the next review is due.

    Args:
        cadence: "week", "month" or "quarter" (an unknown value counts as "month").
        last_reviewed: the last day covered by the last finished review, None if none.
        created: the role's creation date (ISO; "" or unreadable: unknown).
        today: what "unknown" falls back to for a role never reviewed.
    """
    cadence = cadence if cadence in REVIEW_CADENCES else "month"
    if last_reviewed is not None:
        return after_one(cadence, last_reviewed)
    try:
        return after_one(cadence, dt.date.fromisoformat(created[:10]))
    except ValueError:
        return today or dt.date.today()


def is_due(due: dt.date, today: dt.date) -> bool:
    """Whether a review due on `due` is due on `today`."""
    return today >= due


def default_period(cadence: str, last_reviewed: dt.date | None, today: dt.date) -> Period:
    """The period a new review covers unless the person chooses another.

    Raises InvalidValueError when the last finished review already reaches
    today: there is nothing new to review yet.
    """
    cadence = cadence if cadence in REVIEW_CADENCES else "month"
    if last_reviewed is None:
        return date_range(before_one(cadence, today) + dt.timedelta(days=1), today)
    first = last_reviewed + dt.timedelta(days=1)
    if first > today:
        raise InvalidValueError(
            f"The last finished review already covers up to {last_reviewed.isoformat()}: "
            "there is nothing new to review yet (choose a period with --from/--to)."
        )
    return date_range(first, today)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
