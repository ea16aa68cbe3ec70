"""QuestionPanel: one of the four questions, its evidence, and the person's answer beside it.

The evidence stands on the left and the answer on the right when the panel
is wide enough (SIDE_BY_SIDE_FROM); in a narrow window the answer comes
under the evidence, so that nothing is squeezed or overlaps.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from rolemap.domain.review import QUESTIONS
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_suggestions import Suggestion
from rolemap.review.answer_edit import AnswerEdit
from rolemap.review.question_evidence import EVIDENCE
from rolemap.review.section import Section

SIDE_BY_SIDE_FROM = 980  # px of panel width
HINTS = (
    "Planned and actual hours per activity, what was delivered downstream, and the yield: "
    "deliveries per 10 hours.",
    "The hours that reached each outcome through the map, its check-ins against a straight "
    "line from baseline to target, and the hours that rode on weak links.",
    "What the period's figures suggest, the time per category against the ideal, and the "
    "accountabilities with the outcomes that serve them.",
    "What changed on the map since the last review: nodes, links and the role's own fields.",
)


class QuestionPanel(Section):
    """Question `number` (1–4) with its evidence and answer."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        question = QUESTIONS[number - 1]
        super().__init__(
            f"{number}. {question}",
            f"review-question-{number}",
            HINTS[number - 1],
            parent,
        )
        self.number = number
        self.evidence = EVIDENCE[number - 1](self)
        self.answer = AnswerEdit(number, question, self)
        answer_column = QWidget(self)
        column = QVBoxLayout(answer_column)
        column.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Your answer", answer_column)
        label.setObjectName(f"review-answer-{number}-label")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        column.addWidget(label)
        column.addWidget(self.answer, 1)
        self.answer_column = answer_column
        self.row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.row.setSpacing(16)
        self.row.addWidget(self.evidence, 2)  # the tables need the room; a box of text less
        self.row.addWidget(answer_column, 1)
        self.body.addLayout(self.row)

    def show_evidence(self, evidence: Evidence | None, suggestions: list[Suggestion]) -> None:
        """Show the period's evidence beside the answer."""
        self.evidence.show_evidence(evidence, suggestions)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_FROM
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
