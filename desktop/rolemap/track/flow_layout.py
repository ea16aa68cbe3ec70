"""FlowLayout: widgets in a row that wraps onto the next line when the width runs out.

The Track tab's strips (timer, filters) are one row in a wide window and two
or three in a narrow one (800 px, half of a 1920 px screen) instead of
forcing the window wider or overlapping. Each line is justified: its spare
width goes to the widgets given a stretch, in proportion.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

SPACING = 6


class FlowLayout(QLayout):
    """Left to right, wrapping; each line as tall as its tallest widget."""

    def __init__(self, parent: QWidget | None = None, spacing: int = SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        """Add `widget`; a stretch > 0 lets it take a share of its line's spare width."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        item.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self._items.append(item)
        self._stretch.append(stretch)
        self.invalidate()

    # -- QLayout ---------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretch.append(0)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        del self._stretch[index]
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        items = self._visible()
        width = sum(item.sizeHint().width() for item in items) + self._gap * max(0, len(items) - 1)
        height = max((item.sizeHint().height() for item in items), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- placing ---------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _lines(self, width: int) -> list[list[int]]:
        lines: list[list[int]] = []
        line: list[int] = []
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():  # a hidden widget
                continue
            wanted = _width(item, width)
            if line and used + self._gap + wanted > width:
                lines.append(line)
                line, used = [], 0
            used += (self._gap if line else 0) + wanted
            line.append(index)
        if line:
            lines.append(line)
        return lines

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the items in `rect` (when `apply`); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        width = max(1, area.width())
        y = area.y()
        for line in self._lines(width):
            widths = {i: _width(self._items[i], width) for i in line}
            spare = width - sum(widths.values()) - self._gap * (len(line) - 1)
            growing = [i for i in line if self._stretch[i] > 0]
            total = sum(self._stretch[i] for i in growing)
            for i in growing:
                share = spare * self._stretch[i] // total if total else 0
                widths[i] = min(widths[i] + share, self._items[i].maximumSize().width())
            height = max(self._items[i].sizeHint().height() for i in line)
            x = area.x()
            for i in line:
                if apply:
                    self._items[i].setGeometry(QRect(QPoint(x, y), QSize(widths[i], height)))
                x += widths[i] + self._gap
            y += height + self._gap
        return max(0, y - self._gap - area.y()) + margins.top() + margins.bottom()


def _width(item: QLayoutItem, available: int) -> int:
    """The item's preferred width, no more than the line has, no less than its minimum."""
    return max(min(item.sizeHint().width(), available), item.minimumSize().width())
