"""FindBar: a small search field over the map; type to find nodes by title or notes.

Enter goes to the next match (Shift+Enter the previous), selecting and
centring it; Escape closes the bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit

from rolemap.canvas.view import MapView


class FindBar(QFrame):
    """The find field laid over the top right corner of a MapView."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.setObjectName("find-bar")
        self._view = view
        self._matches: list[str] = []
        self._index = -1
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.field = QLineEdit()
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText("Find title or notes")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setObjectName("find-count")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.field)
        layout.addWidget(self.count)
        self.field.textChanged.connect(self._on_field_text_changed)
        self.field.installEventFilter(self)
        self.resize(300, self.sizeHint().height())
        self.hide()

    def open(self) -> None:
        """Show the bar with the field focused and its text selected."""
        self.move(self._view.width() - self.width() - 24, 8)
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._on_field_text_changed(self.field.text())

    def close_bar(self) -> None:
        """Hide the bar and give the keyboard back to the map."""
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def matches(self) -> list[str]:
        """Ids of the nodes matching the text, top to bottom, lane by lane."""
        return list(self._matches)

    @Slot(str)
    def _on_field_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        self._matches = []
        self._index = -1
        document = self._view.map_scene.document
        if needle and document.has_role:
            found = [
                n
                for n in document.role_map
                if needle in n.title.casefold() or needle in n.notes.casefold()
            ]
            found.sort(key=lambda n: (n.kind.lane, n.y))
            self._matches = [n.id for n in found]
        self.count.setText(f"{len(self._matches)} found" if needle else "")
        if self._matches:
            self.step(1)

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match."""
        if not self._matches:
            return
        self._index = (self._index + direction) % len(self._matches)
        node_id = self._matches[self._index]
        self._view.map_scene.select_only([node_id])
        self._view.centre_on_node(node_id)
        self.count.setText(f"{self._index + 1} of {len(self._matches)}")

    def eventFilter(self, watched: object, event: object) -> bool:
        key_press = isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if watched is self.field and key_press and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step(-1 if back else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
