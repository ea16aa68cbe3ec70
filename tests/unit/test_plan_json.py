"""Plans and checklists as plain JSON values: exact round trips, refusals that name the place."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest

from rolemap.domain.checklist_items import OWN_ITEM, StoredItem
from rolemap.domain.entities import Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.interchange.errors import FormatError
from rolemap.interchange.plan_json import PlanData, from_json, to_json

W49 = Week(2026, 49)


def role_map() -> RoleMap:
    nodes = [
        Node("a1", "r", NodeKind.ACTIVITY, "Code reviews"),
        Node("a2", "r", NodeKind.ACTIVITY, "Email"),
        Node("o1", "r", NodeKind.OUTPUT, "Design docs"),
        Node("g1", "r", NodeKind.OUTCOME, "Delivery"),
    ]
    return RoleMap.build(Role("r", "Role"), nodes, ())


PLANS = [
    WeekPlan("r", Week(2026, 50), {"a1": 2.0}),
    WeekPlan(
        "r",
        W49,
        {"a2": 1.25, "a1": 4.0},
        (PlannedOutput("o1", 2, dt.date(2026, 12, 3)),),
        ("g1",),
        "Ship it\nthen rest",
    ),
]
ITEMS = [
    StoredItem("i1", "r", "2026-Q4", OWN_ITEM, "Book the offsite", True, "", 0),
    StoredItem(
        "i2",
        "r",
        "2026-Q3",
        "purposeful-share",
        "Purposeful share met its target (70 %)",
        False,
        "60 % of 300 h reached an outcome.",
        2,
        dt.date(2026, 10, 15),
    ),
    StoredItem("i3", "r", "2026-Q4", "map-current", "", None, "", 7),
]


def value() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(to_json(role_map(), PLANS, ITEMS)))
    return loaded


def test_round_trip_is_exact() -> None:
    data = from_json(value(), "roles[0].plans", role_map())
    assert sorted(data.plans, key=lambda p: p.week) == sorted(PLANS, key=lambda p: p.week)
    assert sorted(data.items, key=lambda i: i.id) == ITEMS
    assert to_json(role_map(), data.plans, data.items) == value()
    assert value()["week_plans"][0]["week"] == "2026-W49"  # by week
    assert from_json(None, "x", role_map()) == PlanData()
    assert from_json({}, "x", role_map()) == PlanData()


def test_only_what_is_on_the_map_is_written() -> None:
    ghost = WeekPlan("r", W49, {"a1": 1.0, "gone": 3.0}, (PlannedOutput("gone"),), ("gone",))
    written = to_json(role_map(), [ghost], [])
    assert written["week_plans"][0]["hours"] == [{"activity": "a1", "hours": 1.0}]
    assert written["week_plans"][0]["outputs"] == [] and written["week_plans"][0]["focus"] == []


def mutate(path: tuple[Any, ...], new: Any) -> dict[str, Any]:
    data = copy.deepcopy(value())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if new is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = new
    return data


@pytest.mark.parametrize(
    ("path", "new", "where", "message"),
    [
        (("week_plans",), {}, "P.week_plans", "expected a list"),
        (
            ("week_plans", 0, "week"),
            "2026-W54",
            "P.week_plans[0].week",
            "2026 has weeks W01 to W53",
        ),
        (("week_plans", 0, "week"), "0000-W01", "P.week_plans[0].week", "outside the range"),
        (("week_plans", 0, "week"), "9999-W52", "P.week_plans[0].week", "outside the range"),
        (("week_plans", 0, "week"), 49, "P.week_plans[0].week", "expected text"),
        (("week_plans", 1, "week"), "2026-W49", "P.week_plans[1]", "has a plan already"),
        (("week_plans", 0, "week"), KeyError, "P.week_plans[0]", "‘week’ is missing"),
        (("week_plans", 0, "extra"), 1, "P.week_plans[0]", "unknown field ‘extra’"),
        (("week_plans", 0, "note"), "bad\x07", "P.week_plans[0].note", "control character"),
        (("week_plans", 0, "hours", 0, "hours"), -1, "P.week_plans[0].hours[0].hours", "negative"),
        (
            ("week_plans", 0, "hours", 0, "hours"),
            0,
            "P.week_plans[0].hours[0].hours",
            "more than 0",
        ),
        (("week_plans", 0, "hours", 0, "hours"), True, "P.week_plans[0].hours[0].hours", "number"),
        (
            ("week_plans", 0, "hours", 0, "hours"),
            1e308 * 10,
            "P.week_plans[0].hours[0].hours",
            "finite",
        ),
        (
            ("week_plans", 0, "hours", 0, "hours"),
            200,
            "P.week_plans[0].hours[0].hours",
            "168 hours",
        ),
        (
            ("week_plans", 0, "hours", 0, "activity"),
            "o1",
            "P.week_plans[0].hours[0]",
            "no activity",
        ),
        (
            ("week_plans", 0, "hours", 1, "activity"),
            "a1",
            "P.week_plans[0].hours[1]",
            "planned twice",
        ),
        (
            ("week_plans", 0, "outputs", 0, "output"),
            "a1",
            "P.week_plans[0].outputs[0]",
            "no output",
        ),
        (
            ("week_plans", 0, "outputs", 0, "count"),
            0,
            "P.week_plans[0].outputs[0].count",
            "1 to 99",
        ),
        (
            ("week_plans", 0, "outputs", 0, "count"),
            1.5,
            "P.week_plans[0].outputs[0].count",
            "1 to 99",
        ),
        (
            ("week_plans", 0, "outputs", 0, "by_day"),
            "2026-12-09",
            "P.week_plans[0].outputs[0].by_day",
            "not in week 49",
        ),
        (
            ("week_plans", 0, "outputs", 0, "by_day"),
            "Thursday",
            "P.week_plans[0].outputs[0].by_day",
            "not a date",
        ),
        (("week_plans", 0, "focus", 0), "a1", "P.week_plans[0].focus[0]", "no outcome"),
        (("checklist", 0, "quarter"), "2026-Q5", "P.checklist[0].quarter", "not a quarter"),
        (("checklist", 0, "quarter"), "0000-Q1", "P.checklist[0].quarter", "outside the range"),
        (("checklist", 0, "key"), "made-up", "P.checklist[0].key", "not a checklist item"),
        (("checklist", 0, "id"), "", "P.checklist[0].id", "1 to 100 characters"),
        (("checklist", 1, "id"), "i2", "P.checklist[1]", "used twice"),
        (("checklist", 0, "ticked"), "yes", "P.checklist[0].ticked", "true, false or null"),
        (("checklist", 0, "position"), -1, "P.checklist[0].position", "whole number"),
        (("checklist", 0, "frozen"), "2026-13-01", "P.checklist[0].frozen", "not a date"),
        (("checklist", 0, "frozen"), "2200-01-01", "P.checklist[0].frozen", "outside the range"),
        (("checklist", 1, "frozen"), "2027-01-15", "P.checklist[1].frozen", "only automatic items"),
        (("checklist", 1, "text"), "", "P.checklist[1].text", "needs its text"),
    ],
)
def test_refusals_name_the_place(path: tuple[Any, ...], new: Any, where: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as caught:
        from_json(mutate(path, new), "P", role_map())
    assert str(caught.value).startswith(f"In {where}:")


def test_a_generated_item_twice_in_a_quarter_is_refused() -> None:
    data = value()
    data["checklist"].append({**data["checklist"][0], "id": "i9"})
    with pytest.raises(FormatError, match="has the item ‘purposeful-share’ twice"):
        from_json(data, "P", role_map())


def test_rekeyed_for_an_import() -> None:
    data = from_json(value(), "P", role_map())
    ids = iter(["n1", "n2"])
    moved = data.rekeyed({"r": "R", "a1": "A1"}, {"i1"}, lambda: next(ids))
    assert {p.role_id for p in moved.plans} == {"R"}
    assert any("A1" in p.hours for p in moved.plans)
    assert [i.id for i in moved.items] == ["i2", "n1", "i3"]
    assert {i.role_id for i in moved.items} == {"R"}


def test_an_integer_too_large_for_a_float_is_refused_not_a_crash() -> None:
    from rolemap.interchange.errors import FormatError
    from rolemap.interchange.plan_json import _number
    from rolemap.interchange.review_values import finite_number

    for read in (_number, finite_number):
        with pytest.raises(FormatError, match="too large"):
            read(10**400, "here")
