"""A finished review's figures as JSON values: the evidence of its four questions, kept.

`evidence_to_json`/`evidence_from_json` round-trip `domain.review_evidence.Evidence`
exactly (version 1; a newer version is refused with a reason), with the
map's changes (`changes_to_json`) inside. The changes' shape is also what
`rolemap review diff --json` prints::

    changes = {"added": {"nodes": [node_ref], "links": [link_ref]},
               "removed": {"nodes": [...], "links": [...]},
               "changed": {"nodes": [node_ref + {"changes": [field_change]}],
                           "links": [link_ref + {"changes": [field_change]}]},
               "role_fields": [{"field", "label", "before", "after",
                                "added": [str], "removed": [str]}],
               "canvas_moves": int}
    node_ref = {"id", "kind", "title"};  link_ref = {"id", "title", "source": node_ref,
               "target": node_ref};  field_change = {"field", "label", "before", "after"}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rolemap.domain.map_changes import (
    FieldChange,
    LinkEdit,
    LinkRef,
    MapChanges,
    NodeEdit,
    NodeRef,
    RoleFieldChange,
)
from rolemap.domain.review_evidence import (
    AccountabilityRow,
    ActivityRow,
    AllocationGap,
    CheckPoint,
    Evidence,
    OutcomeRow,
    OutputRow,
    Ranked,
    WeakLink,
)
from rolemap.interchange.errors import FormatError
from rolemap.interchange.review_values import JsonObject, read_list

EVIDENCE_VERSION = 1
T = TypeVar("T")


def changes_to_json(changes: MapChanges) -> dict[str, Any]:
    """A MapChanges as the documented `changes` value."""
    return {
        "added": {
            "nodes": [_ref_json(r) for r in changes.added_nodes],
            "links": [_link_ref_json(r) for r in changes.added_links],
        },
        "removed": {
            "nodes": [_ref_json(r) for r in changes.removed_nodes],
            "links": [_link_ref_json(r) for r in changes.removed_links],
        },
        "changed": {
            "nodes": [
                {**_ref_json(e.node), "changes": [_field_json(c) for c in e.changes]}
                for e in changes.changed_nodes
            ],
            "links": [
                {**_link_ref_json(e.link), "changes": [_field_json(c) for c in e.changes]}
                for e in changes.changed_links
            ],
        },
        "role_fields": [
            {
                "field": c.field,
                "label": c.label,
                "before": c.before,
                "after": c.after,
                "added": list(c.added),
                "removed": list(c.removed),
            }
            for c in changes.role_fields
        ],
        "canvas_moves": changes.canvas_moves,
    }


def _ref_json(ref: NodeRef) -> dict[str, Any]:
    return {"id": ref.id, "kind": ref.kind, "title": ref.title}


def _link_ref_json(ref: LinkRef) -> dict[str, Any]:
    return {
        "id": ref.id,
        "title": ref.title,
        "source": _ref_json(ref.source),
        "target": _ref_json(ref.target),
    }


def _field_json(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "label": change.label,
        "before": change.before,
        "after": change.after,
    }


def changes_from_json(value: Any, where: str = "changes") -> MapChanges:
    """A MapChanges from `changes_to_json`'s value."""
    data = JsonObject(value, where)
    added, removed, changed = data.child("added"), data.child("removed"), data.child("changed")
    return MapChanges(
        added_nodes=read_list(added.get("nodes"), added.at("nodes"), _ref),
        removed_nodes=read_list(removed.get("nodes"), removed.at("nodes"), _ref),
        changed_nodes=read_list(
            changed.get("nodes"), changed.at("nodes"), lambda o: NodeEdit(_ref(o), _fields(o))
        ),
        added_links=read_list(added.get("links"), added.at("links"), _link_ref),
        removed_links=read_list(removed.get("links"), removed.at("links"), _link_ref),
        changed_links=read_list(
            changed.get("links"), changed.at("links"), lambda o: LinkEdit(_link_ref(o), _fields(o))
        ),
        role_fields=read_list(data.get("role_fields"), data.at("role_fields"), _role_field),
        canvas_moves=data.integer("canvas_moves", 0),
    )


def _ref(data: JsonObject) -> NodeRef:
    return NodeRef(data.id("id"), data.text("kind", limit=10), data.text("title"))


def _link_ref(data: JsonObject) -> LinkRef:
    return LinkRef(data.id("id"), _ref(data.child("source")), _ref(data.child("target")))


def _fields(data: JsonObject) -> tuple[FieldChange, ...]:
    return read_list(
        data.get("changes"),
        data.at("changes"),
        lambda o: FieldChange(o.text("field"), o.text("label"), o.get("before"), o.get("after")),
    )


def _role_field(data: JsonObject) -> RoleFieldChange:
    return RoleFieldChange(
        data.text("field"),
        data.text("label"),
        data.get("before"),
        data.get("after"),
        data.texts("added"),
        data.texts("removed"),
    )


