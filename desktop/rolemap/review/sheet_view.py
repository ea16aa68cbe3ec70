"""SheetView: one review on a page that scrolls: its figures, the four questions, its actions.

The same view shows the review in progress (evidence computed now, actions
to tick) and a finished one from the history (its kept evidence, actions
read-only); in both the answers stay editable, as the service allows. The
answers are set only when another review is shown, so that reading the
evidence again never touches what is being typed.

Signals:
    answer_edited(int, str): an answer to keep (question number, text).
    action_added(str, str), status_requested(str, str): see ActionsPanel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_sheet import ReviewSheet
from rolemap.review import evidence_text as words
from rolemap.review.actions_panel import ActionsPanel
from rolemap.review.answer_edit import AnswerEdit
from rolemap.review.question_panel import QuestionPanel
from rolemap.review.section import heading_font, muted

PROBLEM_STYLE = "color: #8a1c14; background: #fdecea; border: 1px solid #f2b8b5; padding: 6px;"


class FigureTile(QFrame):
    """A figure in large type with what it is under it."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–", self)
        self.value.setObjectName(f"{name}-value")
        self.value.setFont(heading_font(self.value.font(), 1.5))
        self.caption = muted(QLabel(caption, self))
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str) -> None:
        """Show `text` as the figure (and tell a screen reader with the caption)."""
        self.value.setText(text)
        self.setAccessibleName(f"{self.caption.text()}: {text}")


class SheetView(QScrollArea):
    """A review's page; see the module docstring."""

    answer_edited = Signal(int, str)
    action_added = Signal(str, str)
    status_requested = Signal(str, str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.review_id: str | None = None
        body = QWidget()
        body.setObjectName(f"{name}-body")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 12)
        layout.setSpacing(12)
        self.problem = QLabel(body)
        self.problem.setObjectName(f"{name}-problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.tiles = {
            key: FigureTile(caption, f"{name}-{key}", body)
            for key, caption in (
                ("tracked", "hours tracked in the period"),
                ("purposeful", "of them on activities that reach an outcome"),
                ("reached", "hours that reached outcomes through the map"),
                ("weak", "hours that reached outcomes only along weak links"),
            )
        }
        figures = QGridLayout()
        figures.setSpacing(8)
        for index, tile in enumerate(self.tiles.values()):
            figures.addWidget(tile, 0, index)
            figures.setColumnStretch(index, 1)
        layout.addLayout(figures)
        self.panels = [QuestionPanel(number, body) for number in (1, 2, 3, 4)]
        for panel in self.panels:
            layout.addWidget(panel)
            panel.answer.answer_edited.connect(self.answer_edited)
            panel.answer.next_requested.connect(self._on_answer_next_requested)
            panel.answer.previous_requested.connect(self._on_answer_previous_requested)
        self.actions_panel = ActionsPanel(body)
        self.actions_panel.action_added.connect(self.action_added)
        self.actions_panel.status_requested.connect(self.status_requested)
        layout.addWidget(self.actions_panel)
        layout.addStretch(1)
        self.setWidget(body)

    @property
    def answers(self) -> list[AnswerEdit]:
        """The four answer boxes, in order."""
        return [panel.answer for panel in self.panels]

    def show_sheet(self, sheet: ReviewSheet, *, live: bool) -> None:
        """Show `sheet`; `live` for the review in progress (its actions can be ticked)."""
        if sheet.review.id != self.review_id:
            self.review_id = sheet.review.id
            for edit, text in zip(self.answers, sheet.review.answers, strict=True):
                edit.set_answer(text)
            self.verticalScrollBar().setValue(0)
        self.problem.setText(sheet.problem)
        self.problem.setVisible(bool(sheet.problem))
        self._show_figures(sheet.evidence)
        for panel in self.panels:
            panel.show_evidence(sheet.evidence, sheet.suggestions)
        self.actions_panel.show_actions(sheet.actions, live)

    def forget(self) -> None:
        """Show no review (the next `show_sheet` sets the answers)."""
        self.flush()
        self.review_id = None

    def flush(self) -> None:
        """Hand on every answer typed and not yet handed on."""
        for edit in self.answers:
            edit.flush()

    def focus_answer(self, number: int) -> None:
        """Put the keyboard in answer `number` (1–4), scrolled into view."""
        edit = self.answers[number - 1]
        self.ensureWidgetVisible(edit, 0, 60)
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_figures(self, evidence: Evidence | None) -> None:
        for tile in self.tiles.values():
            tile.setVisible(evidence is not None)
        if evidence is None:
            return
        self.tiles["tracked"].set_value(words.hours(evidence.total_hours))
        self.tiles["purposeful"].set_value(words.percent(evidence.purposeful_share))
        self.tiles["reached"].set_value(words.hours(evidence.attributed_hours))
        self.tiles["weak"].set_value(words.hours(evidence.weak_hours))

    @Slot(int)
    def _on_answer_next_requested(self, number: int) -> None:
        if number < 4:
            self.focus_answer(number + 1)
        elif self.actions_panel.adding.isVisible():
            self.ensureWidgetVisible(self.actions_panel.new_text, 0, 60)
            self.actions_panel.new_text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot(int)
    def _on_answer_previous_requested(self, number: int) -> None:
        if number > 1:
            self.focus_answer(number - 1)
