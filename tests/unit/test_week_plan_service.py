"""The week's plan with its figures, edits, copies and history; the quarter's checklist kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from rolemap.domain import record_rules
from rolemap.domain.checklist_items import Checklist
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_zone
from rolemap.domain.plan_check import PlanFindingKind
from rolemap.domain.quarter import Quarter
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import PlannedOutput, Week
from rolemap.services import quarter_checklist as checklists
from rolemap.services.transfer import seed_example
from rolemap.services.week_plan import (
    copy_latest_plan,
    edit_plan,
    load_plan,
    plan_history,
    this_week,
    week_view,
)
from rolemap.store.database import Store
from rolemap.store.plan_repository import PlanRepository
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

TZ = local_zone()
W49 = Week(2026, 49)


def at(day: dt.date, hour: int = 10) -> int:
    return int(dt.datetime.combine(day, dt.time(hour), tzinfo=TZ).timestamp())


NOW = at(dt.date(2026, 12, 2), 18)  # Wednesday of 2026-W49


@pytest.fixture
def example(empty_store: Store) -> Iterator[tuple[Store, RoleMap]]:
    """The example role without its sample records: every figure here is placed by hand."""
    seed_example(empty_store, records=False)
    roles = RoleRepository(empty_store)
    yield empty_store, roles.load_map(roles.list_roles()[0].id)


def node(role_map: RoleMap, title: str) -> str:
    return next(n.id for n in role_map if n.title == title)


def log(store: Store, activity: str, start: int, seconds: int) -> None:
    with store.transaction():
        RecordRepository(store).put_time_entries(
            [record_rules.time_entry(activity, start, seconds)]
        )


def test_a_week_without_a_plan_shows_the_prefill(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    plan, stored = load_plan(store, role_map, W49)
    assert not stored and plan.total_hours == 29.0
    report = week_view(store, role_map, W49, tz=TZ, now=NOW)
    assert not report.stored and report.planned_hours == 29.0 and report.actual_hours == 0
    assert len(report.activities) == 8 and report.outputs == () and report.focus == ()
    assert [f.kind for f in report.findings] == [PlanFindingKind.UNANCHORED_HOURS]
    assert this_week(TZ, NOW) == W49


def test_planned_against_actual_as_the_week_goes(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    reviews, docs = node(role_map, "Code reviews"), node(role_map, "Design docs")
    writing, goal = node(role_map, "Writing design docs"), node(role_map, "Delivery predictability")
    done = edit_plan(
        store,
        role_map,
        W49,
        lambda p: (
            p.with_hours(reviews, 6)
            .with_output(PlannedOutput(docs, 2, dt.date(2026, 12, 3)))
            .with_focus(goal)
        ),
    )
    assert done.started and done.before is None and done.after.hours[reviews] == 6
    log(store, reviews, at(dt.date(2026, 12, 1)), 5400)
    log(store, reviews, at(dt.date(2026, 11, 29)), 3600)  # the week before: not counted
    log(store, writing, at(dt.date(2026, 12, 2), 9), 7200)
    with store.transaction():
        records = RecordRepository(store)
        records.put_deliveries([record_rules.delivery(docs, "2026-12-02")])
        records.put_checkins([record_rules.checkin(goal, "2026-11-20", 61)])
    report = week_view(store, role_map, W49, tz=TZ, now=NOW)
    lines = {a.title: a for a in report.activities}
    assert (lines["Code reviews"].planned_hours, lines["Code reviews"].actual_hours) == (6.0, 1.5)
    assert lines["Writing design docs"].actual_hours == 2.0
    assert report.stored and report.actual_hours == 3.5 and report.planned_hours == 30.0
    (output,) = report.outputs
    assert (output.intended, output.delivered, output.done) == (2, 1, False)
    assert output.feeders == ("Writing design docs",)
    (focus,) = report.focus
    assert focus.checkin_due and focus.latest is not None and focus.latest.value == 61
    with store.transaction():
        RecordRepository(store).put_checkins([record_rules.checkin(goal, "2026-12-01", 63)])
    (focus,) = week_view(store, role_map, W49, tz=TZ, now=NOW).focus
    assert not focus.checkin_due and focus.checkins == 1 and focus.latest.value == 63  # type: ignore[union-attr]


def test_a_running_timer_counts_as_it_runs(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    reviews = node(role_map, "Code reviews")
    with store.transaction():
        RecordRepository(store).put_time_entries(
            [record_rules.start_timer(None, reviews, NOW - 1800)]
        )
    report = week_view(store, role_map, W49, tz=TZ, now=NOW)
    assert next(a for a in report.activities if a.activity_id == reviews).actual_hours == 0.5


def test_a_refused_edit_writes_nothing(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    with pytest.raises(InvalidValueError):
        edit_plan(store, role_map, W49, lambda p: p.with_hours(node(role_map, "Code reviews"), -2))
    assert PlanRepository(store).plan(role_map.role.id, W49) is None


def test_copy_the_latest_plan(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    docs = node(role_map, "Design docs")
    with pytest.raises(InvalidValueError, match="No week before week 49"):
        copy_latest_plan(store, role_map, W49)
    edit_plan(
        store,
        role_map,
        Week(2026, 47),
        lambda p: p.with_output(PlannedOutput(docs, 1, dt.date(2026, 11, 19))),
    )
    copied = copy_latest_plan(store, role_map, W49)
    assert copied.source == Week(2026, 47) and copied.replaced is None
    assert copied.plan.outputs == (PlannedOutput(docs, 1, dt.date(2026, 12, 3)),)
    with pytest.raises(InvalidValueError, match="already has a plan"):
        copy_latest_plan(store, role_map, W49)
    again = copy_latest_plan(store, role_map, W49, replace=True)
    assert again.replaced == copied.plan
    assert PlanRepository(store).plan(role_map.role.id, W49) == again.plan


def test_history_gives_each_planned_week_its_result(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    reviews, docs = node(role_map, "Code reviews"), node(role_map, "Design docs")
    edit_plan(store, role_map, Week(2026, 47), lambda p: p.with_output(PlannedOutput(docs, 2)))
    edit_plan(store, role_map, W49, lambda p: p.with_hours(reviews, 1))
    log(store, reviews, at(dt.date(2026, 11, 17)), 3600)
    log(store, reviews, at(dt.date(2026, 11, 24)), 7200)  # week 48 has no plan
    with store.transaction():
        RecordRepository(store).put_deliveries(
            [
                record_rules.delivery(docs, "2026-11-18"),
                record_rules.delivery(docs, "2026-11-19"),
                record_rules.delivery(docs, "2026-11-20"),
            ]
        )
    history = plan_history(store, role_map, Week(2026, 40), Week(2026, 52), tz=TZ, now=NOW)
    assert [r.week for r in history] == [Week(2026, 47), W49]
    first, second = history
    assert first.planned_total == 29.0 and first.actual_total == 1.0
    assert (first.intended_total, first.delivered_total) == (2, 2)  # three delivered, two intended
    assert first.delivered[docs] == 3
    assert second.planned[reviews] == 1.0 and second.actual_total == 0
    assert plan_history(store, role_map, Week(2025, 1), Week(2025, 10), tz=TZ, now=NOW) == []


def test_the_quarters_checklist_is_kept_after_its_freeze_day(
    example: tuple[Store, RoleMap],
) -> None:
    store, role_map = example
    q4 = Quarter(2026, 4)
    running = checklists.quarter_checklist(store, role_map, q4, tz=TZ, now=NOW)
    assert running.frozen_on is None
    assert PlanRepository(store).checklist_items(role_map.role.id, "2026-Q4") == []
    share = running.find("Purposeful")
    assert share.ticked is False and share.detail == "No time tracked in the quarter."
    # Only months that are over are judged: December is still running on 2 December.
    with store.transaction():
        RecordRepository(store).put_deliveries(
            [
                record_rules.delivery(node(role_map, "Design docs"), "2026-11-12"),
                record_rules.delivery(node(role_map, "Merged changes"), "2026-10-12"),
            ]
        )
    hands_on = checklists.quarter_checklist(store, role_map, q4, tz=TZ, now=NOW).find("hands-on")
    assert hands_on.ticked is False  # the October delivery was the team's work, not hands-on
    assert hands_on.detail == "Hands-on deliveries: October 0, November 1."
    # Two weeks into January: still live (late entries count), then kept on the 15th.
    january = at(dt.date(2027, 1, 14))
    log(store, node(role_map, "Code reviews"), at(dt.date(2026, 12, 30)), 3600)
    assert checklists.quarter_checklist(store, role_map, q4, tz=TZ, now=january).frozen_on is None
    kept = checklists.quarter_checklist(store, role_map, q4, tz=TZ, now=at(dt.date(2027, 1, 15)))
    assert kept.frozen_on == dt.date(2027, 1, 15)
    assert kept.find("Purposeful").ticked is True
    # Later changes to the log do not move a kept quarter.
    log(store, node(role_map, "Email & status updates"), at(dt.date(2026, 12, 29)), 20 * 3600)
    later = checklists.quarter_checklist(store, role_map, q4, tz=TZ, now=at(dt.date(2027, 3, 1)))
    assert later.find("Purposeful").ticked is True and later.frozen_on == dt.date(2027, 1, 15)
    assert len(PlanRepository(store).checklist_items(role_map.role.id, "2026-Q4")) == 6


def test_a_read_only_file_shows_the_checklist_live(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    store.read_only = True
    shown = checklists.quarter_checklist(store, role_map, Quarter(2026, 3), tz=TZ, now=NOW)
    assert shown.frozen_on is None and len(shown.items) == 8
    store.read_only = False
    assert PlanRepository(store).checklist_items(role_map.role.id, "2026-Q3") == []


def test_ticks_and_own_items(example: tuple[Store, RoleMap]) -> None:
    store, role_map = example
    q4 = Quarter(2026, 4)

    def shown() -> Checklist:
        return checklists.quarter_checklist(store, role_map, q4, tz=TZ, now=NOW)

    item, changed = checklists.tick(store, shown(), "manager")
    assert changed and item.key == "manager-walkthrough"
    assert checklists.tick(store, shown(), "manager")[1] is False
    assert shown().find("manager").ticked is True
    with pytest.raises(InvalidValueError, match="ticked from the data"):
        checklists.tick(store, shown(), "1")
    row = checklists.add(store, shown(), "Book the offsite")
    assert shown().items[-1].ref == row.id
    checklists.tick(store, shown(), "offsite")
    assert shown().find("offsite").ticked is True
    with pytest.raises(InvalidValueError, match="only your own items"):
        checklists.remove(store, shown(), "manager")
    assert checklists.remove(store, shown(), "offsite").id == row.id
    assert len(shown().items) == 8
    assert shown().find("manager").ticked is True
    assert role_map.nodes_of(NodeKind.OUTCOME)  # the example has outcomes to check
