"""RoleDocument: the one way data changes, for the window, the tests and anything else.

A view states an intent (`connect_nodes(a, b)`); the document checks it
against the domain, pushes one labelled command onto the role's undo stack,
and the command's `_apply` saves the change in one transaction, updates the
model, and only then emits past-tense signals that the views follow. Only the
document emits its signals: a view that has something to say asks for it
(`refuse(message)`, `report_failure(message)`).

Signals (those of the role itself come from RoleLifeCycle, its base):
    node_added(str), node_changed(str), node_removed(str): a node id.
    link_added(str), link_changed(str), link_removed(str): a link id.
    records_added(str, list), records_updated(str, list), records_removed(str, list):
        a RecordKind value ("time_entries", "deliveries", "checkins") and the
        ids of the records of that kind one step added, changed or removed,
        so that a table can update just those rows. Removals come before the
        nodes they hung on go; additions after their nodes come back.
    records_changed(str): a RecordKind value, once per kind a step touched,
        after its id signals, for views that simply read again.
    plan_changed(str): a week's plan ("2026-W49") or a quarter's checklist ("2026-Q4")
        was saved (document/plan_editor.py).
    role_changed(str), role_switched(str), roles_changed(),
    edit_refused(str), edit_failed(str): see RoleLifeCycle.

`analysis` (a MapAnalysis) keeps the purpose check and the trace current.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from rolemap.document.analysis import MapAnalysis
from rolemap.document.commands import MapChangeCommand, NudgeCommand, RecordCommand
from rolemap.document.map_change import MapChange, Records
from rolemap.document.record_change import RecordChange, RecordDelta
from rolemap.document.role_life_cycle import RoleLifeCycle
from rolemap.document.saving import save_map_change, save_record_change
from rolemap.domain import geometry
from rolemap.domain.entities import Link, Node, new_id
from rolemap.domain.errors import DomainError
from rolemap.domain.fields import coerce, default_details, field_spec
from rolemap.domain.kinds import NodeKind
from rolemap.domain.lane_rule import check_link, kinds_may_link
from rolemap.domain.link_fields import with_field
from rolemap.domain.tracking import CheckIn
from rolemap.store import figures
from rolemap.store.database import Store
from rolemap.store.errors import StoreError
from rolemap.store.example_records import example_records
from rolemap.store.record_repository import RecordRepository

if TYPE_CHECKING:  # imported when used: not on the first paint's path
    from rolemap.document.time_import_command import TimeImportOutcome, TimeImportRequest
    from rolemap.interchange.import_draft import ImportPreview


class RoleDocument(RoleLifeCycle):
    """The editing session over one database; one role is current at a time."""

    node_added = Signal(str)
    node_changed = Signal(str)
    node_removed = Signal(str)
    link_added = Signal(str)
    link_changed = Signal(str)
    link_removed = Signal(str)
    records_added = Signal(str, list)
    records_updated = Signal(str, list)
    records_removed = Signal(str, list)
    records_changed = Signal(str)
    plan_changed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(store, parent)
        self.records_repo = RecordRepository(store)
        self.analysis = MapAnalysis(self)

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
        self._push(f"Add {kind.value} ‘{title}’", MapChange(put_nodes=(node,)))
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
            self.refuse("A node needs a title.")
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
                self.refuse(str(error))
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

    def nudge_nodes(self, node_ids: Iterable[str], dx: float, dy: float) -> bool:
        """Nudge nodes together by (dx, dy), stopping short of others (see `geometry.nudge`).

        A run of nudges of the same nodes is one undo step. False if nothing moved.
        """
        chosen = [i for i in dict.fromkeys(node_ids) if i in self.role_map.nodes]
        positions = geometry.nudge(self.role_map, chosen, dx, dy)
        if not positions:
            return False
        nodes = self.role_map.nodes
        moved = tuple(dataclasses.replace(nodes[i], x=x, y=y) for i, (x, y) in positions.items())
        forward = MapChange(put_nodes=moved)
        label = (
            f"Nudge ‘{nodes[chosen[0]].title}’"
            if len(chosen) == 1
            else f"Nudge {len(chosen)} nodes"
        )
        command = NudgeCommand(self, label, chosen, forward, forward.inverse(self.role_map))
        self.undo_stack.push(command)
        return True

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
            self.refuse(str(error))
            return None
        link = Link(new_id(), self.role_map.role.id, source_id, target_id)
        self._push(f"Link {self._ends(link)}", MapChange(put_links=(link,)))
        return link.id if link.id in self.role_map.links else None

    def set_link_field(self, link_id: str, name: str, value: Any) -> bool:
        """Set a link's weight (> 0, or none), confidence ("0.7", "70 %", or none) or note."""
        link = self.role_map.links[link_id]
        try:
            new = with_field(link, name, value)
        except DomainError as error:
            self.refuse(str(error))
            return False
        if new == link:
            return True
        self._push(f"Change {name} of link {self._ends(link)}", MapChange(put_links=(new,)))
        return self.role_map.links.get(link_id) == new

    # -- record intents (the RecordEditor and the example data build them) ----------

    def push_record_change(self, label: str, forward: RecordChange, backward: RecordChange) -> None:
        """Push one undoable edit of tracking records; the views hear of it after the commit."""
        self.undo_stack.push(RecordCommand(self, label, forward, backward))

    def announce_plan_change(self, key: str) -> None:
        """Tell the views that a plan or a checklist was saved (after the commit)."""
        self.plan_changed.emit(key)

    # -- files from other tools (the window's import dialogs) ------------------------

    def import_time(self, request: TimeImportRequest) -> TimeImportOutcome:
        """Write a previewed time import as one undo step (document/time_import_command.py).

        The plan's role must be the current one. The outcome says what was
        written, or why nothing was.
        """
        from rolemap.document.time_import_command import TimeImportCommand

        command = TimeImportCommand(self, request)
        outcome = command.outcome  # the stack deletes a command that failed
        self.undo_stack.push(command)
        return outcome

    def import_map(self, preview: ImportPreview) -> str | None:
        """Add a previewed map (JSON Canvas, Markdown, GraphML) as a new role, and open it.

        Not an undo step, like every role import: it is a role of its own,
        which File → Delete role takes away. Returns the new role's id. Raises
        FormatError or StoreError; then nothing changed.
        """
        from rolemap.services.map_files import import_preview

        before = {role.id for role in self.roles()}
        import_preview(self.store, preview)
        added = [role.id for role in self.roles() if role.id not in before]
        self.roles_changed.emit()
        if added:
            self.switch_role(added[0])
        return added[0] if added else None

    # -- what the views read (no view reaches into a repository) ----------------

    def latest_checkins(self) -> dict[str, CheckIn]:
        """The current role's outcomes' latest check-ins, by outcome id."""
        return figures.latest_checkins(self.store.conn, self.role_map.role.id)

    def tracked_counts(self, node_ids: Sequence[str]) -> tuple[int, int, int]:
        """How many time entries, deliveries and check-ins hang on these nodes.

        What deleting the nodes would take with it (undo brings it back).
        """
        entries, deliveries, checkins = self.records_repo.records_of_nodes(tuple(node_ids))
        return len(entries), len(deliveries), len(checkins)

    def example_counts(self) -> tuple[int, int, int]:
        """How many sample time entries, deliveries and check-ins the database still holds."""
        entries, deliveries, checkins = example_records(self.store.conn)
        return len(entries), len(deliveries), len(checkins)

    # -- applying (called by the commands) ----------------------------------

    def _apply(self, change: MapChange) -> bool:
        """Save `change` in one transaction, then update the model and tell the views."""
        role_map = self.role_map
        try:
            delta = save_map_change(
                self.store, self.roles_repo, self.records_repo, change, role_map
            )
        except StoreError as error:
            self.report_failure(str(error))
            return False
        for kind, ids in delta.removed.items():
            self.records_removed.emit(kind.value, list(ids))
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
        self._announce_records(delta, removals=False)
        return True

    def _apply_records(self, change: RecordChange) -> bool:
        """Save a RecordChange in one transaction, then tell the views (RecordCommand)."""
        try:
            delta = save_record_change(self.store, self.records_repo, change)
        except DomainError as refusal:
            self.refuse(str(refusal))
            return False
        except StoreError as error:
            self.report_failure(str(error))
            return False
        self._announce_records(delta, removals=True)
        return True

    def _announce_records(self, delta: RecordDelta, *, removals: bool) -> None:
        for kind in delta.kinds:
            if removals and delta.removed.get(kind):
                self.records_removed.emit(kind.value, list(delta.removed[kind]))
            if delta.added.get(kind):
                self.records_added.emit(kind.value, list(delta.added[kind]))
            if delta.updated.get(kind):
                self.records_updated.emit(kind.value, list(delta.updated[kind]))
            self.records_changed.emit(kind.value)

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
