"""Item models of the Track tables — time entries, deliveries, check-ins — read from the store.

A model never holds a role's whole log. Its rows are a RecordWindow over a
selection of `store.record_pages`: the row count comes from a query, the
records of the rows on screen are read as the view asks for them, and
sorting (`sort`) and filtering (`set_filter`) are SQL over an index. The
document's id signals (`records_added/updated/removed`) move single rows,
never a reset; a new filter or another role starts the rows afresh.

A text's hits, when many, show at once while the rest are counted on other
threads (`counting`); the rows past the first hits come when the count does.
Why not a list of every record behind a proxy model, as before: 4.7 s to open
at 100,000 entries; read by page, milliseconds at a million.

Edits typed into a cell go to the RecordEditor as undoable commands; a
refused edit changes nothing and the cell shows the stored value again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QFont

from rolemap.document.record_editor import RecordEditor
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import RecordKind
from rolemap.store.record_keys import Row
from rolemap.store.record_pages import RecordPages
from rolemap.store.record_query import RecordQuery
from rolemap.track.record_columns import ID_ROLE, NODE_ROLE, Column
from rolemap.track.record_filter import RecordFilter
from rolemap.track.record_follower import RecordFollower
from rolemap.track.record_selection import category, selection
from rolemap.track.record_window import RecordWindow, Step

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _EDIT, _TOOLTIP, _FONT, _ALIGN = (
    int(Qt.ItemDataRole.DisplayRole),
    int(Qt.ItemDataRole.EditRole),
    int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.FontRole),
    int(Qt.ItemDataRole.TextAlignmentRole),
)
_ROLES = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _FONT, _ALIGN, int(ID_ROLE), int(NODE_ROLE)})


class RecordTableModel(QAbstractTableModel):
    """The shared machinery; subclasses give `kind`, `node_kind`, `columns` and `_edit`."""

    kind = RecordKind.TIME_ENTRIES
    node_kind = NodeKind.ACTIVITY

    def __init__(self, editor: RecordEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self.columns: Sequence[Column] = self._columns()
        shown = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._flags = [
            shown | Qt.ItemFlag.ItemIsEditable if c.edit is not None else shown
            for c in self.columns
        ]  # asked for every cell painted: worked out once
        self._aligns = [int(c.align.value) for c in self.columns]
        self.filter = RecordFilter()
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.DescendingOrder
        # Nothing is read until the table is first wanted (a long log need not slow
        # the window's start); until then the model is empty and idle.
        self.active = False
        self.window: RecordWindow | None = None
        self._texts: dict[str, tuple[Any, list[str | None]]] = {}  # record id → its cells
        self.follower = RecordFollower(self)
        # A text's count under way is looked at from here (the counting threads touch
        # no Qt object): every 10 ms until it is done.
        self._watch = QTimer(self)
        self._watch.setInterval(10)
        self._watch.timeout.connect(self._on_watch_timeout)

    # -- to override --------------------------------------------------------------------

    def _columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def _edit(self, record: Any, field: str, value: str) -> bool:
        raise NotImplementedError

    def _move(self, record: Any, node_id: str) -> bool:
        raise NotImplementedError

    def _bounds(self) -> tuple[int | str | None, int | str | None]:
        """The filter's dates as bounds of the date column: ISO dates [first, last + 1)."""
        first, last = self.filter.first, self.filter.last
        return (
            None if first is None else first.isoformat(),
            None if last is None else (last + dt.timedelta(days=1)).isoformat(),
        )

    # -- the selection ---------------------------------------------------------------------

    def activate(self) -> None:
        """Read the first rows and follow the document from now on (idempotent)."""
        if not self.active:
            self.active = True
            self.restart()

    def set_filter(self, record_filter: RecordFilter) -> None:
        """Show the records that pass `record_filter` (the rows start afresh)."""
        if record_filter != self.filter:
            self.filter = record_filter
            if self.active:
                self.restart()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column, in SQL; the count stays, and the selection where it is shown."""
        if not 0 <= column < len(self.columns) or self.columns[column].order is None:
            return
        if (column, order) == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = column, order
        if not self.active or self.window is None:
            return
        pages = RecordPages(self.document.store.conn, self.query())
        if self.window.counting is not None and pages.order.by_node:
            self.restart()  # runs of nodes need each node's count: no first hits to show
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._id_at(index.row()) for index in old]
        self.window = RecordWindow(pages, since=self.window)  # the same rows: their count stays
        self.window.row(0)  # the top, where the view shows
        new = []
        for index, record_id in zip(old, ids, strict=True):
            row = self.window.position_of(record_id) if record_id else -1
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def restart(self) -> None:
        """Start the rows afresh (a reset): another role, another filter."""
        self._texts.clear()
        self.beginResetModel()
        self.window = self._new_window() if self.active else None
        self.endResetModel()

    def _new_window(self) -> RecordWindow:
        """Rows of the current selection, in place of the window before (its count stopped)."""
        if self.window is not None:
            self.window.stop_counting()
        window = RecordWindow(RecordPages(self.document.store.conn, self.query()))
        if window.counting is not None:
            self._watch.start()
        return window

    @property
    def counting(self) -> bool:
        """Whether the rows are a text's first hits while the rest are counted."""
        return self.window is not None and self.window.counting is not None

    @Slot()
    def _on_watch_timeout(self) -> None:
        """When a text's count is done: the rest of the rows."""
        window = self.window
        if window is None or window.counting is None:
            self._watch.stop()
        elif window.counting.total.done():
            self._watch.stop()
            steps = window.all_counted(window.counting)
            if steps is None:
                self.restart()
            else:
                self.follow(steps)

    def query(self) -> RecordQuery:
        """The filter and the sort as a selection of the store."""
        column = self.columns[self.sort_column]
        return selection(
            self.kind,
            self.document.role_map if self.document.has_role else None,
            self.filter,
            order=column.order or "",
            by=column.by,
            descending=self.sort_order == Qt.SortOrder.DescendingOrder,
            bounds=self._bounds(),
        )

    # -- rows -----------------------------------------------------------------------------

    def record(self, row: int) -> Any:
        """The record shown in a row (read if need be; None if it cannot be now)."""
        found = self.window.row(row) if self.window is not None else None
        return found.record if found is not None else None

    def row_of(self, record_id: str) -> int:
        """The row of a record, -1 if the table does not show it."""
        return self.window.locate(record_id) if self.window is not None else -1

    def _id_at(self, row: int) -> str:
        found = self.window.held(row) if self.window is not None else None
        return found.id if found is not None else ""

    def title(self, node_id: str) -> str:
        """A node's title on the current map ("?" if gone)."""
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        return node.title if node is not None else "?"

    def category_of(self, node_id: str) -> str:
        """The category of the activity with this id ("" if gone or not an activity)."""
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        return category(node) if node is not None else ""

    def node_of(self, record: Any) -> str:
        """The id of the node a record belongs to."""
        raise NotImplementedError

    def sample_texts(self, column: int) -> list[str]:
        """Texts that size a column: the header, a typical value, what the held rows show."""
        spec = self.columns[column]
        texts = [spec.header, spec.sample]
        if spec.by and self.document.has_role:
            nodes = self.document.role_map.nodes_of(self.node_kind)
            texts += [category(n) if spec.by == "category" else n.title for n in nodes]
        if self.window is not None:
            self.window.row(0)  # the first page, which the view shows first anyway
            texts += [spec.text(row.record) for row in self.window.rows[:100]]
        return texts

    # -- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.window is None:
            return 0
        return self.window.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.columns[section].align
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.window is None:
            return None
        role = int(role)
        if role not in _ROLES:
            return None
        found = self.window.row(index.row()) if role != _ALIGN else None
        return self._value(found, index.column(), role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan | QModelRoleData) -> None:
        """All the roles a delegate paints a cell with, in one call (not seven).

        Painting a screen of rows asked `data` ~1,200 times, 10 ms of Python:
        more than the 16 ms a logged entry may take to show. Only the roles a
        cell has are set; the others stay empty, as they come.
        """
        window = self.window
        if window is None or not index.isValid():
            return
        found = window.row(index.row())
        column = index.column()
        asked = [roles] if isinstance(roles, QModelRoleData) else roles
        for wanted in asked:  # type: ignore[union-attr]  # a span iterates; its stub says not
            role = wanted.role()
            if role == _DISPLAY:
                if found is not None:
                    wanted.setData(self._text(found, column))
            elif role == _ALIGN:
                wanted.setData(self._aligns[column])
            elif role == _FONT and found is not None:
                font = self._font(found.record)
                if font is not None:
                    wanted.setData(font)

    def _value(self, found: Row | None, column: int, role: int) -> Any:
        spec = self.columns[column]
        if role == _ALIGN:
            return spec.align
        if found is None:  # not read yet (a scroll bar being dragged): shows empty
            return None
        if role in (_DISPLAY, _EDIT):
            return self._text(found, column)
        if role == ID_ROLE:
            return found.id
        if role == NODE_ROLE:
            return found.node
        if role == _FONT:
            return self._font(found.record)
        text = self._text(found, column)  # the tooltip: what an elided cell holds
        return text if len(text) > 30 else None

    def _text(self, found: Row, column: int) -> str:
        """A cell's text, formatted once per record (times and titles cost a paint)."""
        cached = self._texts.get(found.id)
        if cached is None or cached[0] is not found.record:
            if len(self._texts) > 20_000:
                self._texts.clear()
            cached = (found.record, [None] * len(self.columns))
            self._texts[found.id] = cached
        texts = cached[1]
        text = texts[column]
        if text is None:
            text = texts[column] = self.columns[column].text(found.record)
        return text

    def _font(self, record: Any) -> QFont | None:
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._flags[index.column()]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.window is None:
            return False
        column = self.columns[index.column()]
        found = self.window.row(index.row())
        if column.edit is None or found is None:
            return False
        record = found.record
        try:
            if role == NODE_ROLE and column.by:
                return found.node == value or self._move(record, str(value))
            if role != Qt.ItemDataRole.EditRole:
                return False
            if str(value) == column.text(record):
                return True
            return self._edit(record, column.edit, str(value))
        except DomainError as error:
            self.document.refuse(str(error))
            return False

    # -- changes (RecordFollower decides them; only the model tells the views) -----------------

    def follow(self, steps: Iterable[Step]) -> None:
        """Make each step of a change between Qt's notifications (see RecordWindow)."""
        last = len(self.columns) - 1
        root = QModelIndex()
        for step in steps:
            if step.kind == "insert":
                self.beginInsertRows(root, step.first, step.last)
                step.apply()
                self.endInsertRows()
            elif step.kind == "remove":
                self.beginRemoveRows(root, step.first, step.last)
                step.apply()
                self.endRemoveRows()
            else:
                step.apply()
                if step.kind == "change":
                    self.dataChanged.emit(self.index(step.first, 0), self.index(step.last, last))

    def titles_changed(self) -> None:
        """Nodes' titles or categories changed: the held rows show them again."""
        self._texts.clear()
        if self.window is not None and self.window.rows:
            first = self.window.first
            self.dataChanged.emit(
                self.index(first, 0),
                self.index(first + len(self.window.rows) - 1, len(self.columns) - 1),
            )

    @property
    def sorted_by_node(self) -> bool:
        """Whether the rows come in runs of one node each (Activity, Category, …)."""
        return bool(self.columns[self.sort_column].by)
