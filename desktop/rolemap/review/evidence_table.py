"""EvidenceTable: a table of a review's figures, as tall as its rows, with clear headers.

The review's page scrolls as a whole, so a table inside it asks for the
height of its rows (up to MAX_ROWS_SHOWN) instead of scrolling on its own and
trapping the wheel. One column (a title) takes the spare width; the
figures are right-aligned so that their decimals line up. A cell may carry a
colour, never as the only cue: the words say it too. Tab leaves the table,
so that Tab walks from one question to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MAX_ROWS_SHOWN = 15  # past this the table scrolls inside the page rather than grow without end
WIDE_COLUMN_MIN = 150


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's words, and optionally a colour and a longer explanation (its tooltip)."""

    text: str
    colour: str = ""
    tip: str = ""


CellValue = Cell | str


class EvidenceTable(QTableWidget):
    """Read-only rows of figures under named columns; `numeric` columns align right, and
    column `stretch` (a title) takes the spare width."""

    def __init__(
        self,
        name: str,
        accessible_name: str,
        headers: Sequence[str],
        numeric: Sequence[int] = (),
        stretch: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self._stretch = stretch
        self.setAccessibleName(accessible_name)
        self._numeric = set(numeric)
        self.setHorizontalHeaderLabels(list(headers))
        for column in range(len(headers)):
            item = self.horizontalHeaderItem(column)
            if item is not None:
                align = (
                    Qt.AlignmentFlag.AlignRight
                    if column in self._numeric
                    else (Qt.AlignmentFlag.AlignLeft)
                )
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setAccessibleName(f"{accessible_name}: columns")
        header.setHighlightSections(False)
        header.setMinimumSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        font = header.font()
        font.setBold(True)
        header.setFont(font)

    def set_rows(self, rows: Sequence[Sequence[CellValue]]) -> None:
        """Show `rows` (each as many cells as there are columns)."""
        self.setRowCount(len(rows))
        for row_index, row in enumerate(rows):
            for column, value in enumerate(row):
                cell = value if isinstance(value, Cell) else Cell(value)
                item = QTableWidgetItem(cell.text)
                align = (
                    Qt.AlignmentFlag.AlignRight
                    if column in self._numeric
                    else (Qt.AlignmentFlag.AlignLeft)
                )
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                if cell.colour:
                    item.setForeground(QBrush(QColor(cell.colour)))
                tip = cell.tip or (cell.text if column == self._stretch else "")
                if tip:
                    item.setToolTip(tip)
                self.setItem(row_index, column, item)
        self._fit_wide_column()
        self.updateGeometry()

    def texts(self) -> list[list[str]]:
        """Every row's cells as shown (what a person reads; for tests)."""
        return [
            [_text(self.item(r, c)) for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]

    def _fit_wide_column(self) -> None:
        # The wide column stretches, but never below WIDE_COLUMN_MIN: past that the table
        # scrolls sideways instead of eliding every title to a few letters.
        header = self.horizontalHeader()
        wide = self._stretch
        others = sum(header.sectionSize(c) for c in range(self.columnCount()) if c != wide)
        room = self.viewport().width() - others
        if room >= WIDE_COLUMN_MIN:
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(wide, WIDE_COLUMN_MIN)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_wide_column()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        rows = min(self.rowCount(), MAX_ROWS_SHOWN)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += max(rows, 1) * self.verticalHeader().defaultSectionSize()
        if self.horizontalScrollBar().maximum() > 0:
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The page scrolls; the table only when it holds more rows than it shows.
        if self.verticalScrollBar().maximum() > 0:
            super().wheelEvent(event)
        else:
            event.ignore()


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""


class TableBlock(QWidget):
    """A caption, a table, and the sentence shown in its place when it has no rows."""

    def __init__(
        self, caption: str, table: EvidenceTable, empty: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.caption = QLabel(caption, self)
        self.caption.setObjectName(f"{table.objectName()}-caption")
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.caption.setVisible(bool(caption))
        self.empty = QLabel(empty, self)
        self.empty.setObjectName(f"{table.objectName()}-empty")
        self.empty.setWordWrap(True)
        table.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(table)
        layout.addWidget(self.empty)

    def set_rows(self, rows: Sequence[Sequence[CellValue]], empty: str | None = None) -> None:
        """Show `rows`, or the empty sentence (this one, if given) when there are none."""
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        if empty is not None:
            self.empty.setText(empty)
        self.empty.setVisible(not rows)