# Each row type's fields and how each is read: "id", "text", "number", "number?", "integer",
# "bool", "bool?", "ids", "point?", "texts", "text?".
_ROWS: dict[type[Any], tuple[tuple[str, str], ...]] = {
    ActivityRow: (
        ("id", "id"),
        ("title", "text"),
        ("category", "text"),
        ("planned_hours", "number"),
        ("hours", "number"),
        ("outputs", "ids"),
        ("deliveries", "integer"),
        ("reaches_outcome", "bool"),
    ),
    OutputRow: (
        ("id", "id"),
        ("title", "text"),
        ("hours_in", "number"),
        ("deliveries", "integer"),
        ("reaches_outcome", "bool"),
    ),
    OutcomeRow: (
        ("id", "id"),
        ("title", "text"),
        ("unit", "text"),
        ("direction", "text"),
        ("baseline", "number?"),
        ("target", "number?"),
        ("due", "text?"),
        ("accountability", "text"),
        ("hours", "number"),
        ("weak_hours", "number"),
        ("deliveries", "integer"),
        ("start", "point?"),
        ("end", "point?"),
        ("expected", "number?"),
        ("on_track", "bool?"),
    ),
    WeakLink: (
        ("id", "id"),
        ("source", "text"),
        ("target", "text"),
        ("confidence", "number"),
        ("hours", "number"),
    ),
    Ranked: (("id", "id"), ("title", "text"), ("hours", "number")),
    AllocationGap: (
        ("category", "text"),
        ("ideal", "number"),
        ("actual", "number"),
        ("hours", "number"),
    ),
    AccountabilityRow: (
        ("name", "text"),
        ("status", "text"),
        ("outcomes", "texts"),
        ("hours", "number"),
    ),
}
_LISTS: tuple[tuple[str, type[Any]], ...] = (
    ("activities", ActivityRow),
    ("outputs", OutputRow),
    ("outcomes", OutcomeRow),
    ("weak_links", WeakLink),
    ("unanchored", Ranked),
    ("unfed_outcomes", Ranked),
    ("allocation", AllocationGap),
    ("accountabilities", AccountabilityRow),
)
_TOTALS = ("total_hours", "purposeful_hours", "attributed_hours", "weak_hours")


def evidence_to_json(evidence: Evidence) -> dict[str, Any]:
    """The evidence of a review as plain values (what a finished review keeps)."""
    document: dict[str, Any] = {
        "version": EVIDENCE_VERSION,
        "first_day": evidence.first_day.isoformat(),
        "last_day": evidence.last_day.isoformat(),
    }
    document.update((name, getattr(evidence, name)) for name in _TOTALS)
    for name, row_type in _LISTS:
        document[name] = [_row_json(row, row_type) for row in getattr(evidence, name)]
    document["changes"] = None if evidence.changes is None else changes_to_json(evidence.changes)
    document["changes_note"] = evidence.changes_note
    return document


def _row_json(row: Any, row_type: type[Any]) -> dict[str, Any]:
    result = {}
    for name, how in _ROWS[row_type]:
        value = getattr(row, name)
        if how == "point?" and value is not None:
            value = {"day": value.day, "value": value.value}
        elif how in ("ids", "texts"):
            value = list(value)
        result[name] = value
    return result


def evidence_from_json(value: Any, where: str = "figures") -> Evidence:
    """Evidence from `evidence_to_json`'s value; FormatError names what is wrong."""
    data = JsonObject(value, where)
    version = data.integer("version")
    if version > EVIDENCE_VERSION:
        raise FormatError(
            f"In {data.at('version')}: these figures were kept by a newer Rolemap "
            f"(version {version}); update Rolemap to read them."
        )
    values: dict[str, Any] = {name: data.number(name, 0.0) for name in _TOTALS}
    for name, row_type in _LISTS:
        values[name] = read_list(data.get(name, []), data.at(name), _row_reader(row_type))
    changes = data.get("changes", None)
    return Evidence(
        first_day=data.day("first_day"),
        last_day=data.day("last_day"),
        changes=None if changes is None else changes_from_json(changes, data.at("changes")),
        changes_note=data.text("changes_note", ""),
        **values,
    )


def _row_reader(row_type: type[T]) -> Callable[[JsonObject], T]:
    def read(data: JsonObject) -> T:
        values: dict[str, Any] = {}
        for name, how in _ROWS[row_type]:
            if how == "id":
                values[name] = data.id(name)
            elif how == "text":
                values[name] = data.text(name)
            elif how == "text?":
                values[name] = None if data.get(name, None) is None else data.text(name)
            elif how == "number":
                values[name] = data.number(name)
            elif how == "number?":
                values[name] = data.maybe_number(name)
            elif how == "integer":
                values[name] = data.integer(name)
            elif how == "bool":
                values[name] = data.boolean(name)
            elif how == "bool?":
                values[name] = None if data.get(name, None) is None else data.boolean(name)
            elif how == "ids":
                values[name] = tuple(JsonObject({"id": i}, w).id("id") for i, w in data.items(name))
            elif how == "texts":
                values[name] = data.texts(name)
            elif how == "point?":
                point = data.get(name, None)
                values[name] = None if point is None else _point(JsonObject(point, data.at(name)))
        return row_type(**values)

    return read


def _point(data: JsonObject) -> CheckPoint:
    return CheckPoint(data.day("day").isoformat(), data.number("value"))
