"""When the next review is due, and what a new review covers by default."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.domain.cadence import (
    after_one,
    before_one,
    check_cadence,
    default_period,
    is_due,
    next_due,
)
from rolemap.domain.errors import InvalidValueError

D = dt.date


@pytest.mark.parametrize(
    ("cadence", "day", "expected"),
    [
        ("week", D(2026, 12, 1), D(2026, 12, 8)),
        ("month", D(2026, 11, 30), D(2026, 12, 30)),
        ("month", D(2027, 1, 31), D(2027, 2, 28)),  # the month's last day, not 3 March
        ("month", D(2028, 1, 31), D(2028, 2, 29)),
        ("month", D(2026, 12, 15), D(2027, 1, 15)),
        ("quarter", D(2026, 11, 30), D(2027, 2, 28)),
        ("quarter", D(2026, 10, 1), D(2027, 1, 1)),
    ],
)
def test_one_cadence_later(cadence: str, day: dt.date, expected: dt.date) -> None:
    assert after_one(cadence, day) == expected


def test_one_cadence_earlier() -> None:
    assert before_one("week", D(2026, 12, 1)) == D(2026, 11, 24)
    assert before_one("month", D(2026, 3, 31)) == D(2026, 2, 28)
    assert before_one("quarter", D(2026, 1, 15)) == D(2025, 10, 15)


def test_an_unknown_cadence_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="not a review cadence"):
        check_cadence("fortnight")


def test_next_due_follows_the_last_finished_review() -> None:
    assert next_due("month", D(2026, 11, 30)) == D(2026, 12, 30)
    assert next_due("week", D(2026, 11, 30), created="2020-01-01") == D(2026, 12, 7)


def test_a_role_never_reviewed_is_due_a_cadence_after_it_was_made() -> None:
    assert next_due("quarter", None, created="2026-11-25") == D(2027, 2, 25)
    assert next_due("month", None, created="2026-11-25T10:00:00Z") == D(2026, 12, 25)
    # An unknown creation date: due at once.
    assert next_due("month", None, created="", today=D(2026, 12, 1)) == D(2026, 12, 1)
    assert next_due("month", None, created="yesterday", today=D(2026, 12, 1)) == D(2026, 12, 1)


def test_an_unknown_cadence_counts_as_a_month() -> None:
    assert next_due("fortnight", D(2026, 11, 1)) == D(2026, 12, 1)


def test_due_when_today_reaches_the_due_date() -> None:
    assert not is_due(D(2026, 12, 2), D(2026, 12, 1))
    assert is_due(D(2026, 12, 1), D(2026, 12, 1))
    assert is_due(D(2026, 11, 1), D(2026, 12, 1))


def test_the_first_review_covers_the_last_cadence() -> None:
    period = default_period("month", None, D(2026, 12, 1))
    assert (period.start, period.last_day) == (D(2026, 11, 2), D(2026, 12, 1))
    week = default_period("week", None, D(2026, 12, 1))
    assert (week.start, week.last_day) == (D(2026, 11, 25), D(2026, 12, 1))


def test_a_review_covers_the_days_since_the_last_one() -> None:
    period = default_period("month", D(2026, 10, 31), D(2026, 12, 1))
    assert (period.start, period.last_day) == (D(2026, 11, 1), D(2026, 12, 1))


def test_nothing_to_review_when_the_last_review_reaches_today() -> None:
    with pytest.raises(InvalidValueError, match="already covers up to 2026-12-01"):
        default_period("month", D(2026, 12, 1), D(2026, 12, 1))
    # The day after, one day to review.
    period = default_period("month", D(2026, 12, 1), D(2026, 12, 2))
    assert (period.start, period.last_day) == (D(2026, 12, 2), D(2026, 12, 2))
