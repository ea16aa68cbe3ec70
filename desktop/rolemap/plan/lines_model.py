"""LinesModel: a table of plain report lines (intended outputs, outcomes in focus).

Each column is a `Column`: a header, the text of a line, and optionally a
tooltip, an alignment and an edit. An edit states an intent through a
callback and returns whether it was taken; the rows change only when the
next report comes. A report with the same keys in the same order updates
the rows in place, so the current row survives a refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """One column: `text(line)`; `edit_value(line)` and `edit(line, value)` make it editable."""

    header: str
    text: Callable[[Any], str]
    tip: Callable[[Any], str] | None = None
    align_right: bool = False
    colour: Callable[[Any], str | None] | None = None
    edit_value: Callable[[Any], Any] | None = None
    edit: Callable[[Any, Any], bool] | None = None


class LinesModel(QAbstractTableModel):
    """Rows of report lines, keyed by `key(line)`."""

    def __init__(
        self, columns: Sequence[Column], key: Callable[[Any], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._lines: tuple[Any, ...] = ()

    def show_lines(self, lines: Sequence[Any]) -> None:
        """Show `lines`, in place when they are the same rows as before."""
        lines = tuple(lines)
        if lines and [self._key(x) for x in lines] == [self._key(x) for x in self._lines]:
            self._lines = lines
            last = self.index(len(lines) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line(self, row: int) -> Any:
        """The line shown in `row`."""
        return self._lines[row]

    def row_of(self, key: str) -> int:
        """The row whose line has `key`, -1 if none."""
        return next((i for i, x in enumerate(self._lines) if self._key(x) == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._columns[index.column()].edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = self._columns[index.column()]
        if role == KEY_ROLE:
            return self._key(line)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(line)
        if role == Qt.ItemDataRole.EditRole and column.edit_value is not None:
            return column.edit_value(line)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(line)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(line)
            return QColor(colour) if colour else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self._columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or column.edit is None:
            return False
        return column.edit(self._lines[index.row()], value)
