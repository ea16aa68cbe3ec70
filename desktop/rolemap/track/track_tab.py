"""TrackTab: quick entry, the timer strip, and the three record tables with their filters.

Every change goes through the RecordEditor (undoable, one transaction each).
The tables read the store a page at a time (record_models.py); nothing is
read until the tab is first shown. `show_entries` is the way in for other
views (the dashboard's click-through): it shows the time entries filtered by
activities, category and dates. The time entries shown can be exported for
Toggl or Timewarrior (`export_time`, time_export.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.track.cell_editors import NodeChoiceDelegate, TitleCompleterDelegate
from rolemap.track.filter_bar import FilterBar
from rolemap.track.quick_entry import QuickEntry
from rolemap.track.record_columns import ID_ROLE, fitted_width
from rolemap.track.record_models import RecordTableModel
from rolemap.track.record_tables import CheckInsModel, DeliveriesModel, TimeEntriesModel
from rolemap.track.time_export import TimeExporter
from rolemap.track.timer_strip import TimerStrip

DEFAULT_ENTRY_SECONDS = 30 * 60
KINDS = ("time_entries", "deliveries", "checkins")
_NOUNS = {
    "time_entries": ("entry", "entries"),
    "deliveries": ("delivery", "deliveries"),
    "checkins": ("check-in", "check-ins"),
}


class TrackTab(QWidget):
    """The Track tab of the main window.

    `saved` is told where an export went and what it holds (the window's saved
    notice); without it, the tab's message line says so.
    """

    def __init__(
        self,
        document: RoleDocument,
        editor: RecordEditor | None = None,
        parent: QWidget | None = None,
        saved: Callable[[Path, str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("track-tab")
        self.document = document
        self.editor = editor or RecordEditor(document)
        self.quick_entry = QuickEntry(self.editor)
        self.timer = TimerStrip(self.editor)
        self.timer_status = self.timer.status_label
        self.message = _MessageLine()
        self.message.setObjectName("track-message")
        self.models: dict[str, RecordTableModel] = {
            "time_entries": TimeEntriesModel(self.editor, self),
            "deliveries": DeliveriesModel(self.editor, self),
            "checkins": CheckInsModel(self.editor, self),
        }
        self.views: dict[str, QTableView] = {}
        self.counts: dict[str, QLabel] = {}  # "12,345 entries" under each table
        self._fitted_rows: set[str] = set()  # tables whose columns were fitted to rows
        self.filters = FilterBar(document)
        self.exporter = TimeExporter(self.models["time_entries"], self, self.message.setText, saved)
        self.exporter.button.clicked.connect(self.export_time)
        self.tables = QTabWidget()
        self.tables.setObjectName("track-tables")
        self.tables.setDocumentMode(True)
        for kind, label in zip(KINDS, ("Time entries", "Deliveries", "Check-ins"), strict=True):
            self.tables.addTab(self._table_page(kind), label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quick_entry)
        layout.addWidget(self.timer)
        layout.addWidget(self.message)
        layout.addWidget(self.filters)
        layout.addWidget(self.tables, 1)
        self.tables.currentChanged.connect(self._on_tables_current_changed)
        self.filters.attach(self.models["time_entries"])
        for signal in (document.node_added, document.node_removed, document.node_changed):
            signal.connect(self.filters.refresh_choices)
        document.role_switched.connect(self.filters.refresh_choices)
        document.role_switched.connect(self._on_document_role_switched)
        document.edit_refused.connect(self._on_document_edit_refused)
        # Slots of the tab itself, which Qt drops when the tab goes (the document stays).
        document.records_changed.connect(self._on_document_records_changed)
        if self.timer.tray is not None:
            menu = QMenu(self)
            menu.addAction("Start timer", self.timer.start)
            menu.addAction("Stop timer", self.editor.stop_timer)
            self.timer.tray.setContextMenu(menu)

    def _table_page(self, kind: str) -> QWidget:
        model = self.models[kind]
        view = QTableView()
        view.setObjectName(f"table-{kind.replace('_', '-')}")
        view.setModel(model)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Rows of one height: the view places a million rows without asking each one.
        vertical = view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, spec in enumerate(model.columns):
            if spec.by and model.node_kind is not NodeKind.ACTIVITY:
                view.setItemDelegateForColumn(
                    column, NodeChoiceDelegate(self.document, model.node_kind, view)
                )
            elif spec.edit == "activity":
                view.setItemDelegateForColumn(
                    column, TitleCompleterDelegate(self.document, NodeKind.ACTIVITY, view)
                )
        scroll_bar = view.verticalScrollBar()
        scroll_bar.sliderPressed.connect(lambda: self._on_slider(kind, True))
        scroll_bar.sliderReleased.connect(lambda: self._on_slider(kind, False))
        self.views[kind] = view
        self._fit_columns(kind)
        add = QPushButton("Add")
        add.setObjectName(f"add-{kind.replace('_', '-')}")
        add.clicked.connect(lambda: self.add_record(kind))
        delete = QPushButton("Delete")
        delete.setObjectName(f"delete-{kind.replace('_', '-')}")
        delete.clicked.connect(lambda: self.delete_selected(kind))
        count = QLabel("")
        count.setObjectName(f"count-{kind.replace('_', '-')}")
        # Wide enough for any count: a logged entry repaints the label, not the row.
        count.setMinimumWidth(count.fontMetrics().horizontalAdvance("00,000,000 entries shown"))
        count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counts[kind] = count
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_a, k=kind: self._show_count(k))
        for signal in (model.modelReset, model.rowsInserted):
            signal.connect(lambda *_a, k=kind: self._fit_first_rows(k))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(delete)
        if kind == "time_entries":
            buttons.addWidget(self.exporter.button)
        buttons.addStretch(1)
        buttons.addWidget(count)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        return page

    def activate(self) -> None:
        """Fill the tables (done when the tab is first shown, or asked to show entries)."""
        for kind, model in self.models.items():
            if not model.active:
                model.activate()
                self._fit_columns(kind)

    def _fit_first_rows(self, kind: str) -> None:
        """Fit the columns again when the first rows come to an empty table (a new role, the
        example data back): sized from the header alone, they would cut the rows off. Fitted
        once the event loop turns: the rows of one change come in one at a time."""
        if kind not in self._fitted_rows and self.models[kind].rowCount() > 0:
            self._fitted_rows.add(kind)
            QTimer.singleShot(0, self, lambda: self._fit_columns(kind))

    def _fit_columns(self, kind: str) -> None:
        """Size columns to what they hold (`fitted_width`), leaving the last one to stretch."""
        view, model = self.views[kind], self.models[kind]
        if model.rowCount() > 0:
            self._fitted_rows.add(kind)
        else:
            self._fitted_rows.discard(kind)
        for column in range(len(model.columns) - 1):
            view.setColumnWidth(column, fitted_width(view, model.sample_texts(column)))

    def showEvent(self, event: QShowEvent) -> None:
        self.activate()
        super().showEvent(event)

    # -- the tables -------------------------------------------------------------------------

    @property
    def current_kind(self) -> str:
        """ "time_entries", "deliveries" or "checkins": the table shown."""
        return KINDS[max(0, self.tables.currentIndex())]

    @Slot(int)
    def _on_tables_current_changed(self, _index: int) -> None:
        self.filters.attach(self.models[self.current_kind])

    @Slot(str)
    def _on_document_edit_refused(self, message: str) -> None:
        self.message.setText(message)

    @Slot(str)
    def _on_document_records_changed(self, _kind: str) -> None:
        self.message.clear()  # an edit went through: the last refusal is old news

    @Slot(str)
    def _on_document_role_switched(self, _role_id: str) -> None:
        for kind in KINDS:
            self._fit_columns(kind)

    def _on_slider(self, kind: str, pressed: bool) -> None:
        """While the scroll bar is dragged over a slow selection, rows far off are not read."""
        model = self.models[kind]
        if model.window is None:
            return
        model.window.defer_jumps = pressed and model.window.pages.jumps_slowly
        if not pressed:
            self.views[kind].viewport().update()

    def _show_count(self, kind: str) -> None:
        model = self.models[kind]
        rows, (one, many) = model.rowCount(), _NOUNS[kind]
        more = "+" if model.counting else ""  # a text's first hits; the rest being counted
        shown = "" if model.filter.is_empty else " shown"
        self.counts[kind].setText(f"{rows:,}{more} {one if rows == 1 else many}{shown}")

    def selected_ids(self, kind: str) -> list[str]:
        """Ids of the selected records of a table."""
        view = self.views[kind]
        rows = view.selectionModel().selectedRows()
        return [str(index.data(ID_ROLE)) for index in rows if index.data(ID_ROLE)]

    def add_record(self, kind: str) -> str | None:
        """Add a record to a table, for the node the filter shows (else the first), to edit."""
        if not self.document.has_role:
            return None
        model = self.models[kind]
        chosen = self.filters.node.currentData()
        nodes = self.document.role_map.nodes_of(model.node_kind)
        node_id = chosen if chosen in self.document.role_map.nodes else None
        if node_id is None and not nodes:
            self.document.refuse(f"Add an {model.node_kind.value} to the map first.")
            return None
        node_id = node_id or nodes[0].id
        if kind == "time_entries":
            record_id = self.editor.add_time_entry(node_id, DEFAULT_ENTRY_SECONDS)
        elif kind == "deliveries":
            record_id = self.editor.add_delivery(node_id)
        else:
            node = self.document.role_map.nodes[node_id]
            baseline = node.detail("baseline")
            record_id = self.editor.add_checkin(node_id, baseline if baseline is not None else 0)
        if record_id is not None:
            self._select(kind, record_id)
        return record_id

    def _select(self, kind: str, record_id: str) -> None:
        view = self.views[kind]
        model = self.models[kind]
        model.activate()
        index = model.index(model.row_of(record_id), 0)
        if index.isValid():
            view.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            view.scrollTo(index)

    def delete_selected(self, kind: str) -> None:
        """Delete the selected records of a table (one undo step)."""
        ids = self.selected_ids(kind)
        if not ids:
            return
        if kind == "time_entries":
            self.editor.delete_time_entries(ids)
        elif kind == "deliveries":
            self.editor.delete_deliveries(ids)
        else:
            self.editor.delete_checkins(ids)

    def show_entries(
        self,
        *,
        activity_ids: list[str] | None = None,
        category: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> None:
        """Show the time-entries table filtered to these activities, category and dates.

        `start` and `end` are local dates, both included; None leaves that side open.
        """
        self.activate()
        self.tables.setCurrentIndex(0)
        self.filters.attach(self.models["time_entries"])
        self.filters.set_filters(activity_ids, category, start, end)
        self._reveal()

    def export_time(self) -> Path | None:
        """Save the time entries the table shows (its filter) where the person says."""
        self.activate()
        self.tables.setCurrentIndex(0)
        self.filters.apply()  # a text still in its typing pause filters the table first
        self._reveal()
        return self.exporter.export()

    # -- the timer and quick entry (actions and the canvas call these) -------------------------

    def start_timer_on(self, activity_id: str) -> None:
        """Start the timer on an activity, switching from a running one."""
        self.timer.choose(activity_id)
        self.editor.switch_timer(activity_id)

    def start_timer(self) -> None:
        """Start (or switch) the timer on the activity chosen in the strip."""
        activity_id = self.timer.activity.currentData()
        if activity_id:
            self.editor.switch_timer(activity_id)
        else:
            self._reveal()
            self.timer.activity.setFocus()

    def stop_timer(self) -> None:
        """Stop the running timer."""
        self.editor.stop_timer()

    def focus_quick_entry(self) -> None:
        """Show the tab and put the cursor in the quick-entry line."""
        self._reveal()
        self.quick_entry.line.setFocus()

    def _reveal(self) -> None:
        """Make this tab the current one of the window's tabs."""
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QTabWidget):
            widget = widget.parentWidget()
        if isinstance(widget, QTabWidget):  # this tab, or the page it sits on
            for index in range(widget.count()):
                page = widget.widget(index)
                if page is self or (page is not None and page.isAncestorOf(self)):
                    widget.setCurrentIndex(index)


class _MessageLine(QLabel):
    """The tab's message line: it takes no room while it has nothing to say."""

    def __init__(self) -> None:
        super().__init__("")
        self.setWordWrap(True)
        self.hide()

    @Slot(str)
    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    @Slot()
    def clear(self) -> None:
        super().clear()
        self.hide()
