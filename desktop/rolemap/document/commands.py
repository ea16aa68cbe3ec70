"""The undo commands: each holds a labelled MapChange (or role values) and applies it.

A command that cannot be saved (disk full, read-only file) marks itself
obsolete, so QUndoStack drops it instead of keeping an edit that never happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from rolemap.document.map_change import MapChange
from rolemap.domain.entities import Role

if TYPE_CHECKING:
    from rolemap.document.document import RoleDocument


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


class SetRoleCommand(QUndoCommand):
    """A change to the role's own fields (name, purpose, allocation…)."""

    def __init__(self, document: RoleDocument, label: str, old: Role, new: Role) -> None:
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
