"""Durations as people type them ("45m", "1h30", "1:30", "1.5h", "90", "2h 15m") and back.

A bare number is minutes. Every duration must be more than zero and at most
`MAX_ENTRY_SECONDS` (one time entry longer than a day is a typo or a
forgotten timer); anything else is refused with a message that says why.
"""

from __future__ import annotations

import math
import re

from rolemap.domain.errors import InvalidValueError

MAX_ENTRY_SECONDS = 24 * 3600

_NUMBER = r"\d+(?:[.,]\d+)?|[.,]\d+"
_FORM = re.compile(
    rf"""^(?:(?P<h>{_NUMBER})\s*h(?:ours?|rs?)?)?\s*
         (?:(?P<m>{_NUMBER})\s*(?P<m_unit>m(?:in(?:ute)?s?)?)?)?$""",
    re.VERBOSE,
)
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d)$")
EXAMPLES = "45m, 1h30, 1:30, 1.5h or 90 (minutes)"


def parse_duration(text: str) -> int:
    """Seconds in `text`; InvalidValueError for anything unreadable, zero, negative or absurd."""
    cleaned = text.strip().lower()
    if cleaned.startswith("-"):
        raise InvalidValueError(f"A duration must be more than zero (not ‘{text.strip()}’).")
    clock = _CLOCK.match(cleaned)
    if clock:
        seconds = int(clock["h"]) * 3600 + int(clock["m"]) * 60
    else:
        form = _FORM.match(cleaned)
        if not cleaned or form is None or (form["h"] is None and form["m"] is None):
            raise InvalidValueError(
                f"‘{text.strip()}’ is not a duration: write it like {EXAMPLES}."
            )
        hours = _number(form["h"])
        minutes = _number(form["m"])
        seconds = round(hours * 3600 + minutes * 60)
    check_duration(seconds)
    return seconds


def check_duration(seconds: int | float | None) -> int:
    """`seconds` as an int if it is a valid duration of a finished entry; else InvalidValueError."""
    if seconds is None or isinstance(seconds, bool) or not math.isfinite(seconds):
        raise InvalidValueError("A time entry needs a duration.")
    if seconds <= 0:
        raise InvalidValueError("A duration must be more than zero.")
    if seconds > MAX_ENTRY_SECONDS:
        raise InvalidValueError(
            f"{format_duration(int(seconds))} is longer than one entry may be (24 h): "
            "split it into several entries."
        )
    return int(seconds)


def format_duration(seconds: int) -> str:
    """A duration for people: "45m", "1h 30m", "2h", "3d 4h"; under a minute, "40s"."""
    if 0 < seconds < 60:
        return f"{int(seconds)}s"
    minutes = max(0, int(seconds)) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours and minutes:
        return f"{hours}h {minutes:02d}m"
    if hours:
        return f"{hours}h"
    return f"{minutes}m"


def format_clock(seconds: int) -> str:
    """Elapsed time on a running timer: "0:07:05", "12:00:00"."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _number(text: str | None) -> float:
    return float(text.replace(",", ".")) if text else 0.0
