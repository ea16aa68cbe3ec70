"""The undo commands: each holds labelled plain values (a change, a role) and applies them.

A command that cannot be saved (disk full, read-only file) marks itself
obsolete, so QUndoStack drops it instead of keeping an edit that never happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from rolemap.document.map_change import MapChange
from rolemap.document.record_change import RecordChange
from rolemap.domain.entities import Node, Role

if TYPE_CHECKING:
    from rolemap.document.document import RoleDocument
    from rolemap.document.role_life_cycle import RoleLifeCycle

NUDGE_ID = 1  # QUndoCommand.id() of nudges: the stack offers them to each other to merge


class MapChangeCommand(QUndoCommand):
    """Any edit of nodes and links: forward and backward MapChanges with a label."""

    def __init__(
        self, document: RoleDocument, label: str, forward: MapChange, backward: MapChange
    ) -> None:
        super().__init__(label)
        self._document = document
        self.forward = forward
        self.backward = backward

    def redo(self) -> None:
        if not self._document._apply(self.forward):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._document._apply(self.backward):
            self.setObsolete(True)


class NudgeCommand(MapChangeCommand):
    """An arrow-key nudge of a selection; a run of them is one undo step.

    QUndoStack offers each new command to the one on top (same `id()`); a
    nudge of the same nodes merges into it, so undo goes back to where the
    run started. A run that ends where it began leaves no step at all.
    """

    def __init__(
        self,
        document: RoleDocument,
        label: str,
        node_ids: Iterable[str],
        forward: MapChange,
        backward: MapChange,
    ) -> None:
        super().__init__(document, label, forward, backward)
        self.node_ids = frozenset(node_ids)

    def id(self) -> int:
        return NUDGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, NudgeCommand)
            or other.node_ids != self.node_ids
            or other.isObsolete()  # its save failed: nothing to merge
        ):
            return False
        self.forward = MapChange(put_nodes=_latest(self.forward.put_nodes, other.forward.put_nodes))
        self.backward = MapChange(
            put_nodes=_latest(other.backward.put_nodes, self.backward.put_nodes)
        )
        start = {node.id: node for node in self.backward.put_nodes}
        self.setObsolete(start == {node.id: node for node in self.forward.put_nodes})
        return True


class SetRoleCommand(QUndoCommand):
    """A change to the role's own fields (name, purpose, allocation…)."""

    def __init__(self, document: RoleLifeCycle, label: str, old: Role, new: Role) -> None:
        super().__init__(label)
        self._document = document
        self.old = old
        self.new = new

    def redo(self) -> None:
        if not self._document._apply_role(self.new):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._document._apply_role(self.old):
            self.setObsolete(True)


class RecordCommand(QUndoCommand):
    """One labelled edit of tracking records: a forward and a backward RecordChange."""

    def __init__(
        self, document: RoleDocument, label: str, forward: RecordChange, backward: RecordChange
    ) -> None:
        super().__init__(label)
        self._document = document
        self.forward = forward
        self.backward = backward

    def redo(self) -> None:
        if not self._document._apply_records(self.forward):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._document._apply_records(self.backward):
            self.setObsolete(True)


def _latest(first: tuple[Node, ...], then: tuple[Node, ...]) -> tuple[Node, ...]:
    """Nodes of both, by id, those of `then` winning."""
    by_id = {node.id: node for node in first}
    by_id.update((node.id, node) for node in then)
    return tuple(by_id.values())
