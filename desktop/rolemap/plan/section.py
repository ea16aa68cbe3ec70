"""The Plan tab's building blocks: a titled section, and a table as tall as its rows.

The week's page scrolls as a whole; a table inside it that scrolled too would
trap the wheel and hide rows, so `FittedTable` asks for exactly the height of
its rows and never shows a vertical scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtGui import QFont, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

MAX_ROWS_SHOWN = 60  # past this a table scrolls inside the page rather than grow without end


def muted(label: QLabel) -> QLabel:
    """Grey `label`'s text the way the style greys placeholder text (secondary lines)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


class Section(QFrame):
    """A heading, a line saying what the section is for, and its content."""

    def __init__(
        self, title: str, name: str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Children from the start: a parentless label made visible would open a window of its own.
        self.heading = QLabel(title, self)
        self.heading.setObjectName(f"{name}-heading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.hint = QLabel(hint, self)
        self.hint.setObjectName(f"{name}-hint")
        self.hint.setWordWrap(True)
        muted(self.hint)
        self.hint.setVisible(bool(hint))
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(10, 8, 10, 10)
        self.body.setSpacing(6)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.hint)

    def set_hint(self, text: str) -> None:
        """The line under the heading ("" hides it)."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))


class FittedTable(QTableView):
    """A table view as tall as its rows (up to MAX_ROWS_SHOWN), for a page that scrolls."""

    def __init__(self, name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table: the page has more to reach
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setAccessibleName(f"{accessible_name}: rows")
        self.horizontalHeader().setAccessibleName(f"{accessible_name}: columns")
        self.setCornerButtonEnabled(False)
        for corner in self.findChildren(QAbstractButton):
            corner.setAccessibleName("Select all")
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self.updateGeometry)
            self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def sizeHint(self) -> QSize:
        model = self.model()
        rows = min(model.rowCount() if model is not None else 0, MAX_ROWS_SHOWN)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += max(rows, 1) * self.verticalHeader().defaultSectionSize()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The page scrolls; the table only when it holds more rows than it shows.
        if self.verticalScrollBar().maximum() > 0:
            super().wheelEvent(event)
        else:
            event.ignore()
