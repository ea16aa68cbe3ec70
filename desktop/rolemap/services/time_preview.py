"""The preview of a time import: what would be written, left out and why, as values and JSON.

`ImportPlan` is what `services.time_import.plan_import` returns and
`apply_import` writes; `--dry-run --json` prints `ImportPlan.as_json`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rolemap.domain.time_rules import (
    TimeRule,
    UnmatchedName,
)
from rolemap.domain.tracking import TimeEntry
from rolemap.interchange.foreign_time import (
    ForeignFile,
)
from rolemap.services.time_mapping import (
    SkipTotal,
)

SHOWN_OVERLAPS = 20


class OverlapChoice(StrEnum):
    """What becomes of an imported entry that overlaps one already in Rolemap."""

    SKIP = "skip"
    KEEP = "keep"


# -- the preview ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActivityTotal:
    """The imported time one activity receives."""

    activity_id: str
    title: str
    entries: int
    seconds: int


@dataclass(frozen=True, slots=True)
class Overlap:
    """An imported entry and the stored entry (`existing_*`) it overlaps."""

    where: str
    name: str
    start: int
    duration: int
    activity: str
    existing_id: str
    existing_activity: str
    existing_start: int
    existing_duration: int | None


@dataclass(frozen=True, slots=True)
class ImportChoices:
    """What the person decides for an import.

    `rules` are the mapping rules (None: the role's stored ones); `ahead` are
    tried before them (`--map` pairs, the names assigned in the dialog);
    `overlaps` says what becomes of entries that overlap time already stored.
    """

    rules: tuple[TimeRule, ...] | None = None
    ahead: tuple[TimeRule, ...] = ()
    overlaps: OverlapChoice = OverlapChoice.SKIP


@dataclass(frozen=True, slots=True)
class Inputs:
    role_id: str
    foreign: ForeignFile
    choices: ImportChoices
    now: int


@dataclass
class ImportPlan:
    """The preview of an import: what would be written, and everything left out and why.

    `entries` are the checked time entries `apply_import` writes. `overlap_entries`
    and `overlap_seconds` count every imported entry that overlaps a stored one
    (written or skipped, by `overlap_choice`); `overlaps` shows the first few.
    """

    role_id: str
    role_name: str
    entries: list[TimeEntry]
    mapped: list[ActivityTotal]
    unmapped: list[UnmatchedName]
    skipped: list[SkipTotal]
    overlap_choice: OverlapChoice
    overlap_entries: int
    overlap_seconds: int
    overlaps: list[Overlap]
    _inputs: Inputs = field(repr=False)
    _snapshot: tuple[int, int] = field(repr=False)

    @property
    def mapped_seconds(self) -> int:
        """The seconds that would be written."""
        return sum(total.seconds for total in self.mapped)

    @property
    def unmapped_seconds(self) -> int:
        """The seconds no rule or activity title took."""
        return sum(name.seconds for name in self.unmapped)

    def as_json(self, tz: dt.tzinfo) -> dict[str, Any]:
        """The preview as plain JSON values (times ISO 8601 in `tz`; see README)."""
        return {
            "role": {"id": self.role_id, "name": self.role_name},
            "mapped": {
                **amount(sum(t.entries for t in self.mapped), self.mapped_seconds),
                "activities": [
                    {"id": t.activity_id, "title": t.title, **amount(t.entries, t.seconds)}
                    for t in self.mapped
                ],
            },
            "unmapped": {
                **amount(sum(n.entries for n in self.unmapped), self.unmapped_seconds),
                "names": [
                    {"field": n.field.value, "name": n.name, **amount(n.entries, n.seconds)}
                    for n in self.unmapped
                ],
            },
            "skipped": [{"reason": s.reason, **amount(s.entries, s.seconds)} for s in self.skipped],
            "overlaps": {
                "choice": self.overlap_choice.value,
                **amount(self.overlap_entries, self.overlap_seconds),
                "examples": [overlap_json(o, tz) for o in self.overlaps],
            },
        }


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What `apply_import` wrote: the plan it followed and the new entries' ids."""

    plan: ImportPlan
    entry_ids: list[str]


def amount(entries: int, seconds: int) -> dict[str, Any]:
    return {"entries": entries, "seconds": seconds, "hours": round(seconds / 3600, 3)}


def overlap_json(overlap: Overlap, tz: dt.tzinfo) -> dict[str, Any]:
    def span(start: int, duration: int | None) -> dict[str, Any]:
        end = None if duration is None else iso(start + duration, tz)
        return {"start": iso(start, tz), "end": end}

    return {
        "where": overlap.where,
        "name": overlap.name,
        "activity": overlap.activity,
        **span(overlap.start, overlap.duration),
        "existing": {
            "id": overlap.existing_id,
            "activity": overlap.existing_activity,
            **span(overlap.existing_start, overlap.existing_duration),
        },
    }


def iso(epoch: int, tz: dt.tzinfo) -> str:
    return dt.datetime.fromtimestamp(epoch, tz).isoformat(timespec="seconds")
