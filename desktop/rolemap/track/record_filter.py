"""RecordFilter: the sort/filter proxy in front of each record table.

Filters by local date range, by the nodes the records belong to, by activity
category and by text (case-insensitive, any cell). Sorting uses each
column's raw key (times, numbers), not its text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from rolemap.track.record_models import SORT_ROLE, RecordTableModel


class RecordFilter(QSortFilterProxyModel):
    """Shows the rows of a RecordTableModel that pass every filter set."""

    def __init__(self, model: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.nodes: frozenset[str] | None = None
        self.category: str | None = None
        self.text = ""

    @property
    def records(self) -> RecordTableModel:
        """The source model."""
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def set_dates(self, first: dt.date | None, last: dt.date | None) -> None:
        """Keep records dated `first` to `last` (both included; None: open)."""
        self._update(first=first, last=last)

    def set_nodes(self, node_ids: Iterable[str] | None) -> None:
        """Keep records of these nodes (None: any node)."""
        self._update(nodes=None if node_ids is None else frozenset(node_ids))

    def set_category(self, category: str | None) -> None:
        """Keep records whose activity is in this category (None: any)."""
        self._update(category=category or None)

    def set_text(self, text: str) -> None:
        """Keep records with this text in some cell."""
        self._update(text=text.strip().casefold())

    def _update(self, **values: object) -> None:
        """Change filter values and re-filter the rows once."""
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter is deprecated
            self.beginFilterChange()
            self.__dict__.update(values)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.__dict__.update(values)
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.records
        record = model.record(source_row)
        if self.first is not None or self.last is not None:
            day = model.date_of(record)
            if (self.first is not None and day < self.first) or (
                self.last is not None and day > self.last
            ):
                return False
        if self.nodes is not None and model.node_of(record) not in self.nodes:
            return False
        if self.category is not None and model.category_of(record) != self.category:
            return False
        return not self.text or self.text in model.text_of(record).casefold()
