"""Reading one role of a Rolemap JSON file (version 1 or 2) into a RoleBundle.

The file has passed its schema (`rolemap_json_schema`); what a schema cannot
say is checked here, each refusal a FormatError naming the place: unique
ids, links between nodes of the same role, the lane rule, kind-specific
fields, the record rules every way in applies, and what version 2 adds (the
rules for imported time, reviews and their actions, week plans and
checklist rows: their readers in `review_json` and `plan_json` check each
field and the whole, and this module the rest that every way in applies:
a review's period, an action's place in its list).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.entities import Category, Link, Node, Role
from rolemap.domain.errors import DomainError
from rolemap.domain.fields import coerce_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.lane_rule import kinds_may_link, lane_rule_message
from rolemap.domain.record_rules import check_date, check_entry
from rolemap.domain.review import check_period
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.domain.time_rules import TimeRule
from rolemap.domain.tracking import CheckIn, Delivery, EntryRow, TimeEntry, time_entries
from rolemap.interchange import plan_json, review_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError

MAX_POSITION = 1_000_000


def role_bundle(data: Mapping[str, Any], where: str) -> RoleBundle:
    """A role's entry of the file, checked whole, as a bundle."""
    role = _role(data)
    nodes = _nodes(data["nodes"], role.id, where)
    links = _links(data["links"], nodes, role.id, where)
    bundle = RoleBundle(RoleMap(role, nodes, links))
    bundle.time_entries = _time_entries(data.get("time_entries", ()), nodes, where)
    bundle.deliveries = [
        Delivery(
            id=d["id"],
            output_id=_node_of(nodes, d["output"], NodeKind.OUTPUT, f"{where}.deliveries[{i}]"),
            date=_date(d["date"], f"{where}.deliveries[{i}]"),
            title=d.get("title", ""),
            link=d.get("link", ""),
            example=d.get("example", False),
        )
        for i, d in enumerate(data.get("deliveries", ()))
    ]
    bundle.checkins = [
        CheckIn(
            id=c["id"],
            outcome_id=_node_of(nodes, c["outcome"], NodeKind.OUTCOME, f"{where}.checkins[{i}]"),
            date=_date(c["date"], f"{where}.checkins[{i}]"),
            value=float(c["value"]),
            confidence=c.get("confidence"),
            note=c.get("note", ""),
            example=c.get("example", False),
        )
        for i, c in enumerate(data.get("checkins", ()))
    ]
    _read_extras(bundle, data, where)
    return bundle


def _role(data: Mapping[str, Any]) -> Role:
    defaults = Role(id="", name="")
    return Role(
        id=data["id"],
        name=data["name"],
        purpose=data.get("purpose", ""),
        accountabilities=tuple(data.get("accountabilities", ())),
        domains=tuple(data.get("domains", ())),
        decision_rights=tuple(data.get("decision_rights", ())),
        review_cadence=data.get("review_cadence", "month"),
        categories=tuple(Category(c["name"], c["colour"]) for c in data["categories"])
        if "categories" in data
        else defaults.categories,
        ideal_allocation=dict(data.get("ideal_allocation", {})),
        purposeful_target=float(data.get("purposeful_target", 0.7)),
        created=data.get("created", ""),
        weekly_capacity=float(data.get("weekly_capacity", defaults.weekly_capacity)),
        successor_notes=data.get("successor_notes", ""),
    )


def _nodes(items: Iterable[Any], role_id: str, where: str) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    for i, item in enumerate(items):
        kind = NodeKind(item["kind"])
        try:
            details = coerce_details(kind, item.get("details", {}))
        except DomainError as error:
            raise FormatError(f"In {where}.nodes[{i}] (‘{item['title']}’): {error}") from None
        if item["id"] in nodes:
            raise FormatError(f"In {where}.nodes[{i}]: the id {item['id']} is used twice.")
        nodes[item["id"]] = Node(
            id=item["id"],
            role_id=role_id,
            kind=kind,
            title=item["title"],
            notes=item.get("notes", ""),
            x=float(item.get("x", 0.0)),
            y=float(item.get("y", 0.0)),
            details=details,
        )
    return nodes


def _links(
    items: Iterable[Any], nodes: Mapping[str, Node], role_id: str, where: str
) -> dict[str, Link]:
    links: dict[str, Link] = {}
    pairs: set[tuple[str, str]] = set()
    for i, item in enumerate(items):
        here = f"{where}.links[{i}]"
        source, target = nodes.get(item["source"]), nodes.get(item["target"])
        if source is None or target is None:
            missing = item["source"] if source is None else item["target"]
            raise FormatError(f"In {here}: no node of this role has the id {missing}.")
        if not kinds_may_link(source.kind, target.kind):
            raise FormatError(f"In {here}: {lane_rule_message(source.kind, target.kind)}")
        if (source.id, target.id) in pairs or item["id"] in links:
            raise FormatError(f"In {here}: this link is listed twice.")
        pairs.add((source.id, target.id))
        links[item["id"]] = Link(
            id=item["id"],
            role_id=role_id,
            source=source.id,
            target=target.id,
            weight=item.get("weight"),
            confidence=item.get("confidence"),
            note=item.get("note", ""),
        )
    return links


