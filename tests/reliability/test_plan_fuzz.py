"""Plans against hostile input and undo: mutated JSON values, and every edit replayed backwards.

- A mutated "plans" value (any value replaced by any JSON value, keys dropped
  or added) is refused with a FormatError naming a place, or accepted as
  values that round-trip exactly and that the store takes without a
  constraint failing.
- Any sequence of plan edits through `PlanRepository`, each keeping what it
  returned, undone in reverse order, leaves the tables exactly as they began
  (what the window's undo commands rely on).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.domain.checklist_items import OWN_ITEM, StoredItem
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.interchange.errors import FormatError
from rolemap.interchange.plan_json import from_json, to_json
from rolemap.services.transfer import seed_example
from rolemap.store.database import Store, open_store
from rolemap.store.plan_repository import PlanRepository
from rolemap.store.role_repository import RoleRepository

EXAMPLES = int(os.environ.get("ROLEMAP_FUZZ_EXAMPLES", "120"))
TABLES = ("week_plans", "plan_hours", "plan_outputs", "plan_focus", "checklist_items")
WEEKS = [Week(2026, 47), Week(2026, 48), Week(2026, 49)]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, RoleMap]]:
    store = open_store(tmp_path_factory.mktemp("plans") / "p.sqlite3", create=True)
    seed_example(store, records=False)
    roles = RoleRepository(store)
    yield store, roles.load_map(roles.list_roles()[0].id)
    store.close()


def sample_value(role_map: RoleMap) -> dict[str, Any]:
    acts = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
    outs = [n.id for n in role_map.nodes_of(NodeKind.OUTPUT)]
    goals = [n.id for n in role_map.nodes_of(NodeKind.OUTCOME)]
    rid = role_map.role.id
    plans = [
        WeekPlan(
            rid,
            WEEKS[0],
            {acts[0]: 4.0, acts[1]: 1.5},
            (PlannedOutput(outs[0], 2, WEEKS[0].monday),),
            (goals[0],),
            "note",
        ),
        WeekPlan(rid, WEEKS[2], {acts[2]: 8.0}, (), (goals[1], goals[2])),
    ]
    items = [
        StoredItem("i1", rid, "2026-Q4", OWN_ITEM, "Mine", True, "", 0),
        StoredItem(
            "i2",
            rid,
            "2026-Q3",
            "purposeful-share",
            "Share",
            False,
            "why",
            2,
            dt.date(2026, 10, 15),
        ),
    ]
    return to_json(role_map, plans, items)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths(item, (*prefix, i))
    return found


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_mutated_value_is_refused_or_taken_whole(
    seeded: tuple[Store, RoleMap], data: st.DataObject
) -> None:
    store, role_map = seeded
    value = sample_value(role_map)
    mutated = copy.deepcopy(value)
    for _ in range(data.draw(st.integers(1, 3))):
        spots = paths(mutated)[1:]
        spot = data.draw(st.sampled_from(spots))
        parent: Any = mutated
        for key in spot[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[spot[-1]]
        else:
            parent[spot[-1]] = data.draw(JSON)
        if not paths(mutated)[1:]:
            break
    try:
        taken = from_json(mutated, "roles[0].plans", role_map)
    except FormatError as error:
        assert str(error).startswith("In roles[0].plans")
        return
    again = from_json(to_json(role_map, taken.plans, taken.items), "again", role_map)
    assert sorted(again.plans, key=lambda p: p.week) == sorted(taken.plans, key=lambda p: p.week)
    assert sorted(again.items, key=lambda i: i.id) == sorted(taken.items, key=lambda i: i.id)
    plans = PlanRepository(store)
    try:
        with store.transaction():
            for plan in taken.plans:
                plans.put_plan(plan)
            for item in taken.items:
                plans.put_item(item)
            raise _RollbackError
    except _RollbackError:
        pass


class _RollbackError(Exception):
    pass


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["put", "delete", "hours", "output", "drop-output", "focus", "unfocus"]),
        st.integers(0, 2),  # week
        st.integers(0, 7),  # node index
        st.integers(0, 12),  # hours or count
    ),
    max_size=25,
)


def snapshot(store: Store) -> list[list[tuple[Any, ...]]]:
    return [sorted(store.conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS)
def test_every_edit_undone_in_reverse_restores_the_tables(
    seeded: tuple[Store, RoleMap], edits: list[tuple[str, int, int, int]]
) -> None:
    store, role_map = seeded
    plans = PlanRepository(store)
    rid = role_map.role.id
    acts = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
    outs = [n.id for n in role_map.nodes_of(NodeKind.OUTPUT)]
    goals = [n.id for n in role_map.nodes_of(NodeKind.OUTCOME)]
    start = snapshot(store)
    undo: list[Any] = []
    with store.transaction():
        for what, w, i, n in edits:
            week = WEEKS[w]
            exists = plans.plan(rid, week) is not None
            if what == "put":
                plan = WeekPlan(rid, week, {acts[i]: float(n) + 0.5}, (), (goals[i % 4],))
                before = plans.put_plan(plan)
                undo.append(
                    lambda b=before, k=week: plans.put_plan(b) if b else plans.delete_plan(rid, k)
                )
            elif what == "delete":
                before = plans.delete_plan(rid, week)
                undo.append(lambda b=before: plans.put_plan(b) if b else None)
            elif not exists:
                continue
            elif what == "hours":
                old = plans.put_hours(rid, week, acts[i], float(n))
                undo.append(lambda k=week, a=acts[i], h=old: plans.put_hours(rid, k, a, h))
            elif what == "output":
                prior = plans.put_output(rid, week, PlannedOutput(outs[i % 6], n + 1))
                undo.append(
                    lambda k=week, o=outs[i % 6], p=prior: (
                        plans.put_output(rid, k, p) if p else plans.delete_output(rid, k, o)
                    )
                )
            elif what == "drop-output":
                prior = plans.delete_output(rid, week, outs[i % 6])
                undo.append(lambda k=week, p=prior: plans.put_output(rid, k, p) if p else None)
            elif what == "focus":
                was = plans.put_focus(rid, week, goals[i % 4])
                undo.append(
                    lambda k=week, g=goals[i % 4], x=was: (
                        None if x else plans.delete_focus(rid, k, g)
                    )
                )
            elif what == "unfocus":
                was = plans.delete_focus(rid, week, goals[i % 4])
                undo.append(
                    lambda k=week, g=goals[i % 4], x=was: plans.put_focus(rid, k, g) if x else None
                )
        for step in reversed(undo):
            step()
    # Row order inside a plan may differ (outputs re-added last); the content may not.
    assert snapshot(store) == start
