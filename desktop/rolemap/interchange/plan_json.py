"""A role's week plans and quarterly checklists as plain JSON values (for Rolemap JSON).

`to_json` gives the value a role's entry in the file holds under "plans";
`from_json` checks such a value whole against the role's map and returns
domain values, or raises FormatError naming the place ("In
roles[0].plans.week_plans[2].hours[1]: …"). The shape:

    {"week_plans": [{"week": "2026-W49", "note": "",
                     "hours": [{"activity": ID, "hours": 4.0}],
                     "outputs": [{"output": ID, "count": 1, "by_day": "2026-12-03" | null}],
                     "focus": [ID]}],
     "checklist": [{"id": ID, "quarter": "2026-Q4", "key": "own" | RULE, "text": "",
                    "ticked": true | false | null, "detail": "", "position": 0,
                    "frozen": "2027-01-15" | null}]}

Only what is on the map is written (rows of deleted nodes stay in the
database, unread), so a file always validates against its own map.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rolemap.domain.checklist import ChecklistRule
from rolemap.domain.checklist_items import OWN_ITEM, StoredItem
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.quarter import Quarter
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import clean_line, clean_text
from rolemap.domain.time_range import check_day
from rolemap.domain.week_plan import MAX_COUNT, PlannedOutput, Week, WeekPlan, check_hours
from rolemap.interchange.errors import FormatError

_PLAN_KEYS = {"week", "note", "hours", "outputs", "focus"}
_ITEM_KEYS = {"id", "quarter", "key", "text", "ticked", "detail", "position", "frozen"}
_KEYS = {OWN_ITEM, *(rule.value for rule in ChecklistRule)}
_T = TypeVar("_T")


@dataclass
class PlanData:
    """A role's plans and checklist rows, as read from a file."""

    plans: list[WeekPlan] = field(default_factory=list)
    items: list[StoredItem] = field(default_factory=list)

    def rekeyed(
        self, ids: Mapping[str, str], taken: Collection[str], fresh: Callable[[], str]
    ) -> PlanData:
        """A copy for an import: role and node ids mapped through `ids` (the bundle's new
        ids), and a fresh id for each checklist row whose id is in `taken`."""
        items = [
            dataclasses.replace(
                item,
                id=fresh() if item.id in taken else item.id,
                role_id=ids.get(item.role_id, item.role_id),
            )
            for item in self.items
        ]
        return PlanData([plan.rekeyed(ids) for plan in self.plans], items)


# -- writing --------------------------------------------------------------------------------


def to_json(
    role_map: RoleMap, plans: Iterable[WeekPlan], items: Iterable[StoredItem]
) -> dict[str, Any]:
    """The JSON value of a role's plans (by week) and checklist rows (by quarter)."""
    return {
        "week_plans": [
            _plan_json(plan.on_map(role_map)) for plan in sorted(plans, key=lambda p: p.week)
        ],
        "checklist": [
            {
                "id": item.id,
                "quarter": item.quarter,
                "key": item.key,
                "text": item.text,
                "ticked": item.ticked,
                "detail": item.detail,
                "position": item.position,
                "frozen": None if item.frozen is None else item.frozen.isoformat(),
            }
            for item in sorted(items, key=lambda i: (i.quarter, i.position, i.id))
        ],
    }


def _plan_json(plan: WeekPlan) -> dict[str, Any]:
    return {
        "week": plan.week.name,
        "note": plan.note,
        "hours": [{"activity": a, "hours": h} for a, h in sorted(plan.hours.items())],
        "outputs": [
            {
                "output": o.output_id,
                "count": o.count,
                "by_day": None if o.by_day is None else o.by_day.isoformat(),
            }
            for o in plan.outputs
        ],
        "focus": list(plan.focus),
    }


# -- reading --------------------------------------------------------------------------------


def from_json(value: Any, where: str, role_map: RoleMap) -> PlanData:
    """Check a role's "plans" value whole against its map; FormatError names the place."""
    if value is None:
        return PlanData()
    _object(value, where, {"week_plans", "checklist"})
    data = PlanData()
    weeks: set[str] = set()
    for i, item in enumerate(_list(value.get("week_plans", []), f"{where}.week_plans")):
        here = f"{where}.week_plans[{i}]"
        plan = _plan(item, here, role_map)
        if plan.week.name in weeks:
            raise FormatError(f"In {here}: {plan.week.name} has a plan already.")
        weeks.add(plan.week.name)
        data.plans.append(plan)
    ids: set[str] = set()
    generated: set[tuple[str, str]] = set()
    for i, item in enumerate(_list(value.get("checklist", []), f"{where}.checklist")):
        here = f"{where}.checklist[{i}]"
        row = _item(item, here, role_map.role.id)
        if row.id in ids:
            raise FormatError(f"In {here}: the id {row.id} is used twice.")
        if row.key != OWN_ITEM and (row.quarter, row.key) in generated:
            raise FormatError(f"In {here}: {row.quarter} has the item ‘{row.key}’ twice.")
        ids.add(row.id)
        generated.add((row.quarter, row.key))
        data.items.append(row)
    return data


