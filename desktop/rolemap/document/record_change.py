"""RecordChange and RecordCommand: one edit of tracking records as plain values, undoable.

A change lists records to write and record ids to remove; the command holds
a forward and a backward change and asks the RecordEditor to apply them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from rolemap.document.map_change import Records

if TYPE_CHECKING:
    from rolemap.document.record_editor import RecordEditor

TIME_ENTRIES, DELIVERIES, CHECKINS = "time_entries", "deliveries", "checkins"


@dataclass(frozen=True)
class RecordChange:
    """Records to write and record ids to remove; removals happen first."""

    put: Records = field(default_factory=Records)
    drop_time_entries: tuple[str, ...] = ()
    drop_deliveries: tuple[str, ...] = ()
    drop_checkins: tuple[str, ...] = ()

    @property
    def kinds(self) -> list[str]:
        """Which record tables the change touches."""
        touched = []
        if self.put.time_entries or self.drop_time_entries:
            touched.append(TIME_ENTRIES)
        if self.put.deliveries or self.drop_deliveries:
            touched.append(DELIVERIES)
        if self.put.checkins or self.drop_checkins:
            touched.append(CHECKINS)
        return touched


class RecordCommand(QUndoCommand):
    """One labelled record edit: a forward and a backward RecordChange."""

    def __init__(
        self, editor: RecordEditor, label: str, forward: RecordChange, backward: RecordChange
    ) -> None:
        super().__init__(label)
        self._editor = editor
        self.forward = forward
        self.backward = backward

    def redo(self) -> None:
        if not self._editor._apply(self.forward):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._editor._apply(self.backward):
            self.setObsolete(True)
