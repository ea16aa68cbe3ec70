"""TrackTab: quick entry, the timer strip, and the three record tables with their filters.

Every change goes through the RecordEditor (undoable, one transaction each).
`show_entries` is the way in for other views (the dashboard's click-through):
it shows the time entries filtered by activities, category and dates.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
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
from rolemap.track.filter_bar import FilterBar
from rolemap.track.quick_entry import QuickEntry
from rolemap.track.record_filter import RecordFilter
from rolemap.track.record_models import (
    ID_ROLE,
    CheckInsModel,
    DeliveriesModel,
    RecordTableModel,
    TimeEntriesModel,
)
from rolemap.track.timer_strip import TimerStrip

DEFAULT_ENTRY_SECONDS = 30 * 60


class TrackTab(QWidget):
    """The Track tab of the main window."""

    def __init__(
        self,
        document: RoleDocument,
        editor: RecordEditor | None = None,
        parent: QWidget | None = None,
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
        self.proxies = {kind: RecordFilter(model, self) for kind, model in self.models.items()}
        self.views: dict[str, QTableView] = {}
        self.filters = FilterBar(document)
        self.tables = QTabWidget()
        self.tables.setObjectName("track-tables")
        for kind, label in (
            ("time_entries", "Time entries"),
            ("deliveries", "Deliveries"),
            ("checkins", "Check-ins"),
        ):
            self.tables.addTab(self._table_page(kind), label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quick_entry)
        layout.addWidget(self.timer)
        layout.addWidget(self.message)
        layout.addWidget(self.filters)
        layout.addWidget(self.tables, 1)
        self.tables.currentChanged.connect(self._on_tables_current_changed)
        self.filters.attach(self.proxies["time_entries"])
        for signal in (document.node_added, document.node_removed, document.node_changed):
            signal.connect(self.filters.refresh_choices)
        document.role_switched.connect(self.filters.refresh_choices)
        document.edit_refused.connect(self.message.setText)
        document.records_changed.connect(lambda _kind: self.message.clear())
        if self.timer.tray is not None:
            menu = QMenu(self)
            menu.addAction("Start timer", self.timer.start)
            menu.addAction("Stop timer", self.editor.stop_timer)
            self.timer.tray.setContextMenu(menu)

    def _table_page(self, kind: str) -> QWidget:
        view = QTableView()
        view.setObjectName(f"table-{kind.replace('_', '-')}")
        view.setModel(self.proxies[kind])
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(False)
        view.resizeColumnsToContents()
        self.views[kind] = view
        add = QPushButton("Add")
        add.setObjectName(f"add-{kind.replace('_', '-')}")
        add.clicked.connect(lambda: self.add_record(kind))
        delete = QPushButton("Delete")
        delete.setObjectName(f"delete-{kind.replace('_', '-')}")
        delete.clicked.connect(lambda: self.delete_selected(kind))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(delete)
        buttons.addStretch(1)
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
                self._fit_columns(self.views[kind])

    @staticmethod
    def _fit_columns(view: QTableView) -> None:
        """Size columns to what they hold (capped), leaving the last one to stretch."""
        header = view.horizontalHeader()
        view.resizeColumnsToContents()
        for column in range(header.count() - 1):
            header.resizeSection(column, min(max(header.sectionSize(column), 70), 260))

    def showEvent(self, event: QShowEvent) -> None:
        self.activate()
        super().showEvent(event)

    # -- the tables -------------------------------------------------------------------------

    @property
    def current_kind(self) -> str:
        """ "time_entries", "deliveries" or "checkins": the table shown."""
        return ("time_entries", "deliveries", "checkins")[max(0, self.tables.currentIndex())]

    @Slot(int)
    def _on_tables_current_changed(self, _index: int) -> None:
        self.filters.attach(self.proxies[self.current_kind])

    def selected_ids(self, kind: str) -> list[str]:
        """Ids of the selected records of a table."""
        view = self.views[kind]
        rows = view.selectionModel().selectedRows()
        return [str(index.data(ID_ROLE)) for index in rows]

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
        proxy = self.proxies[kind]
        row = self.models[kind].row_of(record_id)
        index = proxy.mapFromSource(self.models[kind].index(row, 0))
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
        self.filters.attach(self.proxies["time_entries"])
        self.filters.set_filters(activity_ids, category, start, end)
        self._reveal()

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
        self.quick_entry.activity.setFocus()

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