def _plan(item: Any, where: str, role_map: RoleMap) -> WeekPlan:
    _object(item, where, _PLAN_KEYS, required=("week",))
    week = _domain(lambda: Week.named(_string(item["week"], f"{where}.week")), f"{where}.week")
    note = _domain(
        lambda: clean_text(_string(item.get("note", ""), f"{where}.note"), "The note", 2000),
        f"{where}.note",
    )
    hours: dict[str, float] = {}
    for i, row in enumerate(_list(item.get("hours", []), f"{where}.hours")):
        here = f"{where}.hours[{i}]"
        _object(row, here, {"activity", "hours"}, required=("activity", "hours"))
        activity = _node(row["activity"], NodeKind.ACTIVITY, here, role_map)
        checked = _hours(row["hours"], f"{here}.hours")
        if checked <= 0:
            raise FormatError(f"In {here}.hours: planned hours are more than 0.")
        if activity in hours:
            raise FormatError(f"In {here}: the activity {activity} is planned twice.")
        hours[activity] = checked
    outputs: list[PlannedOutput] = []
    for i, row in enumerate(_list(item.get("outputs", []), f"{where}.outputs")):
        here = f"{where}.outputs[{i}]"
        _object(row, here, {"output", "count", "by_day"}, required=("output",))
        output = _node(row["output"], NodeKind.OUTPUT, here, role_map)
        count = row.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
            raise FormatError(f"In {here}.count: a whole number from 1 to {MAX_COUNT}.")
        by_day = _date(row.get("by_day"), f"{here}.by_day")
        if by_day is not None and not week.contains(by_day):
            raise FormatError(f"In {here}.by_day: {by_day.isoformat()} is not in {week.label}.")
        if any(o.output_id == output for o in outputs):
            raise FormatError(f"In {here}: the output {output} is intended twice.")
        outputs.append(PlannedOutput(output, count, by_day))
    focus: list[str] = []
    for i, node_id in enumerate(_list(item.get("focus", []), f"{where}.focus")):
        outcome = _node(node_id, NodeKind.OUTCOME, f"{where}.focus[{i}]", role_map)
        if outcome in focus:
            raise FormatError(f"In {where}.focus[{i}]: the outcome {outcome} is listed twice.")
        focus.append(outcome)
    return WeekPlan(role_map.role.id, week, hours, tuple(outputs), tuple(focus), note)


def _item(item: Any, where: str, role_id: str) -> StoredItem:
    _object(item, where, _ITEM_KEYS, required=("id", "quarter", "key"))
    item_id = _string(item["id"], f"{where}.id")
    if not item_id.strip() or len(item_id) > 100:
        raise FormatError(f"In {where}.id: an id is 1 to 100 characters.")
    quarter = _domain(
        lambda: Quarter.named(_string(item["quarter"], f"{where}.quarter")), f"{where}.quarter"
    )
    key = _string(item["key"], f"{where}.key")
    if key not in _KEYS:
        raise FormatError(f"In {where}.key: ‘{key[:40]}’ is not a checklist item Rolemap knows.")
    text = _domain(
        lambda: clean_line(_string(item.get("text", ""), f"{where}.text"), "The item"),
        f"{where}.text",
    )
    if key == OWN_ITEM and not text:
        raise FormatError(f"In {where}.text: an item of the person's own needs its text.")
    ticked = item.get("ticked")
    if ticked is not None and not isinstance(ticked, bool):
        raise FormatError(f"In {where}.ticked: true, false or null.")
    detail = _domain(
        lambda: clean_text(_string(item.get("detail", ""), f"{where}.detail"), "The detail", 2000),
        f"{where}.detail",
    )
    position = item.get("position", 0)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < 10**6:
        raise FormatError(f"In {where}.position: a whole number from 0.")
    frozen = _date(item.get("frozen"), f"{where}.frozen")
    if frozen is not None and (key == OWN_ITEM or not ChecklistRule(key).automatic):
        raise FormatError(f"In {where}.frozen: only automatic items are kept frozen.")
    return StoredItem(item_id, role_id, quarter.name, key, text, ticked, detail, position, frozen)


# -- small checks ---------------------------------------------------------------------------


def _object(value: Any, where: str, allowed: set[str], required: tuple[str, ...] = ()) -> None:
    if not isinstance(value, dict):
        raise FormatError(f"In {where}: expected an object.")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise FormatError(f"In {where}: unknown field ‘{unknown[0][:40]}’.")
    for name in required:
        if name not in value:
            raise FormatError(f"In {where}: the field ‘{name}’ is missing.")


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise FormatError(f"In {where}: expected a list.")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise FormatError(f"In {where}: expected text.")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormatError(f"In {where}: expected a number.")
    try:
        number = float(value)  # an integer of 400 digits does not fit
    except OverflowError:
        raise FormatError(f"In {where}: the number is too large.") from None
    if not math.isfinite(number):
        raise FormatError(f"In {where}: expected a finite number.")
    return number


def _hours(value: Any, where: str) -> float:
    amount = _number(value, where)
    return _domain(lambda: check_hours(amount), where)


def _node(value: Any, kind: NodeKind, where: str, role_map: RoleMap) -> str:
    node_id = _string(value, where)
    node = role_map.nodes.get(node_id)
    if node is None or node.kind is not kind:
        raise FormatError(f"In {where}: no {kind.value} of this role has the id {node_id[:60]}.")
    return node_id


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    text = _string(value, where)
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise FormatError(f"In {where}: ‘{text[:40]}’ is not a date (YYYY-MM-DD).")
    return _domain(lambda: check_day(day), where)


def _domain(make: Callable[[], _T], where: str) -> _T:
    try:
        return make()
    except DomainError as error:
        raise FormatError(f"In {where}: {error}") from None
