"""Plans and checklist rows in SQLite: values in, values out, the old value back for undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from rolemap.domain.checklist_items import OWN_ITEM, StoredItem
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.store.database import Store
from rolemap.store.errors import ConflictError
from rolemap.store.plan_repository import PlanRepository
from rolemap.store.role_repository import RoleRepository

W49, W50 = Week(2026, 49), Week(2026, 50)


@pytest.fixture
def role_id(store: Store) -> str:
    return RoleRepository(store).list_roles()[0].id


def plan_of(role_id: str, week: Week = W49) -> WeekPlan:
    return WeekPlan(
        role_id,
        week,
        {"a1": 4.0, "a2": 2.5},
        (PlannedOutput("o2", 2, week.monday + dt.timedelta(days=3)), PlannedOutput("o1")),
        ("g2", "g1"),
        "Ship the doc",
    )


def test_a_plan_round_trips_and_put_returns_what_it_replaced(store: Store, role_id: str) -> None:
    plans = PlanRepository(store)
    assert plans.plan(role_id, W49) is None
    first = plan_of(role_id)
    with store.transaction():
        assert plans.put_plan(first) is None
    assert plans.plan(role_id, W49) == first  # the order of outputs and focus is kept
    second = first.with_hours("a1", 0).without_focus("g2")
    with store.transaction():
        assert plans.put_plan(second) == first
    assert plans.plan(role_id, W49) == second
    with store.transaction():
        assert plans.delete_plan(role_id, W49) == second
        assert plans.delete_plan(role_id, W49) is None
    assert plans.plan(role_id, W49) is None


def test_plans_between_and_the_latest_before(store: Store, role_id: str) -> None:
    plans = PlanRepository(store)
    weeks = [Week(2026, 40), W49, Week(2026, 53), Week(2027, 2)]
    with store.transaction():
        for week in weeks:
            plans.put_plan(plan_of(role_id, week))
    found = plans.plans_between(role_id, Week(2026, 41), Week(2027, 1))
    assert [p.week for p in found] == [W49, Week(2026, 53)]
    assert [p.week for p in plans.plans(role_id)] == weeks
    assert plans.latest_plan_before(role_id, Week(2027, 2)).week == Week(2026, 53)  # type: ignore[union-attr]
    assert plans.latest_plan_before(role_id, Week(2026, 40)) is None


def test_row_edits_return_the_old_value(store: Store, role_id: str) -> None:
    plans = PlanRepository(store)
    with store.transaction():
        plans.put_plan(plan_of(role_id))
        assert plans.put_hours(role_id, W49, "a1", 6.0) == 4.0
        assert plans.put_hours(role_id, W49, "a3", 1.0) == 0.0
        assert plans.put_hours(role_id, W49, "a2", 0) == 2.5
        later = PlannedOutput("o1", 3, None)
        assert plans.put_output(role_id, W49, later) == PlannedOutput("o1")
        assert plans.put_output(role_id, W49, PlannedOutput("o3")) is None
        assert plans.delete_output(role_id, W49, "o2") is not None
        assert plans.delete_output(role_id, W49, "o2") is None
        assert plans.put_focus(role_id, W49, "g1") is True
        assert plans.put_focus(role_id, W49, "g3") is False
        assert plans.delete_focus(role_id, W49, "g2") is True
        assert plans.delete_focus(role_id, W49, "g2") is False
    stored = plans.plan(role_id, W49)
    assert stored is not None
    assert stored.hours == {"a1": 6.0, "a3": 1.0}
    assert stored.outputs == (PlannedOutput("o1", 3), PlannedOutput("o3"))
    assert stored.focus == ("g1", "g3")


def test_a_row_edit_of_a_plan_that_is_gone_is_a_conflict(store: Store, role_id: str) -> None:
    plans = PlanRepository(store)
    for edit in (
        lambda: plans.put_hours(role_id, W50, "a1", 1.0),
        lambda: plans.put_output(role_id, W50, PlannedOutput("o1")),
        lambda: plans.put_focus(role_id, W50, "g1"),
    ):
        with (
            pytest.raises(ConflictError, match="2026-W50 is no longer in the file"),
            store.transaction(),
        ):
            edit()
    assert plans.plan(role_id, W50) is None


def test_the_tables_refuse_what_the_domain_refuses(store: Store, role_id: str) -> None:
    with pytest.raises(ConflictError), store.transaction() as conn:
        conn.execute("INSERT INTO week_plans (role_id, week) VALUES (?, '2026-W49')", (role_id,))
        conn.execute("INSERT INTO plan_hours VALUES (?, '2026-W49', 'a1', -1)", (role_id,))
    with pytest.raises(ConflictError), store.transaction() as conn:
        conn.execute("INSERT INTO plan_hours VALUES (?, '2026-W30', 'a1', 1)", (role_id,))


def test_checklist_rows(store: Store, role_id: str) -> None:
    plans = PlanRepository(store)
    own = StoredItem("i1", role_id, "2026-Q4", OWN_ITEM, "Book the offsite", False, "", 0)
    hand = StoredItem("i2", role_id, "2026-Q4", "map-current", "", True, "", 7)
    kept = StoredItem(
        "i3",
        role_id,
        "2026-Q3",
        "purposeful-share",
        "Share",
        None,
        "no time",
        2,
        dt.date(2026, 10, 15),
    )
    with store.transaction():
        for row in (own, hand, kept):
            assert plans.put_item(row) is None
    ticked = dataclasses.replace(own, ticked=True)
    with store.transaction():
        assert plans.put_item(ticked) == own
    assert plans.checklist_items(role_id, "2026-Q4") == [ticked, hand]
    assert plans.checklist_items(role_id, "2026-Q3") == [kept]
    assert [r.id for r in plans.all_checklist_items(role_id)] == ["i3", "i1", "i2"]
    with store.transaction():
        assert plans.delete_item("i2") == hand
        assert plans.delete_item("i2") is None
    # One row per generated item and quarter.
    with pytest.raises(ConflictError), store.transaction():
        plans.put_item(StoredItem("i4", role_id, "2026-Q3", "purposeful-share"))


def test_deleting_the_role_takes_its_plans_and_checklists(store: Store, role_id: str) -> None:
    plans = PlanRepository(store)
    with store.transaction():
        plans.put_plan(plan_of(role_id))
        plans.put_item(StoredItem("i1", role_id, "2026-Q4", OWN_ITEM, "Mine"))
    with store.transaction():
        RoleRepository(store).delete_role(role_id)
    for table in ("week_plans", "plan_hours", "plan_outputs", "plan_focus", "checklist_items"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def test_finished_reviews_are_read_tolerantly(store: Store, role_id: str, tmp_path: Path) -> None:
    plans = PlanRepository(store)
    assert plans.finished_reviews(role_id) == ()
    with store.transaction() as conn:
        rows = [
            ("v1", "2026-10-01", "2026-10-31", "2026-11-02T10:00:00Z"),
            ("v2", "2026-11-01", "2026-11-30", None),
            ("v3", "garbage", "2026-12-31", "2027-01-02"),
        ]
        for review_id, first, last, finished in rows:
            conn.execute(
                "INSERT INTO reviews (id, role_id, first_day, last_day, started, finished) "
                "VALUES (?, ?, ?, ?, '2026-11-01', ?)",
                (review_id, role_id, first, last, finished),
            )
    assert plans.finished_reviews(role_id) == ((dt.date(2026, 10, 1), dt.date(2026, 10, 31)),)
    # A file without the reviews table says "not kept" rather than failing.
    bare = sqlite3.connect(tmp_path / "bare.sqlite3", isolation_level=None)
    assert PlanRepository(Store(tmp_path / "bare.sqlite3", bare)).finished_reviews("r") is None
    bare.close()
