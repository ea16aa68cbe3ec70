"""A map's changes as a person reads them: nodes added, removed, retitled, moved between
categories; links added and removed; role fields changed.

`describe(diff, before, after)` turns a `MapDiff` into plain values that carry
the titles they need (a finished review keeps them: the nodes may be renamed
or deleted later) and can be stored as JSON. Moves on the canvas alone are
counted, not listed. `*_text` functions word each item the same way for the
command line, the Markdown and the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rolemap.domain.describe import number
from rolemap.domain.entities import Category, Link, Node
from rolemap.domain.fields import FIELDS
from rolemap.domain.kinds import NodeKind
from rolemap.domain.map_diff import MapDiff, NodeChange, RoleChange

ROLE_LABELS: dict[str, str] = {
    "name": "Name",
    "purpose": "Purpose",
    "accountabilities": "Accountabilities",
    "domains": "Domains",
    "decision_rights": "Decision rights",
    "review_cadence": "Review cadence",
    "categories": "Categories",
    "ideal_allocation": "Ideal allocation",
    "purposeful_target": "Purposeful time target",
    "weekly_capacity": "Weekly capacity",
    "successor_notes": "Notes for a successor",
}
"""The role fields a person is told about, in order (id and creation date are not)."""
LIST_FIELDS = frozenset({"accountabilities", "domains", "decision_rights", "categories"})
_NODE_LABELS = {"title": "title", "notes": "notes", "kind": "lane", "role_id": "role"}
_DETAIL_LABELS = {spec.name: spec.label for specs in FIELDS.values() for spec in specs}


@dataclass(frozen=True, slots=True)
class NodeRef:
    """A node by id, with its kind ("activity", …) and title at the time."""

    id: str
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a node or link: its name, what people call it, old and new value."""

    field: str
    label: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class NodeEdit:
    """A node that changed (other than its place on the canvas): its fields, old and new."""

    node: NodeRef
    changes: tuple[FieldChange, ...]

    def change(self, name: str) -> FieldChange | None:
        """The change of field `name` ("title", "category", …), if it changed."""
        return next((c for c in self.changes if c.field == name), None)


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link by id with its two ends."""

    id: str
    source: NodeRef
    target: NodeRef

    @property
    def title(self) -> str:
        """ "Weekly 1:1s → Team health"."""
        return f"{self.source.title} → {self.target.title}"


@dataclass(frozen=True, slots=True)
class LinkEdit:
    """A link whose weight, confidence or note changed."""

    link: LinkRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class RoleFieldChange:
    """A role field that changed; list fields also say which items came and went."""

    field: str
    label: str
    before: Any
    after: Any
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MapChanges:
    """What changed on a role's map, ready to show and to keep."""

    added_nodes: tuple[NodeRef, ...] = ()
    removed_nodes: tuple[NodeRef, ...] = ()
    changed_nodes: tuple[NodeEdit, ...] = ()
    added_links: tuple[LinkRef, ...] = ()
    removed_links: tuple[LinkRef, ...] = ()
    changed_links: tuple[LinkEdit, ...] = ()
    role_fields: tuple[RoleFieldChange, ...] = ()
    canvas_moves: int = 0

    def is_empty(self) -> bool:
        """Whether nothing a person would call a change happened (canvas moves aside)."""
        return not (
            self.added_nodes
            or self.removed_nodes
            or self.changed_nodes
            or self.added_links
            or self.removed_links
            or self.changed_links
            or self.role_fields
        )

    @property
    def retitled(self) -> tuple[NodeEdit, ...]:
        """Nodes whose title changed."""
        return tuple(e for e in self.changed_nodes if e.change("title"))

    @property
    def recategorised(self) -> tuple[NodeEdit, ...]:
        """Activities that moved between categories."""
        return tuple(e for e in self.changed_nodes if e.change("category"))

    @property
    def count(self) -> int:
        """How many changes there are (each node, link and role field once)."""
        return (
            len(self.added_nodes)
            + len(self.removed_nodes)
            + len(self.changed_nodes)
            + len(self.added_links)
            + len(self.removed_links)
            + len(self.changed_links)
            + len(self.role_fields)
        )


def describe(change: MapDiff, before: Mapping[str, Node], after: Mapping[str, Node]) -> MapChanges:
    """The person's view of `change`; `before` and `after` are the two maps' nodes by id
    (at least the ends of the links the diff holds), for the links' titles."""
    edits = [_node_edit(c) for c in change.changed_nodes if not c.layout_only]
    return MapChanges(
        added_nodes=_ranked(_ref(n) for n in change.added_nodes),
        removed_nodes=_ranked(_ref(n) for n in change.removed_nodes),
        changed_nodes=tuple(sorted(edits, key=lambda e: _rank(e.node))),
        added_links=_links(change.added_links, after),
        removed_links=_links(change.removed_links, before),
        changed_links=tuple(
            LinkEdit(
                _link_ref(c.after, after),
                tuple(
                    FieldChange(f, f, getattr(c.before, f), getattr(c.after, f))
                    for f in c.fields
                    if f != "role_id"
                ),
            )
            for c in change.changed_links
        ),
        role_fields=tuple(
            _role_field(c) for c in _in_order(change.role_changes) if c.field in ROLE_LABELS
        ),
        canvas_moves=sum(1 for c in change.changed_nodes if c.layout_only),
    )


