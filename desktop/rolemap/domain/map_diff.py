"""The difference between two role maps, and applying it: what a review's history is made of.

`diff(before, after)` matches nodes and links by id and records every
difference: nodes and links added, removed or changed (each change keeps the
whole old and new value), and the role's own fields that changed. Nothing is
left out, so `apply_diff(before, diff(before, after)) == after` holds for any
two maps, and `diff(m, m)` is empty. What a person reads about a diff (retitled,
moved between categories, which fields) is `domain.map_changes`.

Position-only changes (a node dragged on the canvas) are kept too, and
flagged: `NodeChange.layout_only`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.errors import DomainError
from rolemap.domain.role_map import RoleMap

T = TypeVar("T")
Item = TypeVar("Item", Node, Link)

ROLE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Role))
_LAYOUT = frozenset({"x", "y"})


class DiffConflictError(DomainError):
    """A diff applied to a map it was not made from."""


@dataclass(frozen=True, slots=True)
class NodeChange:
    """One node as it was and as it is (same id)."""

    before: Node
    after: Node

    @property
    def id(self) -> str:
        """The node's id."""
        return self.after.id

    @property
    def fields(self) -> tuple[str, ...]:
        """The names that differ: Node's fields ("title", "x", …), then "details.<name>"."""
        names = [
            f
            for f in ("role_id", "kind", "title", "notes", "x", "y")
            if getattr(self.before, f) != getattr(self.after, f)
        ]
        before, after = self.before.details, self.after.details
        keys = sorted(set(before) | set(after))
        names += [f"details.{k}" for k in keys if before.get(k, _MISSING) != after.get(k, _MISSING)]
        return tuple(names)

    @property
    def layout_only(self) -> bool:
        """Whether only its place on the canvas changed."""
        return set(self.fields) <= _LAYOUT

    @property
    def retitled(self) -> bool:
        """Whether its title changed."""
        return self.before.title != self.after.title

    @property
    def categories(self) -> tuple[str, str] | None:
        """(old, new) category when an activity moved between categories, else None."""
        old, new = self.before.detail("category"), self.after.detail("category")
        if old == new or (old is None and new is None):
            return None
        return str(old or "Other"), str(new or "Other")


@dataclass(frozen=True, slots=True)
class LinkChange:
    """One link as it was and as it is (same id)."""

    before: Link
    after: Link

    @property
    def id(self) -> str:
        """The link's id."""
        return self.after.id

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields that differ ("weight", "confidence", "note", …)."""
        return tuple(
            f
            for f in ("role_id", "source", "target", "weight", "confidence", "note")
            if getattr(self.before, f) != getattr(self.after, f)
        )


@dataclass(frozen=True, slots=True)
class RoleChange:
    """One of the role's own fields (a name in ROLE_FIELDS), before and after."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class MapDiff:
    """Everything that differs between two maps of a role; lists sorted by id."""

    added_nodes: tuple[Node, ...] = ()
    removed_nodes: tuple[Node, ...] = ()
    changed_nodes: tuple[NodeChange, ...] = ()
    added_links: tuple[Link, ...] = ()
    removed_links: tuple[Link, ...] = ()
    changed_links: tuple[LinkChange, ...] = ()
    role_changes: tuple[RoleChange, ...] = ()

    def is_empty(self) -> bool:
        """Whether the two maps are equal."""
        return not (
            self.added_nodes
            or self.removed_nodes
            or self.changed_nodes
            or self.added_links
            or self.removed_links
            or self.changed_links
            or self.role_changes
        )

    def node_status(self) -> dict[str, str]:
        """Node id → "added", "removed" or "changed" (layout-only moves left out): what
        a compare view colours."""
        status = {n.id: "added" for n in self.added_nodes}
        status.update((n.id, "removed") for n in self.removed_nodes)
        status.update((c.id, "changed") for c in self.changed_nodes if not c.layout_only)
        return status

    def link_status(self) -> dict[str, str]:
        """Link id → "added", "removed" or "changed"."""
        status = {k.id: "added" for k in self.added_links}
        status.update((k.id, "removed") for k in self.removed_links)
        status.update((c.id, "changed") for c in self.changed_links)
        return status


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def diff(before: RoleMap, after: RoleMap) -> MapDiff:
    """What changed from `before` to `after`, matched by id."""
    added_nodes, removed_nodes, changed_nodes = _compare(before.nodes, after.nodes)
    added_links, removed_links, changed_links = _compare(before.links, after.links)
    return MapDiff(
        added_nodes=added_nodes,
        removed_nodes=removed_nodes,
        changed_nodes=tuple(NodeChange(old, new) for old, new in changed_nodes),
        added_links=added_links,
        removed_links=removed_links,
        changed_links=tuple(LinkChange(old, new) for old, new in changed_links),
        role_changes=role_changes(before.role, after.role),
    )


def role_changes(before: Role, after: Role) -> tuple[RoleChange, ...]:
    """The role's own fields that differ, in ROLE_FIELDS order."""
    return tuple(
        RoleChange(name, getattr(before, name), getattr(after, name))
        for name in ROLE_FIELDS
        if getattr(before, name) != getattr(after, name)
    )


def _compare(
    before: Mapping[str, T], after: Mapping[str, T]
) -> tuple[tuple[T, ...], tuple[T, ...], list[tuple[T, T]]]:
    """(added, removed, [(old, new) changed]) between two id → value maps, sorted by id."""
    added = tuple(after[i] for i in sorted(after.keys() - before.keys()))
    removed = tuple(before[i] for i in sorted(before.keys() - after.keys()))
    changed = []
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        if old is not new and old != new:
            changed.append((old, new))
    return added, removed, changed


def apply_diff(role_map: RoleMap, change: MapDiff) -> RoleMap:
    """A new map: `role_map` with `change` applied (`role_map` itself is left alone).

    Raises DiffConflictError when the map is not the one the diff was made
    from (a removed or changed item that is missing or different, an added
    one already there).
    """
    role = role_map.role
    for item in change.role_changes:
        if item.field not in ROLE_FIELDS or getattr(role, item.field) != item.before:
            raise DiffConflictError(f"The role's {item.field} is not what the change expects.")
    role = dataclasses.replace(role, **{c.field: c.after for c in change.role_changes})
    nodes = _applied(
        role_map.nodes,
        change.added_nodes,
        change.removed_nodes,
        [(c.before, c.after) for c in change.changed_nodes],
        "node",
    )
    links = _applied(
        role_map.links,
        change.added_links,
        change.removed_links,
        [(c.before, c.after) for c in change.changed_links],
        "link",
    )
    return RoleMap(role, nodes, links)


def _applied(
    current: Mapping[str, Item],
    added: tuple[Item, ...],
    removed: tuple[Item, ...],
    changed: list[tuple[Item, Item]],
    what: str,
) -> dict[str, Item]:
    result = dict(current)
    for old in removed:
        if result.get(old.id) != old:
            raise DiffConflictError(f"The {what} {old.id} to remove is not on the map as expected.")
        del result[old.id]
    for old, new in changed:
        if result.get(old.id) != old:
            raise DiffConflictError(f"The {what} {old.id} to change is not on the map as expected.")
        result[new.id] = new
    for new in added:
        if new.id in result:
            raise DiffConflictError(f"The {what} {new.id} to add is already on the map.")
        result[new.id] = new
    return result