def _time_entries(items: Iterable[Any], nodes: Mapping[str, Node], where: str) -> list[TimeEntry]:
    """The role's time entries, each checked by the record rules (100,000 in ~0.1 s).

    The place of an item is spelled out only for the message of one that fails.
    An entry plainly inside what `record_rules.check_entry` takes (a finished
    one: ints, more than zero and at most 24 h, inside the range kept) skips
    the call; any other goes through it, which accepts it or says why not.
    """
    activities = {node_id for node_id, node in nodes.items() if node.kind is NodeKind.ACTIVITY}
    rows: list[EntryRow] = []
    earliest, latest, longest = EARLIEST, LATEST, MAX_ENTRY_SECONDS
    for i, e in enumerate(items):
        activity = e["activity"]
        if activity not in activities:
            _node_of(nodes, activity, NodeKind.ACTIVITY, f"{where}.time_entries[{i}]")
        get = e.get
        start, duration = e["start"], e["duration"]
        row = (
            e["id"],
            activity,
            start,
            duration,
            get("note", ""),
            get("source", "manual"),
            get("external_id"),
            get("example", False),
        )
        if not (
            type(start) is int
            and type(duration) is int
            and 0 < duration <= longest
            and earliest <= start
            and start + duration <= latest
        ):
            try:
                check_entry(TimeEntry(*row))
            except DomainError as error:
                raise FormatError(f"In {where}.time_entries[{i}]: {error}") from None
        rows.append(row)
    return time_entries(rows)


def _read_extras(bundle: RoleBundle, data: Mapping[str, Any], where: str) -> None:
    """What version 2 adds to a role: rules, reviews and their actions, plans and checklists.

    An integer too large for a float (10**400) makes the readers' finiteness check itself
    fail; it is refused here with its place, found only then.
    """
    try:
        _read_extras_checked(bundle, data, where)
    except OverflowError:
        raise FormatError(f"In {_huge_number(data, where)}: the number is too large.") from None


def _huge_number(value: Any, where: str) -> str:
    """The place of the first integer in `value` that no float can hold."""
    stack = [(value, where)]
    while stack:
        item, here = stack.pop()
        if isinstance(item, dict):
            stack.extend((v, f"{here}.{k}") for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((v, f"{here}[{i}]") for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, int) and abs(item) > 2**1023:
            return here
    return where


def _read_extras_checked(bundle: RoleBundle, data: Mapping[str, Any], where: str) -> None:
    role_map = bundle.role_map
    bundle.rules = [
        _rule(item, role_map.nodes, f"{where}.rules[{i}]")
        for i, item in enumerate(data.get("rules", ()))
    ]
    if "reviews" in data or "review_actions" in data:
        reviews = {key: data[key] for key in ("reviews", "review_actions") if key in data}
        if isinstance(reviews.get("reviews"), list):
            reviews["reviews"] = [_own_map(item, role_map.role.id) for item in reviews["reviews"]]
        bundle.reviews, bundle.actions = review_json.from_json(reviews, where, role_map.role.id)
        for i, record in enumerate(bundle.reviews):
            try:
                check_period(record.review.first_day, record.review.last_day)
            except DomainError as error:
                raise FormatError(f"In {where}.reviews[{i}]: {error}") from None
        for i, action in enumerate(bundle.actions):
            if not 0 <= action.position <= MAX_POSITION:
                raise FormatError(
                    f"In {where}.review_actions[{i}].position: a whole number from 0 to "
                    f"{MAX_POSITION:,}."
                )
    if "week_plans" in data or "checklist" in data:
        plans = {key: data[key] for key in ("week_plans", "checklist") if key in data}
        bundle.plans = plan_json.from_json(plans, where, role_map)


def _own_map(review: Any, role_id: str) -> Any:
    """A review whose kept map carries the role's id: a review's map is its role's by
    construction, so a copy made by giving a role a new id in the file keeps its history."""
    if isinstance(review, dict) and isinstance(review.get("snapshot"), dict):
        return {**review, "snapshot": {**review["snapshot"], "id": role_id}}
    return review


def _rule(item: Mapping[str, Any], nodes: Mapping[str, Node], where: str) -> TimeRule:
    """A rule for imported time (its shape checked by the schema), by the rules' own rules."""
    activity = _node_of(nodes, item["activity"], NodeKind.ACTIVITY, f"{where}.activity")
    try:
        return TimeRule.from_dict({**item, "activity_id": activity})
    except DomainError as error:
        raise FormatError(f"In {where}: {error}") from None


def _node_of(nodes: Mapping[str, Node], node_id: str, kind: NodeKind, where: str) -> str:
    node = nodes.get(node_id)
    if node is None or node.kind is not kind:
        raise FormatError(f"In {where}: no {kind.value} of this role has the id {node_id}.")
    return node_id


def _date(text: str, where: str) -> str:
    try:
        return check_date(text)
    except DomainError as error:
        raise FormatError(f"In {where}: {error}") from None
