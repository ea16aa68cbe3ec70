"""Item models over the current role's records: time entries, deliveries, check-ins.

The models mirror the store: they read the role's records and, when the
document says records changed, apply the difference as row inserts, removals
and `dataChanged` (no reset, so selections and open editors survive). Edits
typed into a cell go to the RecordEditor as undoable commands; a refused edit
changes nothing and the cell shows the stored value again.

Each model also answers the filter's questions per row: its local date, the
node it belongs to, the activity's category, and its text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from rolemap.document.record_change import CHECKINS, DELIVERIES, TIME_ENTRIES
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.durations import format_duration
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_date, parse_when, to_local
from rolemap.domain.record_rules import find_by_title
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: header, shown text, sort key, and the field an edit sets (None: read-only)."""

    header: str
    text: Callable[[Any], str]
    key: Callable[[Any], Any]
    edit: str | None = None


class RecordTableModel(QAbstractTableModel):
    """The shared machinery; subclasses give `kind`, `node_kind`, `columns` and `_load`."""

    kind = ""
    node_kind = NodeKind.ACTIVITY

    def __init__(self, editor: RecordEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self.columns: Sequence[Column] = self._columns()
        self._rows: list[Any] = []
        # Rows are read when the table is first wanted (a long log need not
        # slow the window's start); until then the model is empty and idle.
        self.active = False
        self.document.records_changed.connect(self._on_document_records_changed)
        self.document.role_switched.connect(self._on_document_role_switched)
        self.document.node_changed.connect(self._on_document_node_changed)

    # -- to override --------------------------------------------------------------------

    def _columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def _load(self, role_id: str) -> list[Any]:
        raise NotImplementedError

    def _edit(self, record: Any, field: str, value: str) -> bool:
        raise NotImplementedError

    def node_of(self, record: Any) -> str:
        """The id of the node a record belongs to."""
        raise NotImplementedError

    def date_of(self, record: Any) -> dt.date:
        """A record's local date."""
        return dt.date.fromisoformat(record.date)

    def activate(self) -> None:
        """Read the records and follow the document from now on (idempotent)."""
        if not self.active:
            self.active = True
            self._reload(reset=True)

    # -- rows -----------------------------------------------------------------------------

    def record(self, row: int) -> Any:
        """The record shown in a row."""
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        """The row of a record id, -1 if absent."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def title(self, node_id: str) -> str:
        """A node's title on the current map ("?" if gone)."""
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        return node.title if node is not None else "?"

    def category_of(self, record: Any) -> str:
        """The category of the activity behind a record ("" for other kinds)."""
        node = self.document.role_map.nodes.get(self.node_of(record))
        if node is None or node.kind is not NodeKind.ACTIVITY:
            return ""
        return str(node.detail("category") or "Other")

    def text_of(self, record: Any) -> str:
        """Every cell of a record joined, for the text filter."""
        return " ".join(column.text(record) for column in self.columns)

    # -- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.text(record)
        if role == SORT_ROLE:
            return column.key(record)
        if role == ID_ROLE:
            return record.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.columns[index.column()].edit
        if field is None:
            return False
        record = self._rows[index.row()]
        if str(value) == self.columns[index.column()].text(record):
            return True
        try:
            return self._edit(record, field, str(value))
        except DomainError as error:
            self.document.refuse(str(error))
            return False

    # -- following the document ---------------------------------------------------------------

    @Slot(str)
    def _on_document_records_changed(self, kind: str) -> None:
        if kind in (self.kind, "all"):
            self._reload()

    @Slot(str)
    def _on_document_role_switched(self, _role_id: str) -> None:
        self._reload(reset=True)

    @Slot(str)
    def _on_document_node_changed(self, _node_id: str) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def _reload(self, reset: bool = False) -> None:
        if not self.active:
            return
        fresh = self._load(self.document.role_map.role.id) if self.document.has_role else []
        if reset:
            self.beginResetModel()
            self._rows = fresh
            self.endResetModel()
            return
        by_id = {r.id: r for r in fresh}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id not in by_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        last = len(self.columns) - 1
        for row, old in enumerate(self._rows):
            new = by_id[old.id]
            if new != old:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        present = {r.id for r in self._rows}
        added = [r for r in fresh if r.id not in present]
        if added:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._rows.extend(added)
            self.endInsertRows()


class TimeEntriesModel(RecordTableModel):
    """Time entries: start, duration, end, activity, category, note (the running one says so)."""

    kind = TIME_ENTRIES
    node_kind = NodeKind.ACTIVITY

    def _columns(self) -> Sequence[Column]:
        tz = self.editor.tz

        def end(entry: TimeEntry) -> str:
            if entry.duration is None:
                return "running"
            return to_local(entry.start + entry.duration, tz).strftime("%H:%M")

        return (
            Column(
                "Start",
                lambda e: to_local(e.start, tz).strftime("%Y-%m-%d %H:%M"),
                lambda e: e.start,
                "start",
            ),
            Column(
                "Duration",
                lambda e: "running" if e.duration is None else format_duration(e.duration),
                lambda e: e.duration if e.duration is not None else -1,
                "duration",
            ),
            Column("End", end, lambda e: e.start + (e.duration or 0)),
            Column("Activity", lambda e: self.title(e.activity_id), self._title_key, "activity"),
            Column("Category", self.category_of, self.category_of),
            Column("Note", lambda e: e.note, lambda e: e.note.casefold(), "note"),
        )

    def _title_key(self, entry: TimeEntry) -> str:
        return self.title(entry.activity_id).casefold()

    def _load(self, role_id: str) -> list[Any]:
        return list(self.document.records_repo.time_entries(role_id))

    def node_of(self, record: Any) -> str:
        return str(record.activity_id)

    def date_of(self, record: Any) -> dt.date:
        return local_date(record.start, self.editor.tz)

    def _edit(self, record: Any, field: str, value: str) -> bool:
        editor = self.editor
        if field == "start":
            now = dt.datetime.fromtimestamp(editor.clock(), editor.tz)
            start = int(parse_when(value, now).timestamp())
            return editor.edit_time_entry(record.id, start=start)
        if field == "duration":
            return editor.edit_time_entry(record.id, duration=value)
        if field == "activity":
            node = find_by_title(self.document.role_map, NodeKind.ACTIVITY, value)
            return editor.edit_time_entry(record.id, activity_id=node.id)
        return editor.edit_time_entry(record.id, note=value)


class DeliveriesModel(RecordTableModel):
    """Deliveries: date, output, title, evidence link."""

    kind = DELIVERIES
    node_kind = NodeKind.OUTPUT

    def _columns(self) -> Sequence[Column]:
        return (
            Column("Date", lambda d: d.date, lambda d: d.date, "date"),
            Column(
                "Output",
                lambda d: self.title(d.output_id),
                lambda d: self.title(d.output_id).casefold(),
                "output",
            ),
            Column("Title", lambda d: d.title, lambda d: d.title.casefold(), "title"),
            Column("Link", lambda d: d.link, lambda d: d.link, "link"),
        )

    def _load(self, role_id: str) -> list[Any]:
        return list(self.document.records_repo.deliveries(role_id))

    def node_of(self, record: Any) -> str:
        return str(record.output_id)

    def _edit(self, record: Delivery, field: str, value: str) -> bool:
        if field == "output":
            node = find_by_title(self.document.role_map, NodeKind.OUTPUT, value)
            return self.editor.edit_delivery(record.id, output_id=node.id)
        return self.editor.edit_delivery(record.id, **{field: value})


class CheckInsModel(RecordTableModel):
    """Check-ins: date, outcome, value, confidence, note."""

    kind = CHECKINS
    node_kind = NodeKind.OUTCOME

    def _columns(self) -> Sequence[Column]:
        return (
            Column("Date", lambda c: c.date, lambda c: c.date, "date"),
            Column(
                "Outcome",
                lambda c: self.title(c.outcome_id),
                lambda c: self.title(c.outcome_id).casefold(),
                "outcome",
            ),
            Column("Value", lambda c: f"{c.value:g}", lambda c: c.value, "value"),
            Column(
                "Confidence",
                lambda c: "" if c.confidence is None else f"{c.confidence:.0%}",
                lambda c: -1.0 if c.confidence is None else c.confidence,
                "confidence",
            ),
            Column("Note", lambda c: c.note, lambda c: c.note.casefold(), "note"),
        )

    def _load(self, role_id: str) -> list[Any]:
        return list(self.document.records_repo.checkins(role_id))

    def node_of(self, record: Any) -> str:
        return str(record.outcome_id)

    def _edit(self, record: CheckIn, field: str, value: str) -> bool:
        if field == "outcome":
            node = find_by_title(self.document.role_map, NodeKind.OUTCOME, value)
            return self.editor.edit_checkin(record.id, outcome_id=node.id)
        return self.editor.edit_checkin(record.id, **{field: value})
