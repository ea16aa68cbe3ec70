"""In-place title editing: a text field laid over a node's box.

Enter or leaving the field commits through the document; Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QGraphicsTextItem

from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.style import CanvasStyle
from rolemap.domain import geometry


class TitleEditorItem(QGraphicsTextItem):
    """A one-line editor for a node's title."""

    def __init__(
        self, node: NodeItem, style: CanvasStyle, on_done: Callable[[str, str | None], None]
    ) -> None:
        super().__init__(node.title)
        self.node_id = node.node_id
        self._on_done = on_done
        self._finished = False
        self.setFont(style.title_font)
        self.setDefaultTextColor(style.node_text)
        self.setTextWidth(geometry.NODE_WIDTH - 24)
        self.setPos(node.pos().x() + 12, node.pos().y() + 4)
        self.setZValue(10)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsTextItem.GraphicsItemFlag.ItemIsFocusable)

    def start(self) -> None:
        """Focus the field with the whole title selected."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def paint(self, painter, option, widget=None):  # type: ignore[no-untyped-def]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.scene().palette().base() if self.scene() else Qt.GlobalColor.white)
        painter.drawRoundedRect(self.boundingRect(), 4, 4)
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish(self.toPlainText())
        elif event.key() == Qt.Key.Key_Escape:
            self._finish(None)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._finish(self.toPlainText())

    def _finish(self, text: str | None) -> None:
        if self._finished:
            return
        self._finished = True
        self._on_done(self.node_id, None if text is None else " ".join(text.split()))
