"""The week's plan with its actual figures, its edits, and the weeks kept as history.

The Plan view and `rolemap plan` both come here. Actual hours, deliveries and
check-ins are read through `store.figures` (the daily roll-up), so a refresh
after one logged entry reads a week's roll-up rows, not the log: a few
milliseconds with a million entries (tests/benchmarks/bench_plan.py).

Edits take plain values: the command line changes a plan with
`edit_plan`, which stores the whole week's plan in one transaction and
returns it before and after; the window's undo command holds the same two
values and replays them through `PlanRepository.put_plan`/`delete_plan`.

History: a week's result is its stored plan beside the hours and deliveries
the roll-up holds for it now, read when asked. Late entries for a past week
therefore count, and a review keeps its own copy of the figures when it
finishes; nothing is copied at the week's end.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.periods import Period, local_date
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import Week, WeekPlan, prefill
from rolemap.domain.week_report import WeekReport, WeekResult, week_report, week_result
from rolemap.store.database import Store
from rolemap.store.figures import (
    activity_week_seconds,
    delivery_week_counts,
    role_figures,
)
from rolemap.store.plan_figures import checkin_counts
from rolemap.store.plan_repository import PlanRepository


def this_week(tz: dt.tzinfo, now: int) -> Week:
    """The ISO week holding `now` in the person's zone."""
    return Week.of(local_date(now, tz))


def load_plan(store: Store, role_map: RoleMap, week: Week) -> tuple[WeekPlan, bool]:
    """The week's plan and whether it is stored; a week without one gives the prefill."""
    stored = PlanRepository(store).plan(role_map.role.id, week)
    if stored is None:
        return prefill(role_map, week), False
    return stored.on_map(role_map), True


def week_view(
    store: Store,
    role_map: RoleMap,
    week: Week,
    *,
    tz: dt.tzinfo,
    now: int,
    refresh_zone: bool = True,
) -> WeekReport:
    """The week's plan beside its actual figures so far (the running timer's time included).

    `refresh_zone` as in `store.figures.role_figures`: the Plan view may pass
    False on a refresh that follows a save (the zone was checked at the first).
    """
    plan, stored = load_plan(store, role_map, week)
    return report_of(store.conn, role_map, plan, stored, tz=tz, now=now, refresh_zone=refresh_zone)


def report_of(
    conn: sqlite3.Connection,
    role_map: RoleMap,
    plan: WeekPlan,
    stored: bool,
    *,
    tz: dt.tzinfo,
    now: int,
    refresh_zone: bool = True,
) -> WeekReport:
    """A given plan (stored, prefilled or being edited) beside its week's actual figures."""
    period = plan.week.period
    figures = role_figures(conn, role_map, period, tz, now, refresh_zone=refresh_zone)
    checkins = checkin_counts(conn, role_map.role.id, period)
    return week_report(
        role_map,
        plan,
        stored=stored,
        activity_seconds=figures.activity_seconds,
        deliveries=figures.deliveries,
        checkins=checkins,
        latest=figures.checkins,
        today=local_date(now, tz),
    )


@dataclass(frozen=True, slots=True)
class PlanEdit:
    """A stored edit of a week's plan: the plan before (None: the week had none) and after."""

    before: WeekPlan | None
    after: WeekPlan

    @property
    def started(self) -> bool:
        """Whether this edit made the week's plan (from the prefill)."""
        return self.before is None


def edit_plan(
    store: Store, role_map: RoleMap, week: Week, change: Callable[[WeekPlan], WeekPlan]
) -> PlanEdit:
    """Apply `change` to the week's plan (the prefill if it has none) and store the result.

    One transaction; `change` may raise InvalidValueError, and then nothing is written.
    """
    plans = PlanRepository(store)
    with store.transaction():
        current = plans.plan(role_map.role.id, week)
        base = prefill(role_map, week) if current is None else current
        after = change(base)
        plans.put_plan(after)
    return PlanEdit(current, after)


@dataclass(frozen=True, slots=True)
class PlanCopy:
    """What `copy_latest_plan` did: the week copied from, the new plan, the plan it replaced."""

    source: Week
    plan: WeekPlan
    replaced: WeekPlan | None


def copy_latest_plan(
    store: Store, role_map: RoleMap, week: Week, *, replace: bool = False
) -> PlanCopy:
    """Copy the latest stored plan before `week` into it (days moved along with it).

    Refused (InvalidValueError, nothing written) when no earlier week has a
    plan, or when `week` has one and `replace` is not asked. What is no longer
    on the map is left behind.
    """
    plans = PlanRepository(store)
    role_id = role_map.role.id
    with store.transaction():
        source = plans.latest_plan_before(role_id, week)
        if source is None:
            raise InvalidValueError(
                f"No week before {week.label} has a plan to copy: start one with "
                "`rolemap plan set`, which begins from each activity's planned hours."
            )
        existing = plans.plan(role_id, week)
        if existing is not None and not replace:
            raise InvalidValueError(
                f"{week.label.capitalize()} already has a plan: copy over it with --replace."
            )
        copied = source.moved_to(week).on_map(role_map)
        plans.put_plan(copied)
    return PlanCopy(source.week, copied, existing)


def plan_history(
    store: Store, role_map: RoleMap, first: Week, last: Week, *, tz: dt.tzinfo, now: int
) -> list[WeekResult]:
    """Per week from `first` to `last` that has a plan: planned and actual hours per activity,
    intended and delivered outputs (what reviews and the "plan vs actual" chart read).

    Two roll-up queries for the whole range, however many weeks it holds.
    """
    role_id = role_map.role.id
    plans = PlanRepository(store).plans_between(role_id, first, last)
    if not plans:
        return []
    span = Period("range", plans[0].week.monday, plans[-1].week.sunday + dt.timedelta(days=1))
    seconds: dict[dt.date, dict[str, int]] = {}
    for monday, activity_id, amount in activity_week_seconds(store.conn, role_map, span, tz, now):
        seconds.setdefault(monday, {})[activity_id] = amount
    deliveries: dict[dt.date, dict[str, int]] = {}
    for monday, output_id, count in delivery_week_counts(store.conn, role_id, span):
        deliveries.setdefault(monday, {})[output_id] = count
    return [
        week_result(
            role_map,
            plan,
            seconds.get(plan.week.monday, {}),
            deliveries.get(plan.week.monday, {}),
        )
        for plan in plans
    ]
