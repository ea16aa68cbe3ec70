"""The rules every tracking record obeys, shared by the window and the command line.

Building a record goes through these functions, so a bad value gets the same
message wherever it was typed: zero or absurd durations, an end before a
start, dates that do not parse, a second timer, a confidence outside 0–1.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from rolemap.domain.durations import MAX_ENTRY_SECONDS, check_duration, format_duration
from rolemap.domain.entities import Node, new_id
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.text import clean_line, clean_text
from rolemap.domain.time_range import LATEST, RANGE_TEXT, check_day, check_start
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry


def time_entry(
    activity_id: str,
    start: int,
    duration: int,
    note: str = "",
    source: str = "manual",
    entry_id: str | None = None,
) -> TimeEntry:
    """A finished time entry, checked (duration > 0, ≤ 24 h; inside the range kept)."""
    return check_entry(
        TimeEntry(
            id=entry_id or new_id(),
            activity_id=activity_id,
            start=check_start(start),
            duration=check_duration(duration),
            note=clean_text(note, "The note"),
            source=source,
        )
    )


def entry_between(activity_id: str, start: int, end: int, note: str = "") -> TimeEntry:
    """A time entry from `start` to `end` (epoch seconds); an end before the start is refused."""
    if end <= start:
        raise InvalidValueError("The end is not after the start: nothing was saved.")
    return time_entry(activity_id, start, end - start, note)


def check_entry(entry: TimeEntry) -> TimeEntry:
    """Check an entry from any way in; a running one (duration None) needs a sensible start."""
    check_start(entry.start)
    if entry.duration is not None:
        check_duration(entry.duration)
        if entry.start + entry.duration > LATEST:
            raise InvalidValueError(f"That entry ends outside the range: {RANGE_TEXT}.")
    return entry


# -- the timer ---------------------------------------------------------------------------


def start_timer(
    running: TimeEntry | None, activity_id: str, now: int, title: str = ""
) -> TimeEntry:
    """The open entry a new timer writes; refused while another timer runs."""
    if running is not None:
        raise InvalidValueError(
            f"A timer is already running{f' on ‘{title}’' if title else ''}: stop it or switch."
        )
    return TimeEntry(new_id(), activity_id, check_start(now), None, source="timer")


def stop_timer(running: TimeEntry | None, now: int) -> TimeEntry:
    """The running entry closed at `now` (epoch seconds)."""
    if running is None:
        raise InvalidValueError("No timer is running.")
    elapsed = now - running.start
    if elapsed <= 0:
        raise InvalidValueError("The timer has not run for a second yet: nothing to stop.")
    if elapsed > MAX_ENTRY_SECONDS:
        raise InvalidValueError(
            f"The timer has run for {format_duration(elapsed)}, longer than one entry may be "
            "(24 h): give the time you stopped (rolemap stop --at TIME, or edit the entry's "
            "duration in the Track tab)."
        )
    return TimeEntry(
        running.id,
        running.activity_id,
        running.start,
        elapsed,
        running.note,
        running.source,
        running.external_id,
        running.example,
    )


# -- deliveries and check-ins ------------------------------------------------------------


def check_date(text: str) -> str:
    """An ISO date (YYYY-MM-DD) as stored."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValueError(
            f"‘{text.strip()}’ is not a date: write it as YYYY-MM-DD."
        ) from None
    return check_day(day).isoformat()


def delivery(output_id: str, date: str, title: str = "", link: str = "") -> Delivery:
    """A delivery of an output, checked."""
    return Delivery(
        new_id(),
        output_id,
        check_date(date),
        clean_line(title, "The delivery's title"),
        clean_line(link, "The evidence link", 2000),
    )


def parse_value(text: str | float) -> float:
    """A check-in value: a finite number ("12", "3.5", "3,5", "90 %")."""
    try:
        value = float(str(text).strip().rstrip("%").strip().replace(",", "."))
    except ValueError:
        raise InvalidValueError(f"‘{text}’ is not a number.") from None
    if not math.isfinite(value):
        raise InvalidValueError("A check-in value must be a finite number.")
    return value


def parse_confidence(text: str | float | None) -> float | None:
    """A confidence as a share 0–1: "0.7", "70%" or "70" (taken as percent when > 1)."""
    if text is None or str(text).strip() == "":
        return None
    cleaned = str(text).strip()
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.rstrip("%").strip().replace(",", "."))
    except ValueError:
        raise InvalidValueError(
            f"‘{cleaned}’ is not a confidence: give 0–1 or a percent."
        ) from None
    if percent or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise InvalidValueError("A confidence is between 0 and 1 (0 %–100 %).")
    return value


def checkin(
    outcome_id: str,
    date: str,
    value: str | float,
    confidence: str | float | None = None,
    note: str = "",
) -> CheckIn:
    """A check-in on an outcome, checked."""
    return CheckIn(
        new_id(),
        outcome_id,
        check_date(date),
        parse_value(value),
        parse_confidence(confidence),
        clean_text(note, "The note"),
    )


# -- names -------------------------------------------------------------------------------


def find_by_title(nodes: Iterable[Node], kind: NodeKind, name: str) -> Node:
    """The node of `kind` whose title matches `name` case-insensitively.

    An exact title wins, then a unique prefix, then a unique part of a title.
    Unknown or ambiguous names are refused with the candidates listed.
    """
    candidates = sorted((n for n in nodes if n.kind is kind), key=lambda n: n.title.casefold())
    wanted = name.strip().casefold()
    for test in (
        lambda title: title == wanted,
        lambda title: title.startswith(wanted),
        lambda title: wanted in title,
    ):
        found = [n for n in candidates if wanted and test(n.title.casefold())]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(f"‘{n.title}’" for n in found)
            raise InvalidValueError(f"‘{name}’ matches several {kind.lane_title.lower()}: {names}.")
    names = ", ".join(f"‘{n.title}’" for n in candidates) or "none yet"
    raise InvalidValueError(f"No {kind.value} is called ‘{name}’. {kind.lane_title}: {names}.")
