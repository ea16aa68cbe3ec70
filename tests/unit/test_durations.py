"""Durations as people type them, and the refusals."""

from __future__ import annotations

import pytest

from rolemap.domain.durations import format_clock, format_duration, parse_duration
from rolemap.domain.errors import InvalidValueError


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45m", 45 * 60),
        ("1h30", 90 * 60),
        ("1h30m", 90 * 60),
        ("1:30", 90 * 60),
        ("1.5h", 90 * 60),
        ("1,5h", 90 * 60),
        ("90", 90 * 60),
        ("2h 15m", 135 * 60),
        ("2 hours", 2 * 3600),
        ("45 min", 45 * 60),
        (" 1H ", 3600),
        ("0:05", 5 * 60),
        ("24h", 24 * 3600),
    ],
)
def test_forms_people_type(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "more than zero"),
        ("0m", "more than zero"),
        ("0:00", "more than zero"),
        ("-5m", "more than zero"),
        ("25h", "longer than one entry"),
        ("99999", "longer than one entry"),
        ("", "not a duration"),
        ("abc", "not a duration"),
        ("1h30x", "not a duration"),
        ("1:75", "not a duration"),
    ],
)
def test_refusals_say_why(text: str, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        parse_duration(text)


def test_formatting() -> None:
    assert format_duration(45 * 60) == "45m"
    assert format_duration(90 * 60) == "1h 30m"
    assert format_duration(2 * 3600) == "2h"
    assert format_duration(40) == "40s"
    assert format_duration(26 * 3600) == "1d 2h"
    assert format_clock(3725) == "1:02:05"
