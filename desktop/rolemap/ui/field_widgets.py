"""Editors for one field each, built from a field type; each reports a finished edit.

`make_editor(type, on_commit, choices)` returns an `Editor`: a widget, a way to
show a value without emitting, and the commit callback called with the new
value when the person finishes (Enter, leaving the field, picking an item).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from rolemap.domain.describe import number

Commit = Callable[[Any], None]


class Editor:
    """A field's widget with `show(value)` (no commit) and a commit callback."""

    def __init__(self, widget: QWidget, show: Callable[[Any], None]) -> None:
        self.widget = widget
        self._show = show

    def show(self, value: Any, force: bool = False) -> None:
        """Display `value` without reporting it as an edit.

        Skipped while the field is being edited, unless `force` (a refused edit is put back).
        """
        if self.widget.hasFocus() and not force:
            return
        blocked = self.widget.blockSignals(True)
        try:
            self._show(value)
        finally:
            self.widget.blockSignals(blocked)


class _FocusOut(QObject):
    """Commits a plain-text editor when it loses focus."""

    def __init__(self, editor: QPlainTextEdit, commit: Commit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._commit = commit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._commit(self._editor.toPlainText())
        return False


def make_editor(kind: str, commit: Commit, choices: Sequence[str] = ()) -> Editor:
    """An editor for a field type (FieldSpec.type, or "multiline", "lines", "confidence").

    A "confidence" is a share 0–1 shown as a percent ("70 %"); the document reads it back.
    """
    match kind:
        case "bool":
            box = QCheckBox()
            box.toggled.connect(commit)
            return Editor(box, lambda v: box.setChecked(bool(v)))
        case "hours" | "percent":
            spin = QDoubleSpinBox()
            spin.setKeyboardTracking(False)
            spin.setRange(0, 168 if kind == "hours" else 100)
            spin.setSingleStep(0.5 if kind == "hours" else 5)
            spin.setDecimals(1 if kind == "hours" else 0)
            spin.setSuffix(" h" if kind == "hours" else " %")
            spin.valueChanged.connect(lambda v: commit(v if kind == "hours" else v / 100))
            return Editor(
                spin, lambda v: spin.setValue(float(v or 0) * (1 if kind == "hours" else 100))
            )
        case "category" | "direction" | "rubric" | "choice":
            combo = QComboBox()
            items: list[tuple[str, Any]]
            if kind == "rubric":
                items = [("—", None)] + [(str(i), i) for i in range(1, 6)]
            elif kind == "direction":
                items = [("Higher is better ↑", "up"), ("Lower is better ↓", "down")]
            else:
                items = [(c, c) for c in choices]
            for text, data in items:
                combo.addItem(text, data)
            combo.activated.connect(lambda i: commit(combo.itemData(i)))

            def show_choice(value: Any) -> None:
                index = combo.findData(value)
                if index < 0 and value is not None:
                    combo.addItem(str(value), value)
                    index = combo.count() - 1
                combo.setCurrentIndex(max(index, 0))

            return Editor(combo, show_choice)
        case "multiline" | "lines":
            area = QPlainTextEdit()
            area.setTabChangesFocus(True)
            area.setFixedHeight(72)
            if kind == "lines":
                area.setPlaceholderText("One per line")
                area.installEventFilter(
                    _FocusOut(
                        area,
                        lambda t: commit(tuple(s.strip() for s in t.splitlines() if s.strip())),
                    )
                )
                return Editor(area, lambda v: area.setPlainText("\n".join(v or ())))
            area.installEventFilter(_FocusOut(area, commit))
            return Editor(area, lambda v: area.setPlainText(str(v or "")))
        case _:
            line = QLineEdit()
            if kind == "date":
                line.setPlaceholderText("YYYY-MM-DD")
            elif kind == "number":
                line.setPlaceholderText("none")
            elif kind == "confidence":
                line.setPlaceholderText("none (e.g. 70 %)")
                line.setToolTip("How sure the link is: 0.7, 70 or 70 %")
            line.editingFinished.connect(lambda: commit(line.text()))
            line.setAlignment(Qt.AlignmentFlag.AlignLeft)

            def show_text(value: Any) -> None:
                if kind == "confidence" and isinstance(value, float):
                    line.setText(f"{number(value * 100)} %")  # read back as typed: "70 %"
                elif isinstance(value, float):
                    line.setText(number(value))
                else:
                    line.setText("" if value is None else str(value))

            return Editor(line, show_text)
