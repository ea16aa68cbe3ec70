"""What a review shows for a period, as plain values: one row per activity, output, outcome.

The rows are filled by `domain.review_evidence.gather_evidence` and kept,
for a finished review, as JSON (`interchange/evidence_json.py`); they carry
the titles they show, since nodes may be renamed or deleted later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rolemap.domain.map_changes import MapChanges

WEAK_CONFIDENCE = 0.5
YIELD_HOURS = 10.0


@dataclass(frozen=True, slots=True)
class CheckPoint:
    """An outcome's value on a day (ISO date)."""

    day: str
    value: float


@dataclass(frozen=True)
class PeriodFacts:
    """A period's figures, as `store.figures` gives them (hours, not seconds).

    Attributes:
        activity_hours: activity id → hours tracked in the period.
        category_hours: category → hours tracked in the period.
        deliveries: output id → deliveries dated in the period.
        checkins: outcome id → its check-ins in date order: the latest before
            the period (where it stood when the period began), then those in it.
        first_checkin: outcome id → the date of its first check-in ever.
    """

    first_day: dt.date
    last_day: dt.date
    activity_hours: Mapping[str, float] = field(default_factory=dict)
    category_hours: Mapping[str, float] = field(default_factory=dict)
    deliveries: Mapping[str, int] = field(default_factory=dict)
    checkins: Mapping[str, Sequence[CheckPoint]] = field(default_factory=dict)
    first_checkin: Mapping[str, dt.date] = field(default_factory=dict)


def per_ten_hours(deliveries: int, hours: float) -> float | None:
    """Deliveries per 10 hours; None without hours."""
    return deliveries / hours * YIELD_HOURS if hours > 0 else None


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """Question 1, one activity: `outputs` are the ids of the outputs it feeds."""

    id: str
    title: str
    category: str
    planned_hours: float
    hours: float
    outputs: tuple[str, ...]
    deliveries: int
    reaches_outcome: bool

    @property
    def yield_per_10h(self) -> float | None:
        """Deliveries of the outputs it feeds per 10 of its hours (None: no hours or no output)."""
        return per_ten_hours(self.deliveries, self.hours) if self.outputs else None

    @property
    def idle(self) -> bool:
        """Hours spent and nothing delivered downstream."""
        return self.hours > 0 and self.deliveries == 0


@dataclass(frozen=True, slots=True)
class OutputRow:
    """Question 1, one output: hours that flowed into it (attributed) and its deliveries."""

    id: str
    title: str
    hours_in: float
    deliveries: int
    reaches_outcome: bool

    @property
    def yield_per_10h(self) -> float | None:
        """Deliveries per 10 hours on the activities that feed it (None without hours)."""
        return per_ten_hours(self.deliveries, self.hours_in)


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    """Question 2, one outcome, with its check-ins at the start and end of the period.

    `expected` is where a straight line from baseline to target by the due
    date stands on the end check-in's day; `on_track` None when that cannot
    be told (no baseline, target, due date or check-in).
    """

    id: str
    title: str
    unit: str
    direction: str
    baseline: float | None
    target: float | None
    due: str | None
    accountability: str
    hours: float
    weak_hours: float
    deliveries: int
    start: CheckPoint | None
    end: CheckPoint | None
    expected: float | None
    on_track: bool | None


@dataclass(frozen=True, slots=True)
class WeakLink:
    """A link of confidence below 50 % and the hours that went along it in the period."""

    id: str
    source: str
    target: str
    confidence: float
    hours: float


@dataclass(frozen=True, slots=True)
class Ranked:
    """A node with its hours (unanchored activities, outcomes with no hours)."""

    id: str
    title: str
    hours: float


@dataclass(frozen=True, slots=True)
class AllocationGap:
    """A category's actual share of the hours against its ideal share (0–1)."""

    category: str
    ideal: float
    actual: float
    hours: float

    @property
    def gap(self) -> float:
        """actual − ideal: negative when the category got less than planned."""
        return self.actual - self.ideal


@dataclass(frozen=True, slots=True)
class AccountabilityRow:
    """An accountability and the outcomes that serve it.

    `status`: "served" (its outcomes got time), "neglected" (they got none),
    "unserved" (no outcome names it), "unknown" (an outcome names it, the role
    does not list it).
    """

    name: str
    status: str
    outcomes: tuple[str, ...]
    hours: float


@dataclass(frozen=True)
class Evidence:
    """Everything the four questions show for a period; lists ranked as they are shown."""

    first_day: dt.date
    last_day: dt.date
    total_hours: float = 0.0
    purposeful_hours: float = 0.0
    attributed_hours: float = 0.0
    weak_hours: float = 0.0
    activities: tuple[ActivityRow, ...] = ()
    outputs: tuple[OutputRow, ...] = ()
    outcomes: tuple[OutcomeRow, ...] = ()
    weak_links: tuple[WeakLink, ...] = ()
    unanchored: tuple[Ranked, ...] = ()
    unfed_outcomes: tuple[Ranked, ...] = ()
    allocation: tuple[AllocationGap, ...] = ()
    accountabilities: tuple[AccountabilityRow, ...] = ()
    changes: MapChanges | None = None
    changes_note: str = ""

    @property
    def purposeful_share(self) -> float | None:
        """The share of the hours on activities that reach an outcome (None without hours)."""
        return self.purposeful_hours / self.total_hours if self.total_hours > 0 else None

    @property
    def idle_activities(self) -> tuple[ActivityRow, ...]:
        """Activities with hours and nothing delivered downstream, most hours first."""
        return tuple(a for a in self.activities if a.idle)

    @property
    def biggest_gap(self) -> AllocationGap | None:
        """The category furthest from its ideal share (None without hours or ideals)."""
        return self.allocation[0] if self.allocation else None

    @property
    def neglected(self) -> tuple[AccountabilityRow, ...]:
        """Accountabilities whose outcomes got no hours."""
        return tuple(a for a in self.accountabilities if a.status == "neglected")

    @property
    def unserved(self) -> tuple[AccountabilityRow, ...]:
        """Accountabilities no outcome serves."""
        return tuple(a for a in self.accountabilities if a.status == "unserved")