def _ref(node: Node) -> NodeRef:
    return NodeRef(node.id, node.kind.value, node.title)


def _rank(ref: NodeRef) -> tuple[int, str, str]:
    lane = NodeKind(ref.kind).lane if ref.kind in NodeKind.__members__.values() else 9
    return lane, ref.title.casefold(), ref.id


def _ranked(refs: Iterable[NodeRef]) -> tuple[NodeRef, ...]:
    return tuple(sorted(refs, key=_rank))


def _link_ref(link: Link, nodes: Mapping[str, Node]) -> LinkRef:
    def end(node_id: str) -> NodeRef:
        node = nodes.get(node_id)
        return _ref(node) if node is not None else NodeRef(node_id, "", "(unknown node)")

    return LinkRef(link.id, end(link.source), end(link.target))


def _links(links: Iterable[Link], nodes: Mapping[str, Node]) -> tuple[LinkRef, ...]:
    refs = [_link_ref(link, nodes) for link in links]
    return tuple(sorted(refs, key=lambda r: (r.title.casefold(), r.id)))


def _node_edit(change: NodeChange) -> NodeEdit:
    items = []
    for name in change.fields:
        if name in ("x", "y"):
            continue
        if name.startswith("details."):
            key = name.removeprefix("details.")
            items.append(
                FieldChange(
                    key,
                    _DETAIL_LABELS.get(key, key),
                    change.before.details.get(key),
                    change.after.details.get(key),
                )
            )
        else:
            old, new = getattr(change.before, name), getattr(change.after, name)
            if name == "kind":
                old, new = old.value, new.value
            items.append(FieldChange(name, _NODE_LABELS[name], old, new))
    return NodeEdit(_ref(change.after), tuple(items))


def _in_order(changes: Iterable[RoleChange]) -> list[RoleChange]:
    order = list(ROLE_LABELS)
    return sorted(
        (c for c in changes if c.field in ROLE_LABELS), key=lambda c: order.index(c.field)
    )


def _plain(name: str, value: Any) -> Any:
    """A role field's value as JSON can hold it (tuples as lists, categories as text)."""
    if name == "categories":
        return [f"{c.name} ({c.colour})" if isinstance(c, Category) else str(c) for c in value]
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {str(k): v for k, v in sorted(value.items())}
    return value


def _role_field(change: RoleChange) -> RoleFieldChange:
    before, after = _plain(change.field, change.before), _plain(change.field, change.after)
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    if change.field in LIST_FIELDS:
        added = tuple(item for item in after if item not in before)
        removed = tuple(item for item in before if item not in after)
    return RoleFieldChange(change.field, ROLE_LABELS[change.field], before, after, added, removed)


# -- words -------------------------------------------------------------------------------


def value_text(value: Any) -> str:
    """A field's value in words: "–" for nothing, numbers without needless decimals."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(float(value))
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value) or "–"
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {value_text(v)}" for k, v in value.items()) or "–"
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def field_change_text(change: FieldChange) -> str:
    """ "title ‘Old’ → ‘New’", "category Admin & email → Maker's work", "notes changed"."""
    if change.field == "title":
        return f"title ‘{change.before}’ → ‘{change.after}’"
    if change.field in ("notes", "note"):
        return f"{change.label} changed"
    if change.field == "confidence":
        return f"{change.label} {_percent(change.before)} → {_percent(change.after)}"
    return f"{change.label} {value_text(change.before)} → {value_text(change.after)}"


def role_change_text(change: RoleFieldChange) -> str:
    """ "Accountabilities: added ‘Hire’; removed ‘Budget’", "Purpose changed", …"""
    if change.field in LIST_FIELDS:
        parts = []
        if change.added:
            parts.append("added " + ", ".join(f"‘{a}’" for a in change.added))
        if change.removed:
            parts.append("removed " + ", ".join(f"‘{r}’" for r in change.removed))
        return f"{change.label}: " + ("; ".join(parts) if parts else "reordered or edited")
    if change.field in ("purpose", "successor_notes"):
        return f"{change.label} changed"
    if change.field == "purposeful_target":
        return f"{change.label} {_percent(change.before)} → {_percent(change.after)}"
    if change.field == "ideal_allocation":
        before = change.before if isinstance(change.before, Mapping) else {}
        after = change.after if isinstance(change.after, Mapping) else {}
        moved = [
            f"{name} {_percent(before.get(name, 0))} → {_percent(after.get(name, 0))}"
            for name in sorted(set(before) | set(after))
            if before.get(name, 0) != after.get(name, 0)
        ]
        return f"{change.label}: " + ("; ".join(moved) or "changed")
    return f"{change.label} {value_text(change.before)} → {value_text(change.after)}"


def _percent(value: Any) -> str:
    return f"{float(value) * 100:.0f} %" if isinstance(value, int | float) else "–"
