"""PeriodChooser: previous / this / next, and the period shown in words.

The Plan tab has two: one for weeks, one for quarters. The chooser knows
nothing of either: it asks its owner for the neighbours through `step`.

Signals:
    step_requested(int): -1 (previous), 0 (this one), +1 (next).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class PeriodChooser(QWidget):
    """Three buttons and a label: ◀, "This week", ▶, then "2026-W49  30 Nov – 6 Dec"."""

    step_requested = Signal(int)

    def __init__(self, noun: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}-chooser")
        self.previous = QPushButton("◀")
        self.current = QPushButton(f"This {noun}")
        self.next = QPushButton("▶")
        for button, step, words in (
            (self.previous, -1, f"Previous {noun}"),
            (self.current, 0, f"This {noun}"),
            (self.next, 1, f"Next {noun}"),
        ):
            button.setObjectName(f"{name}-{('previous', 'this', 'next')[step + 1]}")
            button.setAccessibleName(words)
            button.setToolTip(words)
            button.clicked.connect(lambda _checked=False, s=step: self.step_requested.emit(s))
        for button in (self.previous, self.next):
            button.setFixedWidth(button.sizeHint().height() + 8)
        self.label = QLabel()
        self.label.setObjectName(f"{name}-label")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.previous)
        layout.addWidget(self.current)
        layout.addWidget(self.next)
        layout.addSpacing(8)
        layout.addWidget(self.label, 1)

    def show_period(
        self, name: str, dates: str, *, is_current: bool, first: bool, last: bool
    ) -> None:
        """Show the period's name and dates; grey out what cannot be chosen."""
        self.label.setText(f"<b>{name}</b>&nbsp;&nbsp;{dates}")
        self.label.setAccessibleName(f"{name}, {dates}")
        self.current.setEnabled(not is_current)
        self.previous.setEnabled(not first)
        self.next.setEnabled(not last)
