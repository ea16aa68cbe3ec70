"""What each lane records over time: time entries, deliveries, check-ins.

Times are UTC epoch seconds; dates are ISO `YYYY-MM-DD` in the person's
local calendar. `example` marks the sample data of the example role.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordKind(StrEnum):
    """A kind of tracking record; its value is the table that stores it."""

    TIME_ENTRIES = "time_entries"
    DELIVERIES = "deliveries"
    CHECKINS = "checkins"


@dataclass(frozen=True, slots=True)
class TimeEntry:
    """Time spent on an activity; `duration` is None while its timer runs."""

    id: str
    activity_id: str
    start: int
    duration: int | None
    note: str = ""
    source: str = "manual"
    external_id: str | None = None
    example: bool = False


@dataclass(frozen=True, slots=True)
class Delivery:
    """An output delivered on a date, with evidence."""

    id: str
    output_id: str
    date: str
    title: str = ""
    link: str = ""
    example: bool = False


@dataclass(frozen=True, slots=True)
class CheckIn:
    """An outcome's metric value on a date, with a confidence (0–1)."""

    id: str
    outcome_id: str
    date: str
    value: float
    confidence: float | None = None
    note: str = ""
    example: bool = False
