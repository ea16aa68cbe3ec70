"""The quarterly checklist: is the role kept in balance across activities, outputs and outcomes?

A role's checklist for a quarter ("2026-Q4") has automatic items, each
decided from the data, items ticked by hand, and the person's own items.
How each automatic item is decided, over the quarter so far:

- every outcome had a check-in in the quarter;
- every accountability of the role is named by an outcome (the outcome's
  "accountability" detail; an outcome without one names none);
- the purposeful share of the quarter's hours met the role's target;
- a hands-on output was delivered in every month of the quarter that has
  ended (judged once the first month is over);
- each category's share of the quarter's hours is within `BALANCE_POINTS` of
  its ideal share (when the role has an ideal allocation);
- a review finished for every period of the role's review cadence that has
  ended in the quarter (a review counts for the period its last day falls in).

A quarter's checklist is kept: `FREEZE_AFTER_DAYS` after the quarter ends
(time for late check-ins and the closing review), the automatic items'
results are stored as they stand and read from then on instead of the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from rolemap.domain.entities import Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.plan_check import BALANCE_POINTS, balance_gaps, percent
from rolemap.domain.quarter import Quarter
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import Week


class ChecklistRule(StrEnum):
    """A generated checklist item; the value is its stored key."""

    OUTCOME_CHECKINS = "outcome-checkins"
    ACCOUNTABILITY_OUTCOMES = "accountability-outcomes"
    PURPOSEFUL_SHARE = "purposeful-share"
    HANDS_ON_DELIVERED = "hands-on-delivered"
    CATEGORY_BALANCE = "category-balance"
    REVIEWS_ON_CADENCE = "reviews-on-cadence"
    MANAGER_WALKTHROUGH = "manager-walkthrough"
    MAP_CURRENT = "map-current"

    @property
    def automatic(self) -> bool:
        """Whether the data decides this item (the last two are ticked by hand)."""
        return self not in (ChecklistRule.MANAGER_WALKTHROUGH, ChecklistRule.MAP_CURRENT)

    def text(self, role: Role) -> str:
        """The item as the person reads it, for `role`."""
        if self is ChecklistRule.PURPOSEFUL_SHARE:
            return f"Purposeful share met its target ({percent(role.purposeful_target)})"
        if self is ChecklistRule.REVIEWS_ON_CADENCE:
            return {
                "week": "A review held every week",
                "quarter": "The quarter's review held",
            }.get(role.review_cadence, "A review held every month")
        return _TEXT[self]


_TEXT = {
    ChecklistRule.OUTCOME_CHECKINS: "Every outcome had a check-in this quarter",
    ChecklistRule.ACCOUNTABILITY_OUTCOMES: "Every accountability has an outcome",
    ChecklistRule.HANDS_ON_DELIVERED: "A hands-on output delivered every month",
    ChecklistRule.CATEGORY_BALANCE: (
        f"Each category within {BALANCE_POINTS * 100:.0f} points of its ideal share"
    ),
    ChecklistRule.MANAGER_WALKTHROUGH: "Went over the map with my manager",
    ChecklistRule.MAP_CURRENT: "The map still describes the role: new work added, stale work gone",
}


@dataclass(frozen=True, slots=True)
class QuarterFacts:
    """What the automatic items are decided from, gathered over the quarter so far.

    Attributes:
        today: the day of the evaluation.
        checkins: outcome id → check-ins dated in the quarter so far.
        tracked_hours: hours tracked in the quarter so far.
        purposeful_share: their purposeful share (None without hours).
        category_hours: category → hours tracked.
        hands_on_by_month: (month, deliveries of hands-on outputs) for each month that has ended.
        reviews: (first day, last day) of each finished review of the role; None when the
            file keeps no reviews.
    """

    today: dt.date
    checkins: Mapping[str, int] = field(default_factory=dict)
    tracked_hours: float = 0.0
    purposeful_share: float | None = None
    category_hours: Mapping[str, float] = field(default_factory=dict)
    hands_on_by_month: tuple[tuple[Period, int], ...] = ()
    reviews: tuple[tuple[dt.date, dt.date], ...] | None = ()


@dataclass(frozen=True, slots=True)
class ItemResult:
    """An automatic item decided: ticked (None: nothing to judge yet), why, and the nodes."""

    rule: ChecklistRule
    ticked: bool | None
    detail: str
    node_ids: tuple[str, ...] = ()


def evaluate(role_map: RoleMap, quarter: Quarter, facts: QuarterFacts) -> tuple[ItemResult, ...]:
    """Decide every automatic item of `quarter` from `facts`, in the rules' order."""
    deciders: dict[ChecklistRule, Callable[[RoleMap, Quarter, QuarterFacts], ItemResult]] = {
        ChecklistRule.OUTCOME_CHECKINS: _outcome_checkins,
        ChecklistRule.ACCOUNTABILITY_OUTCOMES: _accountability_outcomes,
        ChecklistRule.PURPOSEFUL_SHARE: _purposeful_share,
        ChecklistRule.HANDS_ON_DELIVERED: _hands_on_delivered,
        ChecklistRule.CATEGORY_BALANCE: _category_balance,
        ChecklistRule.REVIEWS_ON_CADENCE: _reviews_on_cadence,
    }
    return tuple(decide(role_map, quarter, facts) for decide in deciders.values())


def _outcome_checkins(role_map: RoleMap, quarter: Quarter, facts: QuarterFacts) -> ItemResult:
    rule = ChecklistRule.OUTCOME_CHECKINS
    outcomes = role_map.nodes_of(NodeKind.OUTCOME)
    if not outcomes:
        return ItemResult(rule, False, "The map has no outcome yet.")
    missing = [n for n in outcomes if facts.checkins.get(n.id, 0) == 0]
    if not missing:
        return ItemResult(rule, True, f"All {len(outcomes)} outcomes have a check-in.")
    return ItemResult(
        rule,
        False,
        f"No check-in on {_titles([n.title for n in missing])}.",
        tuple(n.id for n in missing),
    )


