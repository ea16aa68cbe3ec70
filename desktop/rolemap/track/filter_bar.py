"""FilterBar: the filters over the shown record table — dates, node, category, text.

It builds a RecordFilter from its widgets and gives it to the table's model,
which filters in SQL; the Track tab points it at whichever table is shown.
The choices are the current map's nodes and categories (no records are read
for them). The text filter waits for a pause in typing: over a million
entries a search is a scan (~90 ms), not to be run for every key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.track.flow_layout import FlowLayout
from rolemap.track.record_filter import RecordFilter
from rolemap.track.record_models import RecordTableModel

_SEVERAL = "__several__"
TYPING_PAUSE_MS = 250


class FilterBar(QWidget):
    """Date range (when ticked), node, category and text filters."""

    def __init__(self, document: RoleDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model: RecordTableModel | None = None
        self._several: frozenset[str] = frozenset()
        self.use_dates = QCheckBox("From")
        self.use_dates.setObjectName("filter-use-dates")
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-(today.dayOfWeek() - 1)))
        self.first.setObjectName("filter-from")
        self.last = QDateEdit(today)
        self.last.setObjectName("filter-to")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.node = QComboBox()
        self.node.setObjectName("filter-node")
        self.node.setMinimumWidth(200)
        self.category = QComboBox()
        self.category.setObjectName("filter-category")
        self.text = QLineEdit(placeholderText="Filter text")
        self.text.setObjectName("filter-text")
        self.text.setClearButtonEnabled(True)
        # One line in a wide window; wraps onto a second (and third) in a narrow one.
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.use_dates)
        row.addWidget(self.first)
        row.addWidget(QLabel("to"))
        row.addWidget(self.last)
        layout = FlowLayout(self)
        layout.add(dates)
        layout.add(self.node, 2)
        layout.add(self.category, 2)
        layout.add(self.text, 2)
        self.use_dates.toggled.connect(self.apply)
        self.first.dateChanged.connect(self.apply)
        self.last.dateChanged.connect(self.apply)
        self.node.activated.connect(self.apply)
        self.category.activated.connect(self.apply)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.apply)
        self.text.textChanged.connect(self.typing.start)
        self.text.returnPressed.connect(self.apply)
        self._kind = NodeKind.ACTIVITY

    def attach(self, model: RecordTableModel) -> None:
        """Filter this table from now on (the choices follow its kind of node)."""
        self.model = model
        self._kind = model.node_kind
        self.refresh_choices()
        self.apply()

    def refresh_choices(self) -> None:
        """Rebuild the node and category lists from the current map."""
        node, category = self.node.currentData(), self.category.currentData()
        self.node.clear()
        self.node.addItem(f"All {self._kind.lane_title.lower()}", None)
        if self._several:
            self.node.addItem(f"{len(self._several)} chosen {self._kind.value}s", _SEVERAL)
        self.category.clear()
        self.category.addItem("All categories", None)
        if self.document.has_role:
            role_map = self.document.role_map
            for item in sorted(role_map.nodes_of(self._kind), key=lambda n: n.title.casefold()):
                self.node.addItem(item.title, item.id)
            for name in [c.name for c in role_map.role.categories]:
                self.category.addItem(name, name)
        self.node.setCurrentIndex(max(0, self.node.findData(node)))
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self.category.setEnabled(self._kind is NodeKind.ACTIVITY)

    def set_filters(
        self,
        node_ids: Sequence[str] | None,
        category: str | None,
        first: dt.date | None,
        last: dt.date | None,
    ) -> None:
        """Set every filter at once (the text filter is cleared)."""
        self._several = frozenset(node_ids) if node_ids and len(node_ids) > 1 else frozenset()
        self.refresh_choices()
        if node_ids and len(node_ids) == 1:
            self.node.setCurrentIndex(max(0, self.node.findData(node_ids[0])))
        elif node_ids:
            self.node.setCurrentIndex(self.node.findData(_SEVERAL))
        else:
            self.node.setCurrentIndex(0)
        if category is not None and self.category.findData(category) < 0:
            self.category.addItem(category, category)
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self.use_dates.blockSignals(True)
        self.use_dates.setChecked(first is not None or last is not None)
        self.use_dates.blockSignals(False)
        if first is not None:
            self.first.setDate(QDate(first.year, first.month, first.day))
        if last is not None:
            self.last.setDate(QDate(last.year, last.month, last.day))
        self.text.blockSignals(True)
        self.text.clear()
        self.text.blockSignals(False)
        self.apply()

    def current(self) -> RecordFilter:
        """The filter the widgets show."""
        first = last = None
        if self.use_dates.isChecked():
            first = self.first.date().toPython()
            last = self.last.date().toPython()
        chosen = self.node.currentData()
        nodes = self._several if chosen == _SEVERAL else (frozenset([chosen]) if chosen else None)
        category = self.category.currentData() if self.category.isEnabled() else None
        return RecordFilter(first, last, nodes, category or None, self.text.text().strip())  # type: ignore[arg-type]

    @Slot()
    def apply(self, *_args: object) -> None:
        """Give the widgets' filter to the table's model."""
        self.typing.stop()
        if self.model is not None:
            self.model.set_filter(self.current())
