"""StartPanel: what the Review tab shows with no review in progress: when one is due, and Start.

The period starts as the service's default (the days since the last review,
or the last cadence's worth); the person may choose another before starting.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rolemap.domain.review import QUESTIONS
from rolemap.review.period_edit import PeriodEdit
from rolemap.review.section import Section, heading_font, muted

MESSAGE_STYLE = "color: #8a1c14;"


class StartPanel(QWidget):
    """No review in progress: the next due date, the period, and Start review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-start")
        self.heading = QLabel("No review in progress", self)
        self.heading.setObjectName("review-start-heading")
        self.heading.setFont(heading_font(self.heading.font(), 1.3))
        self.due = QLabel(self)
        self.due.setObjectName("review-start-due")
        self.due.setWordWrap(True)
        self.period = PeriodEdit("review-start-period", self)
        self.start_button = QPushButton("Start review", self)
        self.start_button.setObjectName("review-start-button")
        self.start_button.setDefault(True)
        self.message = QLabel(self)
        self.message.setObjectName("review-start-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.hide()
        row = QHBoxLayout()
        row.addWidget(self.period)
        row.addWidget(self.start_button)
        row.addStretch(1)
        about = Section(
            "What a review asks",
            "review-start-questions",
            "Each question comes with the period's figures: hours, deliveries, check-ins, "
            "suggestions and the map's changes since the last review. Finishing keeps the "
            "figures and a snapshot of the map; the answers stay editable.",
            self,
        )
        for number, question in enumerate(QUESTIONS, start=1):
            line = QLabel(f"{number}. {question}", about)
            line.setWordWrap(True)
            about.body.addWidget(line)
        self.carried = muted(QLabel(self))
        self.carried.setObjectName("review-start-carried")
        self.carried.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.due)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.carried)
        layout.addWidget(about)
        layout.addStretch(1)
        self.setFocusProxy(self.start_button)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_state(
        self,
        due_text: str,
        period: tuple[dt.date, dt.date] | None,
        problem: str,
        open_actions: int,
    ) -> None:
        """The due line, the default period (None: none can start), why not, open actions."""
        self.due.setText(due_text)
        if period is not None:
            self.period.set_period(*period)
        self.start_button.setEnabled(period is not None)
        self.period.setEnabled(period is not None)
        self.show_message(problem)
        self.carried.setText(
            f"{open_actions} open action{'s' if open_actions != 1 else ''} from earlier "
            "reviews will be listed in the next review, to tick off or drop."
            if open_actions
            else ""
        )
        self.carried.setVisible(bool(open_actions))

    def show_message(self, text: str) -> None:
        """Say why the period was refused ("" hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
