"""A role's map as Rolemap JSON values without records: the snapshot a finished review keeps.

`map_to_json` writes the role as the Rolemap file does (plus its weekly
capacity and notes for a successor); `map_from_json` reads it back exactly,
refusing what a file could not hold with the place named
(`interchange/snapshot_diff.py` diffs two of them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from rolemap.domain.entities import REVIEW_CADENCES, Category, Link, Node, Role
from rolemap.domain.errors import DomainError
from rolemap.domain.fields import coerce, field_spec
from rolemap.domain.kinds import NodeKind
from rolemap.domain.lane_rule import kinds_may_link, lane_rule_message
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.errors import FormatError
from rolemap.interchange.review_values import JsonObject, finite_number

_COLOUR = frozenset("0123456789abcdefABCDEF")


def map_to_json(role_map: RoleMap) -> dict[str, Any]:
    """The role's map as Rolemap JSON values (the file's role without its records)."""
    role = role_map.role
    return {
        "id": role.id,
        "name": role.name,
        "purpose": role.purpose,
        "accountabilities": list(role.accountabilities),
        "domains": list(role.domains),
        "decision_rights": list(role.decision_rights),
        "review_cadence": role.review_cadence,
        "categories": [{"name": c.name, "colour": c.colour} for c in role.categories],
        "ideal_allocation": dict(role.ideal_allocation),
        "purposeful_target": role.purposeful_target,
        "created": role.created,
        "weekly_capacity": role.weekly_capacity,
        "successor_notes": role.successor_notes,
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind.value,
                "title": n.title,
                "notes": n.notes,
                "x": n.x,
                "y": n.y,
                "details": dict(n.details),
            }
            for n in sorted(role_map.nodes.values(), key=lambda n: (n.kind.lane, n.y, n.id))
        ],
        "links": [
            {
                "id": k.id,
                "source": k.source,
                "target": k.target,
                "weight": k.weight,
                "confidence": k.confidence,
                "note": k.note,
            }
            for k in sorted(role_map.links.values(), key=lambda k: k.id)
        ],
    }


def map_from_json(value: Any, where: str = "snapshot", *, check_fields: bool = True) -> RoleMap:
    """A map from `map_to_json`'s values; FormatError names what is wrong.

    Node fields are kept as given; `check_fields` also checks each one by the
    kind's field rules (what a file needs; the store's own snapshots were
    checked when they were made).
    """
    data = JsonObject(value, where)
    role = read_role(data)
    if not check_fields:
        quick = _quick_map(role, value)
        if quick is not None:
            return quick
    nodes: dict[str, Node] = {}
    for item, here in data.items("nodes"):
        node = read_node(JsonObject(item, here), role.id, check_fields)
        if node.id in nodes:
            raise FormatError(f"In {here}: the id {node.id} is used twice.")
        nodes[node.id] = node
    links: dict[str, Link] = {}
    pairs: set[tuple[str, str]] = set()
    for item, here in data.items("links"):
        link = read_link(JsonObject(item, here), role.id)
        source, target = nodes.get(link.source), nodes.get(link.target)
        if source is None or target is None:
            missing = link.source if source is None else link.target
            raise FormatError(f"In {here}: no node of this map has the id {missing}.")
        if not kinds_may_link(source.kind, target.kind):
            raise FormatError(f"In {here}: {lane_rule_message(source.kind, target.kind)}")
        if (link.source, link.target) in pairs or link.id in links:
            raise FormatError(f"In {here}: this link is listed twice.")
        pairs.add((link.source, link.target))
        links[link.id] = link
    return RoleMap(role, nodes, links)


_KINDS = {kind.value: kind for kind in NodeKind}
_ALLOWED = {(s.value, t.value) for s in NodeKind for t in NodeKind if kinds_may_link(s, t)}


def _quick_map(role: Role, value: Mapping[str, Any]) -> RoleMap | None:
    """The map when every node and link is complete and sound, else None (the careful
    reader then finds what is wrong, and where).

    Checks the same rules as the careful reader, inline: reading back a
    snapshot of 5,000 nodes this way takes a third of the time.
    """
    nodes: dict[str, Node] = {}
    links: dict[str, Link] = {}
    role_id = role.id
    try:
        for item in value["nodes"]:
            node_id, kind, title, notes = item["id"], item["kind"], item["title"], item["notes"]
            x, y, details = item["x"], item["y"], item["details"]
            if not (
                type(node_id) is str
                and 0 < len(node_id) <= 64
                and node_id not in nodes
                and kind in _KINDS
                and type(title) is str
                and len(title) <= 500
                and type(notes) is str
                and len(notes) <= 100_000
                and type(x) in (float, int)
                and type(y) in (float, int)
                and math.isfinite(x)
                and math.isfinite(y)
                and type(details) is dict
            ):
                return None
            nodes[node_id] = Node(
                node_id, role_id, _KINDS[kind], title, notes, float(x), float(y), details
            )
        pairs = set()
        for item in value["links"]:
            link_id, source, target = item["id"], item["source"], item["target"]
            weight, confidence, note = item["weight"], item["confidence"], item["note"]
            if not (
                type(link_id) is str
                and 0 < len(link_id) <= 64
                and link_id not in links
                and source in nodes
                and target in nodes
                and (source, target) not in pairs
                and (nodes[source].kind.value, nodes[target].kind.value) in _ALLOWED
                and (weight is None or (type(weight) in (float, int) and 0 < weight < math.inf))
                and (
                    confidence is None
                    or (type(confidence) in (float, int) and 0 <= confidence <= 1)
                )
                and type(note) is str
                and len(note) <= 100_000
            ):
                return None
            pairs.add((source, target))
            links[link_id] = Link(
                link_id,
                role_id,
                source,
                target,
                None if weight is None else float(weight),
                None if confidence is None else float(confidence),
                note,
            )
    except (KeyError, TypeError):
        return None
    return RoleMap(role, nodes, links)


def read_role(data: JsonObject) -> Role:
    cadence = data.text("review_cadence", "month")
    if cadence not in REVIEW_CADENCES:
        raise FormatError(
            f"In {data.at('review_cadence')}: ‘{cadence}’ is not one of "
            f"{', '.join(REVIEW_CADENCES)}."
        )
    categories = []
    for item, here in data.items("categories", ()):
        category = JsonObject(item, here)
        colour = category.text("colour", limit=7)
        if len(colour) != 7 or colour[0] != "#" or not set(colour[1:]) <= _COLOUR:
            raise FormatError(f"In {category.at('colour')}: ‘{colour}’ is not a #rrggbb colour.")
        categories.append(Category(category.text("name", limit=100), colour))
    allocation = data.child("ideal_allocation") if "ideal_allocation" in data.value else None
    ideal = {}
    for name, share in allocation.value.items() if allocation else ():
        ideal[str(name)] = _share(share, f"{data.at('ideal_allocation')}.{name}")
    defaults = Role(id="", name="")
    return Role(
        id=data.id("id"),
        name=data.text("name", limit=200),
        purpose=data.text("purpose", ""),
        accountabilities=data.texts("accountabilities"),
        domains=data.texts("domains"),
        decision_rights=data.texts("decision_rights"),
        review_cadence=cadence,
        categories=tuple(categories) if "categories" in data.value else defaults.categories,
        ideal_allocation=ideal,
        purposeful_target=_share(
            data.get("purposeful_target", defaults.purposeful_target), data.at("purposeful_target")
        ),
        created=data.text("created", "", limit=40),
        weekly_capacity=data.number("weekly_capacity", defaults.weekly_capacity),
        successor_notes=data.text("successor_notes", ""),
    )


def _share(value: Any, where: str) -> float:
    share = finite_number(value, where)
    if not 0 <= share <= 1:
        raise FormatError(f"In {where}: a share is between 0 and 1.")
    return share


def read_node(data: JsonObject, role_id: str, check_fields: bool) -> Node:
    kind_text = data.text("kind", limit=10)
    try:
        kind = NodeKind(kind_text)
    except ValueError:
        raise FormatError(f"In {data.at('kind')}: ‘{kind_text}’ is not a kind of node.") from None
    details = data.child("details").value if "details" in data.value else {}
    if check_fields:
        for name, item in details.items():
            try:
                coerce(field_spec(kind, str(name)), item)
            except DomainError as error:
                raise FormatError(f"In {data.at('details')}.{name}: {error}") from None
    return Node(
        id=data.id("id"),
        role_id=role_id,
        kind=kind,
        title=data.text("title", limit=500),
        notes=data.text("notes", ""),
        x=data.number("x", 0.0),
        y=data.number("y", 0.0),
        details=dict(details),
    )


def read_link(data: JsonObject, role_id: str) -> Link:
    weight = data.maybe_number("weight")
    if weight is not None and weight <= 0:
        raise FormatError(f"In {data.at('weight')}: a weight is more than 0.")
    confidence = data.get("confidence", None)
    return Link(
        id=data.id("id"),
        role_id=role_id,
        source=data.id("source"),
        target=data.id("target"),
        weight=weight,
        confidence=None if confidence is None else _share(confidence, data.at("confidence")),
        note=data.text("note", ""),
    )