def accountability_of(value: object) -> tuple[str, ...]:
    """The accountabilities an outcome's "accountability" detail names (text or a list of
    texts; anything else names none)."""
    items = value if isinstance(value, list | tuple) else [value]
    return tuple(" ".join(v.split()).casefold() for v in items if isinstance(v, str) and v.strip())


def _accountability_outcomes(
    role_map: RoleMap, quarter: Quarter, facts: QuarterFacts
) -> ItemResult:
    rule = ChecklistRule.ACCOUNTABILITY_OUTCOMES
    accountabilities = [a for a in role_map.role.accountabilities if a.strip()]
    if not accountabilities:
        return ItemResult(rule, None, "The role lists no accountabilities.")
    outcomes = role_map.nodes_of(NodeKind.OUTCOME)
    named = {name for n in outcomes for name in accountability_of(n.detail("accountability"))}
    missing = [a for a in accountabilities if " ".join(a.split()).casefold() not in named]
    if not missing:
        return ItemResult(rule, True, f"All {len(accountabilities)} have an outcome.")
    loose = tuple(n.id for n in outcomes if not accountability_of(n.detail("accountability")))
    hint = " (give an outcome its accountability in its properties)" if loose else ""
    return ItemResult(rule, False, f"No outcome for {_titles(missing)}{hint}.", loose)


def _purposeful_share(role_map: RoleMap, quarter: Quarter, facts: QuarterFacts) -> ItemResult:
    rule = ChecklistRule.PURPOSEFUL_SHARE
    target = role_map.role.purposeful_target
    share = facts.purposeful_share
    if share is None or facts.tracked_hours <= 0:
        return ItemResult(rule, False, "No time tracked in the quarter.")
    detail = (
        f"{percent(share)} of {facts.tracked_hours:.0f} h reached an outcome; "
        f"the target is {percent(target)}."
    )
    return ItemResult(rule, share + 1e-9 >= target, detail)


def _hands_on_delivered(role_map: RoleMap, quarter: Quarter, facts: QuarterFacts) -> ItemResult:
    rule = ChecklistRule.HANDS_ON_DELIVERED
    if not any(n.detail("hands_on") is not False for n in role_map.nodes_of(NodeKind.OUTPUT)):
        return ItemResult(rule, False, "The map has no hands-on output.")
    if not facts.hands_on_by_month:
        first = quarter.months[0].start
        assert first is not None
        return ItemResult(rule, None, f"Judged once {first:%B} is over.")
    counts = ", ".join(f"{m.start:%B} {n}" for m, n in facts.hands_on_by_month if m.start)
    ticked = all(n > 0 for _, n in facts.hands_on_by_month)
    return ItemResult(rule, ticked, f"Hands-on deliveries: {counts}.")


def _category_balance(role_map: RoleMap, quarter: Quarter, facts: QuarterFacts) -> ItemResult:
    rule = ChecklistRule.CATEGORY_BALANCE
    ideal = role_map.role.ideal_allocation
    if not ideal:
        return ItemResult(rule, None, "The role has no ideal allocation to compare with.")
    if sum(facts.category_hours.values()) <= 0:
        return ItemResult(rule, False, "No time tracked in the quarter.")
    gaps = balance_gaps(facts.category_hours, ideal)
    if not gaps:
        return ItemResult(rule, True, "Every category is near its ideal share.")
    parts = [f"{name} {percent(share)} (ideal {percent(aim)})" for name, share, aim in gaps[:3]]
    more = f" and {len(gaps) - 3} more" if len(gaps) > 3 else ""
    return ItemResult(rule, False, f"Off balance: {'; '.join(parts)}{more}.")


def cadence_periods(cadence: str, quarter: Quarter) -> list[tuple[dt.date, dt.date, str]]:
    """(first day, last day, name) of each period of a review cadence that ends in `quarter`."""
    if cadence == "week":
        week = Week.of(quarter.first_day)
        periods = []
        while week.monday <= quarter.last_day:
            if quarter.first_day <= week.sunday <= quarter.last_day:
                periods.append((week.monday, week.sunday, f"week {week.number}"))
            week = week.shifted(1)
        return periods
    if cadence == "quarter":
        return [(quarter.first_day, quarter.last_day, f"Q{quarter.number}")]
    return [
        (m.start, m.end - dt.timedelta(days=1), f"{m.start:%B}")
        for m in quarter.months
        if m.start is not None and m.end is not None
    ]


def _reviews_on_cadence(role_map: RoleMap, quarter: Quarter, facts: QuarterFacts) -> ItemResult:
    rule = ChecklistRule.REVIEWS_ON_CADENCE
    if facts.reviews is None:
        return ItemResult(rule, None, "This file keeps no reviews.")
    periods = cadence_periods(role_map.role.review_cadence, quarter)
    due = [(a, b, name) for a, b, name in periods if b < facts.today]
    if not due:
        return ItemResult(rule, None, f"The first is due once {periods[0][2]} is over.")
    held = [any(a <= ended <= b for _, ended in facts.reviews) for a, b, _ in due]
    missed = [name for (_, _, name), ok in zip(due, held, strict=True) if not ok]
    detail = f"{sum(held)} of {len(due)} held"
    if missed:
        detail += f"; none for {_titles(missed, quote=False)}"
    return ItemResult(rule, not missed, detail + ".")


def _titles(names: Sequence[str], most: int = 3, *, quote: bool = True) -> str:
    shown = [f"‘{n}’" if quote else n for n in names[:most]]
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
