"""Link to…: link the selected node from the keyboard, choosing from the nodes the lane rule allows.

The list holds what the node may lead to (→) and what may feed it (←),
without the links it already has; typing filters it by title, the arrow
keys move in it from the filter field, and Enter links to the chosen node
through the document (one undo step, like a drag from the port).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.entities import Node
from rolemap.domain.lane_rule import kinds_may_link

ENDS = Qt.ItemDataRole.UserRole  # an item's (source id, target id)
MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8, Qt.Key.Key_PageDown: 8}


def link_choices(document: RoleDocument, node_id: str) -> list[tuple[str, str, str]]:
    """(text, source id, target id) of every link the lane rule allows for `node_id`, new ones.

    What the node may lead to comes first, then what may feed it; each by lane
    and top to bottom, as on the map.
    """
    role_map = document.role_map
    here = role_map.nodes[node_id]
    others = sorted(
        (n for n in role_map.nodes.values() if n.id != node_id),
        key=lambda n: (n.kind.lane, n.y, n.x),
    )
    onward = [
        (f"→ {n.title}  ({n.kind.value})", here.id, n.id)
        for n in others
        if kinds_may_link(here.kind, n.kind) and role_map.find_link(here.id, n.id) is None
    ]
    back = [
        (f"← {n.title}  ({n.kind.value})", n.id, here.id)
        for n in others
        if kinds_may_link(n.kind, here.kind) and role_map.find_link(n.id, here.id) is None
    ]
    return onward + back


class LinkDialog(QDialog):
    """A filterable list of the links one node may have; Enter makes the chosen one."""

    def __init__(self, document: RoleDocument, node_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("link-dialog")
        node: Node = document.role_map.nodes[node_id]
        self.setWindowTitle(f"Link ‘{node.title}’")
        self._document = document
        self.made: str | None = None  # the link made, once Enter has made one
        heading = QLabel(f"Link ‘{node.title}’ ({node.kind.value}) to or from:")
        heading.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("link-filter")
        self.filter.setPlaceholderText("Type to filter")
        self.filter.setAccessibleName("Filter the nodes by title")
        heading.setBuddy(self.filter)
        self.choices = QListWidget()
        self.choices.setObjectName("link-choices")
        self.choices.setAccessibleName("Nodes the lane rule allows")
        for text, source, target in link_choices(document, node_id):
            item = QListWidgetItem(text)
            item.setData(ENDS, (source, target))
            self.choices.addItem(item)
        self.empty = QLabel(
            "Nothing more can be linked to or from this node: links run "
            "input → activity → output → outcome, and an activity may link to an outcome."
        )
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.link_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.link_button.setText("Link")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.filter.installEventFilter(self)
        self.choices.itemActivated.connect(lambda _item: self._on_buttons_accepted())
        self.resize(420, 380)
        self._on_filter_text_changed("")

    def shown_texts(self) -> list[str]:
        """The choices the filter leaves, top to bottom."""
        return [
            self.choices.item(i).text()
            for i in range(self.choices.count())
            if not self.choices.item(i).isHidden()
        ]

    @Slot(str)
    def _on_filter_text_changed(self, text: str) -> None:
        wanted = text.casefold().strip()
        first = None
        for index in range(self.choices.count()):
            item = self.choices.item(index)
            title = item.text()[2:].rsplit("  (", 1)[0].casefold()
            item.setHidden(wanted not in title)
            if first is None and not item.isHidden():
                first = item
        current = self.choices.currentItem()
        if current is None or current.isHidden():
            self.choices.setCurrentRow(self.choices.row(first) if first is not None else -1)
        self.link_button.setEnabled(first is not None)
        self.empty.setVisible(self.choices.count() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the filter field move in the list: the hands stay on the keys.
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            rows = MOVES.get(Qt.Key(event.key()))
            if rows is not None:
                self._move(rows)
                return True
        return super().eventFilter(watched, event)

    def _move(self, rows: int) -> None:
        shown = [
            self.choices.item(i)
            for i in range(self.choices.count())
            if not self.choices.item(i).isHidden()
        ]
        if not shown:
            return
        current = self.choices.currentItem()
        index = shown.index(current) if current in shown else -1
        self.choices.setCurrentItem(shown[max(0, min(len(shown) - 1, index + rows))])

    @Slot()
    def _on_buttons_accepted(self) -> None:
        item = self.choices.currentItem()
        if item is None or item.isHidden():
            return
        source, target = item.data(ENDS)
        self.made = self._document.connect_nodes(source, target)
        if self.made is not None:
            self.accept()
