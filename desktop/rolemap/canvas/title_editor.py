"""In-place title editing: a text field laid over a node's box, and the scene's one editor.

Enter or leaving the field commits through the document; Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsTextItem

from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.style import CanvasStyle
from rolemap.document.document import RoleDocument
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


class TitleEditing:
    """The scene's one in-place title editor: opened on a node, saved through the document.

    A title the document could not save (a full disk, a read-only file) stays
    open, as typed, to try again.
    """

    def __init__(
        self, scene: QGraphicsScene, document: RoleDocument, nodes: Mapping[str, NodeItem]
    ) -> None:
        self._scene = scene
        self._document = document
        self._nodes = nodes
        self._editor: TitleEditorItem | None = None
        self._style: CanvasStyle | None = None

    @property
    def editor(self) -> TitleEditorItem | None:
        """The editor open now, if any."""
        return self._editor

    def open(self, node_id: str, style: CanvasStyle) -> TitleEditorItem | None:
        """Open the editor over a node's box with its title selected."""
        item = self._nodes.get(node_id)
        if item is None:
            return None
        if self._editor is not None:
            self._editor.clearFocus()
        self._style = style
        self._editor = TitleEditorItem(item, style, self._on_editor_done)
        self._scene.addItem(self._editor)
        self._editor.start()
        return self._editor

    def _on_editor_done(self, node_id: str, title: str | None) -> None:
        editor, self._editor = self._editor, None
        scene = self._scene
        if editor is not None:
            # Hidden now so no further keys reach it; removed once its own event returns.
            editor.hide()
            editor.clearFocus()
            QTimer.singleShot(
                0, scene, lambda: scene.removeItem(editor) if editor.scene() else None
            )
        document = self._document
        if (
            title is not None
            and node_id in document.role_map.nodes
            and not document.rename_node(node_id, title)
            and title
            and self._style is not None
        ):
            reopened = self.open(node_id, self._style)
            if reopened is not None:
                reopened.setPlainText(title)
                reopened.start()
