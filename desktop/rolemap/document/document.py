"""RoleDocument: the one way data changes, for the window, the tests and anything else.

A view states an intent (`connect_nodes(a, b)`); the document checks it
against the domain, pushes one labelled command onto the role's undo stack,
and the command's `_apply` saves the change in one transaction, updates the
model, and only then emits past-tense signals that the views follow.

Signals:
    node_added(str), node_changed(str), node_removed(str): a node id.
    link_added(str), link_changed(str), link_removed(str): a link id.
    role_changed(str): the current role's own fields changed.
    role_switched(str): another role is now current; views rebuild.
    roles_changed(): a role was created, renamed or deleted.
    records_changed(str): time entries, deliveries or check-ins changed
        ("time_entries", "deliveries", "checkins" or "all").
    edit_refused(str): an intent broke a rule; nothing changed (message).
    edit_failed(str): a change could not be saved; nothing changed (message).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from rolemap.document.commands import MapChangeCommand, SetRoleCommand
from rolemap.document.map_change import MapChange, Records
from rolemap.domain import geometry
from rolemap.domain.entities import Link, Node, Role, new_id
from rolemap.domain.errors import DomainError
from rolemap.domain.fields import coerce, default_details, field_spec
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.rules import check_link, kinds_may_link
from rolemap.store.database import Store
from rolemap.store.errors import StoreError
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository


class RoleDocument(QObject):
    """The editing session over one database; one role is current at a time."""

    node_added = Signal(str)
    node_changed = Signal(str)
    node_removed = Signal(str)
    link_added = Signal(str)
    link_changed = Signal(str)
    link_removed = Signal(str)
    role_changed = Signal(str)
    role_switched = Signal(str)
    roles_changed = Signal()
    records_changed = Signal(str)
    edit_refused = Signal(str)
    edit_failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.roles_repo = RoleRepository(store)
        self.records_repo = RecordRepository(store)
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._map: RoleMap | None = None

    # -- roles ------------------------------------------------------------

    @property
    def role_map(self) -> RoleMap:
        """The current role's map. RuntimeError before a role is opened."""
        if self._map is None:
            raise RuntimeError("No role is open.")
        return self._map

    @property
    def has_role(self) -> bool:
        """Whether a role is open."""
        return self._map is not None

    @property
    def undo_stack(self) -> QUndoStack:
        """The current role's undo stack."""
        return self._stack_for(self.role_map.role.id)

    def roles(self) -> list[Role]:
        """Every role in the database."""
        return self.roles_repo.list_roles()

    def switch_role(self, role_id: str) -> None:
        """Make `role_id` the current role (each role keeps its own undo history)."""
        self._map = self.roles_repo.load_map(role_id)
        self.undo_group.setActiveStack(self._stack_for(role_id))
        self.role_switched.emit(role_id)

    def reload(self) -> None:
        """Read everything again from the file (after a restore); the undo history is dropped.

        The current role stays current if the file still has it, else the first role.
        """
        current = self._map.role.id if self._map is not None else None
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self._map = None
        ids = [role.id for role in self.roles()]
        if ids:
            self.switch_role(current if current in ids else ids[0])
        self.roles_changed.emit()

    def create_role(self, name: str) -> str | None:
        """Create an empty role and switch to it; returns its id (None if refused)."""
        name = name.strip()
        if not name:
            self.edit_refused.emit("A role needs a name.")
            return None
        role = Role(id=new_id(), name=name, created=dt.date.today().isoformat())
        try:
            with self.store.transaction():
                self.roles_repo.put_role(role)
        except StoreError as error:
            self.edit_failed.emit(str(error))
            return None
        self.roles_changed.emit()
        self.switch_role(role.id)
        return role.id

    def delete_role(self, role_id: str) -> bool:
        """Delete a role and everything on it (not undoable; the window asks first)."""
        try:
            with self.store.transaction():
                self.roles_repo.delete_role(role_id)
        except StoreError as error:
            self.edit_failed.emit(str(error))
            return False
        stack = self._stacks.pop(role_id, None)
        if stack is not None:
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        if self._map is not None and self._map.role.id == role_id:
            self._map = None
            remaining = self.roles()
            if remaining:
                self.switch_role(remaining[0].id)
        self.roles_changed.emit()
        return True

    def rename_role(self, name: str) -> bool:
        """Rename the current role (undoable)."""
        name = name.strip()
        if not name:
            self.edit_refused.emit("A role needs a name.")
            return False
        return self.set_role_fields(_label=f"Rename role to ‘{name}’", name=name)

    def set_role_fields(self, _label: str | None = None, **changes: Any) -> bool:
        """Change the current role's own fields (purpose, allocation, …), undoable."""
        old = self.role_map.role
        try:
            new = dataclasses.replace(old, **changes)
        except TypeError as error:
            self.edit_refused.emit(str(error))
            return False
        if new == old:
            return True
        label = _label or f"Change {', '.join(changes).replace('_', ' ')} of role"
        self.undo_stack.push(SetRoleCommand(self, label, old, new))
        return self.role_map.role == new

    # -- node intents -------------------------------------------------------

    def add_node(
        self, kind: NodeKind, title: str = "", x: float | None = None, y: float | None = None
    ) -> str | None:
        """Add a node in its lane; at (x, y) if given, else in a free spot. Returns its id."""
        title = title.strip() or f"New {kind.value}"
        taken = [n.y for n in self.role_map.nodes_of(kind)]
        if y is None:
            x, y = geometry.free_slot(kind, taken)
        else:
            x, y = geometry.free_slot(kind, taken, near_y=y)
        node = Node(
            id=new_id(),
            role_id=self.role_map.role.id,
            kind=kind,
            title=title,
            x=x,
            y=y,
            details=default_details(kind),
        )
        forward = MapChange(put_nodes=(node,))
        self._push(f"Add {kind.value} ‘{title}’", forward)
        return node.id if node.id in self.role_map.nodes else None

    def remove(self, node_ids: Sequence[str], link_ids: Sequence[str] = ()) -> None:
        """Delete nodes (with their links and records) and links as one undo step.

        Undo restores everything in place, tracked time included.
        """
        role_map = self.role_map
        nodes = [role_map.nodes[i] for i in node_ids if i in role_map.nodes]
        ids = tuple(n.id for n in nodes)
        links = {i for i in link_ids if i in role_map.links}
        links |= {link.id for node_id in ids for link in role_map.links_of(node_id)}
        if not nodes and not links:
            return
        entries, deliveries, checkins = self.records_repo.records_of_nodes(ids)
        forward = MapChange(drop_nodes=ids, drop_links=tuple(sorted(links)), drop_records_of=ids)
        backward = forward.inverse(
            role_map, Records(tuple(entries), tuple(deliveries), tuple(checkins))
        )
        if len(nodes) == 1:
            label = f"Delete ‘{nodes[0].title}’"
        elif nodes:
            label = f"Delete {len(nodes)} nodes"
        elif len(links) == 1:
            label = f"Unlink {self._ends(role_map.links[next(iter(links))])}"
        else:
            label = f"Remove {len(links)} links"
        self._push(label, forward, backward)

    def remove_nodes(self, node_ids: Sequence[str]) -> None:
        """Delete nodes with their links and records (one undo step)."""
        self.remove(node_ids, [])

    def remove_links(self, link_ids: Sequence[str]) -> None:
        """Remove links (one undo step)."""
        self.remove([], link_ids)

    def rename_node(self, node_id: str, title: str) -> bool:
        """Give a node a new title."""
        node = self.role_map.nodes[node_id]
        title = title.strip()
        if not title:
            self.edit_refused.emit("A node needs a title.")
            return False
        if title == node.title:
            return True
        return self._replace_node(
            f"Rename ‘{node.title}’ to ‘{title}’", dataclasses.replace(node, title=title)
        )

    def set_node_field(self, node_id: str, name: str, value: Any) -> bool:
        """Set `notes` or a kind-specific field; a bad value is refused with a message."""
        node = self.role_map.nodes[node_id]
        if name == "title":
            return self.rename_node(node_id, str(value))
        if name == "notes":
            new = dataclasses.replace(node, notes=str(value))
            label = f"Edit notes of ‘{node.title}’"
        else:
            try:
                spec = field_spec(node.kind, name)
                checked = coerce(spec, value)
            except DomainError as error:
                self.edit_refused.emit(str(error))
                return False
            new = dataclasses.replace(node, details={**node.details, name: checked})
            label = f"Change {spec.label.split(' (')[0].lower()} of ‘{node.title}’"
        if new == node:
            return True
        return self._replace_node(label, new)

    def move_nodes(
        self, positions: Mapping[str, tuple[float, float]], label: str | None = None
    ) -> None:
        """Move nodes (one undo step, named `label` if given), each kept inside its lane."""
        moved = []
        for node_id, (x, y) in positions.items():
            node = self.role_map.nodes[node_id]
            x, y = geometry.clamp_to_lane(node.kind, x, y)
            if (x, y) != (node.x, node.y):
                moved.append(dataclasses.replace(node, x=x, y=y))
        if not moved:
            return
        if label is None:
            label = f"Move ‘{moved[0].title}’" if len(moved) == 1 else f"Move {len(moved)} nodes"
        self._push(label, MapChange(put_nodes=tuple(moved)))

    def add_many(
        self, nodes: Sequence[Node], links: Sequence[Link], label: str = "Paste"
    ) -> dict[str, str]:
        """Add copies of `nodes` and of the `links` between them as one undo step.

        Each copy gets a fresh id and this role; positions are kept in their
        lanes; a link whose ends are not both among `nodes`, or that breaks the
        lane rule, is left out. Returns old id → new id of the nodes added.
        """
        role_id = self.role_map.role.id
        fresh = {node.id: new_id() for node in nodes}
        copies = []
        for node in nodes:
            x, y = geometry.clamp_to_lane(node.kind, node.x, node.y)
            copies.append(dataclasses.replace(node, id=fresh[node.id], role_id=role_id, x=x, y=y))
        kinds = {node.id: node.kind for node in nodes}
        new_links = tuple(
            dataclasses.replace(
                link,
                id=new_id(),
                role_id=role_id,
                source=fresh[link.source],
                target=fresh[link.target],
            )
            for link in links
            if link.source in fresh
            and link.target in fresh
            and kinds_may_link(kinds[link.source], kinds[link.target])
        )
        if not copies:
            return {}
        name = f"‘{copies[0].title}’" if len(copies) == 1 else f"{len(copies)} nodes"
        self._push(f"{label} {name}", MapChange(put_nodes=tuple(copies), put_links=new_links))
        return fresh if copies[0].id in self.role_map.nodes else {}

    # -- link intents -------------------------------------------------------

    def connect_nodes(self, source_id: str, target_id: str) -> str | None:
        """Link two nodes if the lane rule allows; else say why. Returns the link id."""
        try:
            check_link(self.role_map, source_id, target_id)
        except DomainError as error:
            self.edit_refused.emit(str(error))
            return None
        link = Link(new_id(), self.role_map.role.id, source_id, target_id)
        self._push(f"Link {self._ends(link)}", MapChange(put_links=(link,)))
        return link.id if link.id in self.role_map.links else None

    def set_link_field(self, link_id: str, name: str, value: Any) -> bool:
        """Set a link's weight (> 0, or None), confidence (0–1, or None) or note."""
        link = self.role_map.links[link_id]
        try:
            if name == "note":
                new = dataclasses.replace(link, note=str(value))
            elif name == "weight":
                weight = None if value in (None, "") else float(value)
                if weight is not None and not weight > 0:
                    raise ValueError("A link's weight must be more than 0.")
                new = dataclasses.replace(link, weight=weight)
            elif name == "confidence":
                confidence = None if value in (None, "") else float(value)
                if confidence is not None and not 0 <= confidence <= 1:
                    raise ValueError("A link's confidence is between 0 and 1 (0 %–100 %).")
                new = dataclasses.replace(link, confidence=confidence)
            else:
                raise ValueError(f"A link has no field “{name}”.")
        except ValueError as error:
            self.edit_refused.emit(str(error))
            return False
        if new == link:
            return True
        self._push(f"Change {name} of link {self._ends(link)}", MapChange(put_links=(new,)))
        return self.role_map.links.get(link_id) == new

    # -- applying (called by the commands) ----------------------------------

    def _apply(self, change: MapChange) -> bool:
        """Save `change` in one transaction, then update the model and tell the views."""
        known_nodes, known_links = self.role_map.nodes, self.role_map.links
        try:
            with self.store.transaction():
                self.roles_repo.delete_links(change.drop_links)
                self.records_repo.delete_records_of_nodes(change.drop_records_of)
                self.roles_repo.delete_nodes(change.drop_nodes)
                # What the model already has is updated, never re-created: a node
                # deleted meanwhile by another program stays deleted (ConflictError).
                self.roles_repo.update_nodes(n for n in change.put_nodes if n.id in known_nodes)
                self.roles_repo.insert_nodes(n for n in change.put_nodes if n.id not in known_nodes)
                self.records_repo.put_time_entries(change.put_records.time_entries)
                self.records_repo.put_deliveries(change.put_records.deliveries)
                self.records_repo.put_checkins(change.put_records.checkins)
                self.roles_repo.update_links(k for k in change.put_links if k.id in known_links)
                self.roles_repo.insert_links(k for k in change.put_links if k.id not in known_links)
        except StoreError as error:
            self.edit_failed.emit(str(error))
            return False
        role_map = self.role_map
        for link_id in change.drop_links:
            role_map.drop_link(link_id)
            self.link_removed.emit(link_id)
        for node_id in change.drop_nodes:
            role_map.drop_node(node_id)
            self.node_removed.emit(node_id)
        for node in change.put_nodes:
            existed = node.id in role_map.nodes
            role_map.put_node(node)
            (self.node_changed if existed else self.node_added).emit(node.id)
        for link in change.put_links:
            existed = link.id in role_map.links
            role_map.put_link(link)
            (self.link_changed if existed else self.link_added).emit(link.id)
        if change.put_records or change.drop_records_of:
            self.records_changed.emit("all")
        return True

    def _apply_role(self, role: Role) -> bool:
        try:
            with self.store.transaction():
                self.roles_repo.put_role(role)
        except StoreError as error:
            self.edit_failed.emit(str(error))
            return False
        self.role_map.role = role
        self.role_changed.emit(role.id)
        self.roles_changed.emit()
        return True

    # -- helpers --------------------------------------------------------------

    def _push(self, label: str, forward: MapChange, backward: MapChange | None = None) -> None:
        if backward is None:
            backward = forward.inverse(self.role_map)
        self.undo_stack.push(MapChangeCommand(self, label, forward, backward))

    def _replace_node(self, label: str, new: Node) -> bool:
        self._push(label, MapChange(put_nodes=(new,)))
        return self.role_map.nodes.get(new.id) == new

    def _ends(self, link: Link) -> str:
        nodes = self.role_map.nodes
        return f"‘{nodes[link.source].title}’ → ‘{nodes[link.target].title}’"

    def _stack_for(self, role_id: str) -> QUndoStack:
        stack = self._stacks.get(role_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[role_id] = stack
        return stack
