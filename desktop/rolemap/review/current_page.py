"""CurrentPage: the review in progress, or how to start one.

At the top, what stays in reach while the page scrolls: the review's period
(two dates and Change period), when the next one is due, and Export,
Discard and Finish. Under it, the review's sheet (`SheetView`). With no
review in progress, the `StartPanel` instead.

Finishing asks first (it is history, and not undoable), says what will
happen to empty answers and open actions, and then the page shows the next
due date. Every answer typed is handed on before finishing, discarding,
exporting or showing another role.

Signals:
    finished(str): a review was finished (its id).
    status_message(str): something for the window's status bar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.cadence import CADENCE_LABELS, default_period
from rolemap.domain.errors import DomainError
from rolemap.domain.review import ActionStatus, Review, span_text
from rolemap.domain.review_sheet import ReviewSheet
from rolemap.review import evidence_text as words
from rolemap.review.period_edit import PeriodEdit
from rolemap.review.review_editor import ReviewEditor
from rolemap.review.section import heading_font, muted
from rolemap.review.sheet_view import SheetView
from rolemap.review.start_panel import MESSAGE_STYLE, StartPanel
from rolemap.services.review_session import ReviewStatus


def due_text(status: ReviewStatus | None) -> str:
    """ "A review is due (since 25 Dec 2026; monthly reviews)." or "Next review due …"."""
    if status is None:
        return "Open a role to review it."
    how_often = CADENCE_LABELS.get(status.cadence, status.cadence)
    if status.is_due:
        return f"A review is due (since {words.day_text(status.due)}; {how_often} reviews)."
    return f"Next review due {words.day_text(status.due)} ({how_often} reviews)."


def _button(text: str, name: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


class CurrentPage(QWidget):
    """The "Current review" page of the Review tab; see the module docstring."""

    finished = Signal(str)
    status_message = Signal(str)
    export_requested = Signal()

    def __init__(self, editor: ReviewEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-current")
        self.editor = editor
        self.review: Review | None = None
        self.sheet: ReviewSheet | None = None
        self.start = StartPanel(self)
        work = QWidget(self)
        work.setObjectName("review-work")
        self.title = QLabel(work)
        self.title.setObjectName("review-title")
        self.title.setWordWrap(True)
        self.title.setFont(heading_font(self.title.font(), 1.3))
        self.export_button = _button(
            "Export…", "review-export", "Save this review as PDF or Markdown", work
        )
        self.discard_button = _button(
            "Discard…", "review-discard", "Throw this review away, with its own actions", work
        )
        self.finish_button = _button(
            "Finish review…",
            "review-finish",
            "Keep the answers, the figures and a snapshot of the map: the review becomes history",
            work,
        )
        self.period = PeriodEdit("review-period", work)
        self.period_button = _button(
            "Change period", "review-period-apply", "Review these days instead", work
        )
        self.due = muted(QLabel(work))
        self.due.setObjectName("review-due")
        self.due.setWordWrap(True)
        self.message = QLabel(work)
        self.message.setObjectName("review-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.hide()
        self.sheet_view = SheetView("review-sheet", work)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for button in (self.export_button, self.discard_button, self.finish_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        second = QHBoxLayout()
        second.addWidget(self.period)
        second.addWidget(self.period_button)
        second.addSpacing(12)
        second.addWidget(self.due, 1)
        layout = QVBoxLayout(work)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.message)
        layout.addWidget(self.sheet_view, 1)
        self.work = work
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(work)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.start.start_button.clicked.connect(self.start_review)
        self.period_button.clicked.connect(self.change_period)
        self.finish_button.clicked.connect(self.finish_review)
        self.discard_button.clicked.connect(self.discard_review)
        self.export_button.clicked.connect(self.export_requested)
        self.sheet_view.answer_edited.connect(self._on_sheet_answer_edited)
        self.sheet_view.action_added.connect(self._on_sheet_action_added)
        self.sheet_view.status_requested.connect(self._on_sheet_status_requested)

    # -- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the role's review in progress again and show it (or the start panel)."""
        editor = self.editor
        history = editor.history()
        status = editor.status(history)
        review = history.in_progress
        if review is not None and not review.chosen and review.last_day < editor.today:
            review = editor.start() or review  # its end follows today, as `review start` does
        if review is None:
            self._show_start(status, history.finished[0].last_day if history.finished else None)
            return
        if self.review is None or self.review.id != review.id:
            self.sheet_view.forget()
        self.review = review
        sheet = editor.sheet(review)
        if sheet is None:
            self._show_message(editor.last_problem)
            return
        self.sheet = sheet
        self.title.setText(f"Review of {sheet.span} · in progress")
        self.period.set_period(review.first_day, review.last_day)
        self.due.setText(due_text(status))
        self.sheet_view.show_sheet(sheet, live=True)
        if self.editor.document.has_role:
            self.sheet_view.actions_panel.set_nodes(_node_choices(self.editor))
        self.stack.setCurrentWidget(self.work)

    def refresh_actions(self) -> None:
        """Read the actions again (after one was added, ticked or dropped)."""
        if self.review is not None:
            self.sheet_view.actions_panel.show_actions(self.editor.actions(self.review), True)

    def _show_start(self, status: ReviewStatus | None, last_day: dt.date | None) -> None:
        self.sheet_view.forget()
        self.review = None
        self.sheet = None
        period: tuple[dt.date, dt.date] | None = None
        problem = ""
        if status is not None:
            today = self.editor.today
            try:
                default = default_period(status.cadence, last_day, today)
            except DomainError:
                # The domain's sentence names the command line's options: say it for the window.
                problem = (
                    f"The last review already covers up to {words.day_text(last_day)}: there is "
                    "nothing new to review yet. To review other days, choose them above."
                )
                period = (today, today)
            else:
                assert default.start is not None and default.last_day is not None
                period = (default.start, default.last_day)
        self.start.show_state(due_text(status), period, problem, self.editor.open_action_count())
        self.stack.setCurrentWidget(self.start)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def flush(self) -> None:
        """Hand on every answer typed and not yet saved."""
        self.sheet_view.flush()

    # -- what the person does -----------------------------------------------------------

    @Slot()
    def start_review(self) -> None:
        """Start the review over the period shown (the default one follows today)."""
        first, last = self.start.period.period()
        history = self.editor.history()
        status = self.editor.status(history)
        chosen: tuple[dt.date | None, dt.date | None] = (first, last)
        last_day = history.finished[0].last_day if history.finished else None
        if status is not None:
            try:
                default = default_period(status.cadence, last_day, self.editor.today)
            except DomainError:
                pass  # nothing new to review: the period shown is the person's choice
            else:
                if (default.start, default.last_day) == (first, last):
                    chosen = (None, None)  # not chosen: its end keeps following today
        review = self.editor.start(*chosen)
        if review is None:
            self.start.show_message(self.editor.last_problem)
            return
        self.start.show_message("")
        self.refresh()
        self.status_message.emit(
            f"Started the review of {span_text(review.first_day, review.last_day)}."
        )
        self.sheet_view.focus_answer(1)

    @Slot()
    def change_period(self) -> None:
        """Review the days shown in the period's dates instead."""
        self.flush()
        first, last = self.period.period()
        review = self.editor.start(first, last)
        self._show_message(self.editor.last_problem)
        if review is not None:
            self.refresh()
            self.status_message.emit(
                f"The review now covers {span_text(review.first_day, review.last_day)}."
            )
        elif self.review is not None:  # back to the period it has
            self.period.set_period(self.review.first_day, self.review.last_day)

    @Slot()
    def finish_review(self) -> None:
        """Ask, then make the review history; the page then shows the next due date."""
        review = self.review
        if review is None:
            return
        self.flush()
        review = self.review or review
        unsaved = [n for n, edit in enumerate(self.sheet_view.answers, start=1) if edit.pending]
        if unsaved:
            self._show_message(
                f"The answer to question {unsaved[0]} is not saved yet "
                f"({self.editor.last_problem}): the review is not finished."
            )
            return
        answers = self.sheet_view.answers
        blank = [n for n, edit in enumerate(answers, start=1) if not edit.toPlainText().strip()]
        open_count = sum(1 for a in self.editor.actions(review) if a.status is ActionStatus.OPEN)
        notes = []
        if blank:
            names = ", ".join(str(n) for n in blank)
            notes.append(
                f"Question{'s' if len(blank) > 1 else ''} {names} "
                f"{'have' if len(blank) > 1 else 'has'} no answer yet (answers stay editable)."
            )
        if open_count:
            notes.append(
                f"{open_count} open action{'s carry' if open_count > 1 else ' carries'} "
                "into the next review."
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Finish review",
            f"Finish the review of {span_text(review.first_day, review.last_day)}?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            "Its figures and a snapshot of the map are kept as they are now and never "
            "change; this cannot be undone. " + " ".join(notes)
        )
        finish = box.addButton("Finish review", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(finish)
        box.exec()
        if box.clickedButton() is not finish:
            return
        finished = self.editor.finish(review)
        if finished is None:
            self._show_message(self.editor.last_problem)
            return
        self.refresh()
        status = self.editor.status()
        next_due = f" The next review is due {words.day_text(status.due)}." if status else ""
        self.status_message.emit(
            f"Finished the review of {span_text(finished.first_day, finished.last_day)}: "
            f"it is in the history.{next_due}"
        )
        self.finished.emit(finished.id)

    @Slot()
    def discard_review(self) -> None:
        """Ask, then throw the review in progress away."""
        review = self.review
        if review is None:
            return
        self.flush()
        answer = QMessageBox.question(
            self,
            "Discard review",
            f"Discard the review of {span_text(review.first_day, review.last_day)}?\n\n"
            "Its answers and the actions it recorded go; actions it ticked off or dropped "
            "open again. This cannot be undone.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        if self.editor.discard(review):
            self.refresh()
            self.status_message.emit("The review was discarded.")

    @Slot(int, str)
    def _on_sheet_answer_edited(self, number: int, text: str) -> None:
        if self.review is None or self.sheet_view.review_id != self.review.id:
            return
        kept = self.editor.set_answer(self.review, number, text)
        if kept is None:
            self.sheet_view.answers[number - 1].keep_pending()
            self._show_message(
                f"Your answer to question {number} is not saved yet: {self.editor.last_problem} "
                "It stays here and is saved at the next pause in typing."
            )
            return
        self.review = kept
        if self.message.isVisible() and self.message.text().startswith("Your answer"):
            self._show_message("")

    @Slot(str, str)
    def _on_sheet_action_added(self, text: str, node_id: str) -> None:
        if self.review is not None and self.editor.add_action(self.review, text, node_id or None):
            self.sheet_view.actions_panel.clear_new_action()
            self.refresh_actions()

    @Slot(str, str)
    def _on_sheet_status_requested(self, action_id: str, status: str) -> None:
        if self.review is not None:
            self.editor.set_action_status(self.review, action_id, ActionStatus(status))
            self.refresh_actions()


def _node_choices(editor: ReviewEditor) -> list[tuple[str, str]]:
    nodes = sorted(
        editor.document.role_map.nodes.values(), key=lambda n: (n.kind.lane, n.title.casefold())
    )
    return [(n.id, f"{n.kind.value.capitalize()} · {n.title}") for n in nodes]
