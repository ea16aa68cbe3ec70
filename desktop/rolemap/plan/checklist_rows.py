"""ChecklistRows: a quarter's checklist as rows of widgets, in three groups.

"Decided from the data" (a ✓, ✗ or – and the reason below it), "Ticked by
hand" and "Your own" (a check box each; own items have a Remove button). Each
row's text wraps; the reason is a muted second line. Rows are rebuilt on each
refresh, and the keyboard focus goes back to the row that had it.

Signals:
    tick_requested(str, bool): an item's ref, and whether it is now ticked.
    remove_requested(str): the ref of an own item to remove.
    nodes_requested(list): the nodes an automatic item is about (its "Show" link).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.checklist_items import OWN_ITEM, Checklist, ChecklistItem
from rolemap.render import palette

VERDICT = {True: ("✓", "#2e8b57"), False: ("✗", palette.FLAG), None: ("–", palette.MUTED)}


class _TextLabel(QLabel):
    """An item's wrapped text; a click on it ticks the row's check box, if it has one."""

    def __init__(self, text: str, detail: str, box: QCheckBox | None) -> None:
        super().__init__()
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        grey = palette.MUTED
        shown = html.escape(text)
        if detail:  # one label for both lines: two wrapped labels leave gaps between them
            shown += f"<br><span style='color:{grey}'>{html.escape(detail)}</span>"
        self.setText(shown)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.box is not None and event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
        super().mouseReleaseEvent(event)


class ChecklistRows(QWidget):
    """The rows of one checklist."""

    tick_requested = Signal(str, bool)
    remove_requested = Signal(str)
    nodes_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan-checklist-rows")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.setSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        self._parts: list[QWidget] = []

    def show_checklist(self, checklist: Checklist | None) -> None:
        """Rebuild the rows for `checklist`, the keyboard focus kept on the same item."""
        focused = next((ref for ref, box in self.boxes.items() if box.hasFocus()), None)
        for part in self._parts:
            part.hide()
            part.deleteLater()
        self._parts = []
        self.boxes = {}
        while self.layout_.count():
            self.layout_.takeAt(0)
        items = checklist.items if checklist is not None else ()
        groups = (
            ("Decided from the data", [i for i in items if i.automatic]),
            ("Ticked by hand", [i for i in items if not i.automatic and i.key != OWN_ITEM]),
            ("Your own", [i for i in items if i.key == OWN_ITEM]),
        )
        for title, rows in groups:
            if not rows:
                continue
            if self._parts:
                self.layout_.addSpacing(10)
            heading = QLabel(title)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            self._add(heading)
            for item in rows:
                self._add(self._row(item))
        self.layout_.addStretch(1)
        if focused in self.boxes:
            self.boxes[focused].setFocus()

    def _add(self, widget: QWidget) -> None:
        self._parts.append(widget)
        self.layout_.addWidget(widget)

    def _row(self, item: ChecklistItem) -> QWidget:
        row = QWidget()
        row.setObjectName(f"checklist-row-{item.ref}")
        grid = QGridLayout(row)
        grid.setContentsMargins(8, 2, 4, 2)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        box: QCheckBox | None = None
        if item.automatic:
            glyph, colour = VERDICT[item.ticked]
            mark = QLabel(glyph)
            mark.setStyleSheet(f"color: {colour}; font-weight: bold;")
            mark.setFixedWidth(mark.fontMetrics().horizontalAdvance("✓") + 10)
            mark.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            words = {True: "done", False: "not yet", None: "nothing to judge yet"}[item.ticked]
            mark.setAccessibleName(words)
            grid.addWidget(mark, 0, 0, Qt.AlignmentFlag.AlignTop)
        else:
            box = QCheckBox()
            box.setObjectName(f"checklist-box-{item.ref}")
            box.setAccessibleName(item.text)
            box.setChecked(bool(item.ticked))
            box.toggled.connect(lambda ticked, ref=item.ref: self.tick_requested.emit(ref, ticked))
            self.boxes[item.ref] = box
            grid.addWidget(box, 0, 0, Qt.AlignmentFlag.AlignTop)
        text = _TextLabel(item.text, item.detail, box)
        text.setObjectName(f"checklist-text-{item.ref}")
        grid.addWidget(text, 0, 1)
        if item.node_ids:
            show = QPushButton("Show")
            show.setObjectName(f"checklist-show-{item.ref}")
            show.setAccessibleName(f"Show on the map: {item.text}")
            show.setToolTip("Select the nodes this item is about on the map")
            show.clicked.connect(
                lambda _c=False, ids=list(item.node_ids): self.nodes_requested.emit(ids)
            )
            grid.addWidget(show, 0, 2, Qt.AlignmentFlag.AlignTop)
        if item.key == OWN_ITEM:
            remove = QPushButton("Remove")
            remove.setObjectName(f"checklist-remove-{item.ref}")
            remove.setAccessibleName(f"Remove ‘{item.text}’")
            remove.clicked.connect(lambda _c=False, ref=item.ref: self.remove_requested.emit(ref))
            grid.addWidget(remove, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        return row
