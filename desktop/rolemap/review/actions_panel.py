"""ActionsPanel: a review's follow-up actions: add one, tick it off, drop it, open it again.

A review in progress lists its own actions and the ones still open from
earlier reviews ("from an earlier review"), which it ticks off or drops; a
finished review lists what it recorded and closed, read-only. Each row says
its state in words ("Done", "Dropped") as well as with a tick or a line
through, and keeps the keyboard focus where it was when the list is read again.

Signals:
    action_added(str, str): the text and the node it is about ("" for none).
    status_requested(str, str): an action's id and the status wanted ("open", "done",
        "dropped").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.review import ActionStatus
from rolemap.domain.review_sheet import ActionLine
from rolemap.review.section import Section, muted

EDIT_HINT = (
    "Open actions carry into the next review, to be ticked off or dropped there. "
    "“Drop” keeps an action listed as dropped; “Reopen” undoes a tick or a drop."
)
READ_HINT = "The actions this review recorded or closed."


def _note(line: ActionLine) -> str:
    parts = []
    if line.node:
        parts.append(f"about ‘{line.node}’")
    if line.carried:
        parts.append("from an earlier review")
    return " · ".join(parts)


class ActionRow(QWidget):
    """One action: a tick box (or its state in words, read-only) and Drop or Reopen."""

    def __init__(self, line: ActionLine, editable: bool, panel: ActionsPanel) -> None:
        super().__init__(panel)
        self.line = line
        self.setObjectName(f"review-action-{line.number}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        state = {
            ActionStatus.OPEN: "Open",
            ActionStatus.DONE: "Done",
            ActionStatus.DROPPED: "Dropped",
        }
        self.tick: QCheckBox | None = None
        self.button: QPushButton | None = None
        if editable:
            self.tick = QCheckBox(line.text, self)
            self.tick.setObjectName("review-action-tick")
            self.tick.setAccessibleName(f"Done: {line.text}")
            self.tick.setChecked(line.status is ActionStatus.DONE)
            self.tick.setEnabled(line.status is not ActionStatus.DROPPED)
            self.tick.toggled.connect(self._on_tick_toggled)
            layout.addWidget(self.tick, 1)
            if line.status is ActionStatus.OPEN:
                self.button = QPushButton("Drop", self)
                self.button.setObjectName("review-action-drop")
                self.button.setAccessibleName(f"Drop action: {line.text}")
                self.button.setToolTip("No longer worth doing: keep it listed as dropped")
                wanted = ActionStatus.DROPPED
            else:
                self.button = QPushButton("Reopen", self)
                self.button.setObjectName("review-action-reopen")
                self.button.setAccessibleName(f"Reopen action: {line.text}")
                wanted = ActionStatus.OPEN
            self.button.clicked.connect(lambda: panel.status_requested.emit(line.id, wanted.value))
        else:
            text = QLabel(f"{state[line.status]}: {line.text}", self)
            text.setObjectName("review-action-text")
            text.setWordWrap(True)
            layout.addWidget(text, 1)
        if line.status is ActionStatus.DROPPED:
            target = self.tick if self.tick is not None else self.findChild(QLabel)
            if target is not None:
                font = target.font()
                font.setStrikeOut(True)
                target.setFont(font)
                if self.tick is not None:
                    self.tick.setText(f"{line.text} (dropped)")
        note = _note(line)
        if note:
            layout.addWidget(muted(QLabel(note, self)))
        if self.button is not None:
            layout.addWidget(self.button)
        self._panel = panel

    @Slot(bool)
    def _on_tick_toggled(self, checked: bool) -> None:
        status = ActionStatus.DONE if checked else ActionStatus.OPEN
        self._panel.status_requested.emit(self.line.id, status.value)


class ActionsPanel(Section):
    """The follow-up actions of one review; see the module docstring."""

    action_added = Signal(str, str)
    status_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Follow-up actions", "review-actions", EDIT_HINT, parent)
        self.editable = True
        self.rows: list[ActionRow] = []
        self.none = muted(QLabel("No actions yet.", self))
        self.none.setObjectName("review-actions-none")
        self.list = QVBoxLayout()
        self.list.setSpacing(4)
        self.list.addWidget(self.none)
        self.body.addLayout(self.list)
        self.new_text = QLineEdit(self)
        self.new_text.setObjectName("review-action-new")
        self.new_text.setAccessibleName("New follow-up action")
        self.new_text.setPlaceholderText(
            "A follow-up action, e.g. “Link email to an outcome or cut it”"
        )
        self.new_text.setMaxLength(500)
        self.node = QComboBox(self)
        self.node.setObjectName("review-action-node")
        self.node.setAccessibleName("The node the new action is about (optional)")
        self.node.setMinimumContentsLength(14)
        self.node.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_button = QPushButton("Add action", self)
        self.add_button.setObjectName("review-action-add")
        self.add_button.setEnabled(False)
        self.adding = QWidget(self)
        row = QHBoxLayout(self.adding)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.new_text, 2)
        about = QLabel("About:", self.adding)
        about.setBuddy(self.node)
        row.addWidget(about)
        row.addWidget(self.node, 1)
        row.addWidget(self.add_button)
        self.body.addWidget(self.adding)
        self.new_text.textChanged.connect(
            lambda text: self.add_button.setEnabled(bool(text.strip()))
        )
        self.new_text.returnPressed.connect(self._on_add)
        self.add_button.clicked.connect(self._on_add)

    def set_nodes(self, nodes: Sequence[tuple[str, str]]) -> None:
        """The nodes an action may be about: (id, "Activity · Weekly 1:1s"), in order."""
        chosen = self.node.currentData()
        self.node.clear()
        self.node.addItem("Nothing in particular", "")
        for node_id, label in nodes:
            self.node.addItem(label, node_id)
        index = self.node.findData(chosen)
        self.node.setCurrentIndex(max(index, 0))

    def show_actions(self, lines: Sequence[ActionLine], editable: bool) -> None:
        """List `lines`; `editable` for the review in progress, else read-only."""
        focused = self._focused()
        self.editable = editable
        self.set_hint(EDIT_HINT if editable else READ_HINT)
        self.adding.setVisible(editable)
        for row in self.rows:
            self.list.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = [ActionRow(line, editable, self) for line in lines]
        for row in self.rows:
            self.list.addWidget(row)
        self.none.setVisible(not lines)
        self.none.setText("No actions yet." if editable else "This review recorded no actions.")
        self._refocus(focused)
        # Tab order: the rows in their order, then the new action's line.
        chain: list[QWidget] = [
            w for row in self.rows for w in (row.tick, row.button) if w is not None
        ]
        chain += [self.new_text, self.node, self.add_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def clear_new_action(self) -> None:
        """Empty the new action's line (after it was added)."""
        self.new_text.clear()
        self.node.setCurrentIndex(0)

    @Slot()
    def _on_add(self) -> None:
        text = self.new_text.text().strip()
        if text:
            self.action_added.emit(text, self.node.currentData() or "")

    def _focused(self) -> tuple[str, str] | None:
        for row in self.rows:
            for widget in (row.tick, row.button):
                if widget is not None and widget.hasFocus():
                    return row.line.id, "tick" if widget is row.tick else "button"
        return None

    def _refocus(self, focused: tuple[str, str] | None) -> None:
        if focused is None:
            return
        action_id, which = focused
        for row in self.rows:
            if row.line.id == action_id:
                target = row.tick if which == "tick" else row.button
                (target or row.tick or row.button or self.new_text).setFocus(
                    Qt.FocusReason.OtherFocusReason
                )
                return
        self.new_text.setFocus(Qt.FocusReason.OtherFocusReason)
