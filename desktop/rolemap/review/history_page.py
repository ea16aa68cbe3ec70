"""HistoryPage: the role's finished reviews: open one, export it, compare any two.

The list shows each review's period, when it finished and how many questions
it answered; a review whose kept figures or map cannot be read is listed
with what is wrong (the service's words) and still opens, with what can be
read; a row that cannot be read at all is listed and cannot be chosen.
Select one review to open or export it; select two to compare their maps;
one alone compares with the map now. An opened review shows its kept
evidence; its answers stay editable (saved as typed, like the one in progress).

Signals:
    compare_requested(str): show the map now against this review's snapshot.
    export_requested(str): export this review (its id).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.review import Review, span_text
from rolemap.review import evidence_text as words
from rolemap.review.compare_panel import ComparePanel
from rolemap.review.review_editor import ReviewEditor
from rolemap.review.section import heading_font, muted
from rolemap.review.sheet_view import SheetView
from rolemap.review.start_panel import MESSAGE_STYLE

HINT = (
    "Select a review to open or export it. Select two to compare their maps; "
    "one alone is compared with the map now."
)
DAMAGED = "#b3261e"
ID_ROLE = Qt.ItemDataRole.UserRole


class HistoryPage(QWidget):
    """The "History" page of the Review tab; see the module docstring."""

    compare_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, editor: ReviewEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-history")
        self.editor = editor
        self.reviews: dict[str, Review] = {}
        self.opened: Review | None = None

        top = QWidget(self)
        self.heading = QLabel("Past reviews", top)
        self.heading.setFont(heading_font(self.heading.font()))
        self.hint = muted(QLabel(HINT, top))
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 4, top)
        self.table.setObjectName("review-history-list")
        self.table.setAccessibleName("Past reviews")
        self.table.setHorizontalHeaderLabels(["Period", "Finished", "Answered", "Note"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setAccessibleName("Past reviews: columns")
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        self.open_button = QPushButton("Open", top)
        self.open_button.setObjectName("review-history-open")
        self.open_button.setToolTip("Show the review with its kept figures (Enter)")
        self.compare_button = QPushButton("Compare", top)
        self.compare_button.setObjectName("review-history-compare")
        self.compare_button.setToolTip("The map's changes between the two selected reviews")
        self.export_button = QPushButton("Export…", top)
        self.export_button.setObjectName("review-history-export")
        self.export_button.setToolTip("Save the selected review as PDF or Markdown")
        self.empty = muted(
            QLabel("No review is finished yet: finished reviews are listed here.", top)
        )
        self.empty.setObjectName("review-history-empty")
        self.empty.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 4)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.hint)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)

        self.detail = QStackedWidget(self)
        self.detail.setObjectName("review-history-detail")
        self.nothing = muted(QLabel("Open a review, or compare two, to see it here.", self.detail))
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opened_page = QWidget(self.detail)
        self.opened_title = QLabel(self.opened_page)
        self.opened_title.setObjectName("review-history-title")
        self.opened_title.setWordWrap(True)
        self.opened_title.setFont(heading_font(self.opened_title.font(), 1.2))
        self.opened_note = muted(
            QLabel(
                "Its figures and map are as they were kept when it finished; the answers stay "
                "editable and are saved as you type.",
                self.opened_page,
            )
        )
        self.opened_note.setWordWrap(True)
        self.message = QLabel(self.opened_page)
        self.message.setObjectName("review-history-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.hide()
        self.sheet_view = SheetView("review-history-sheet", self.opened_page)
        opened = QVBoxLayout(self.opened_page)
        opened.setContentsMargins(8, 8, 8, 0)
        opened.addWidget(self.opened_title)
        opened.addWidget(self.opened_note)
        opened.addWidget(self.message)
        opened.addWidget(self.sheet_view, 1)
        self.compare = ComparePanel(self.detail)
        for page in (self.nothing, self.opened_page, self.compare):
            self.detail.addWidget(page)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("review-history-splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.compare.compare_requested.connect(self.compare_requested)
        self.sheet_view.answer_edited.connect(self._on_sheet_answer_edited)
        self._on_table_selection_changed()

    # -- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again; what was open stays open (its answers as typed)."""
        history = self.editor.history()
        chosen = self.selected_ids()
        self.reviews = {r.id: r for r in history.finished}
        self.table.setRowCount(0)
        rows = len(history.finished) + len(history.unreadable)
        self.table.setRowCount(rows)
        for row, review in enumerate(history.finished):
            answered = sum(1 for a in review.answers if a.strip())
            problem = history.damaged.get(review.id, "")
            cells = [
                span_text(review.first_day, review.last_day),
                words.day_text(review.finished),
                f"{answered} of 4",
                f"⚠ Damaged: {problem} The rest opens." if problem else "",
            ]
            self._set_row(row, cells, review.id, problem)
        for offset, sentence in enumerate(history.unreadable):
            self._set_row(
                len(history.finished) + offset, ["—", "—", "—", f"⚠ {sentence}"], "", sentence
            )
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        selection = self.table.selectionModel()
        for row in range(len(history.finished)):
            if history.finished[row].id in chosen:
                selection.select(
                    self.table.model().index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        if self.opened is not None:
            if self.opened.id in self.reviews:
                self._show_opened(self.reviews[self.opened.id])
            else:
                self.close_opened()
        if self.detail.currentWidget() is self.compare and self.compare.since is not None:
            since, until = self.compare.since, self.compare.until
            if since.id in self.reviews and (until is None or until.id in self.reviews):
                self._show_comparison(since, until)
            else:
                self.detail.setCurrentWidget(self.nothing)
        self._on_table_selection_changed()

    def _set_row(self, row: int, cells: list[str], review_id: str, problem: str) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, review_id)
            if not review_id:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # listed, not chosen: nothing to open
            if problem and column == 3:
                item.setForeground(QBrush(QColor(DAMAGED)))
                item.setToolTip(problem)
            self.table.setItem(row, column, item)

    def selected_ids(self) -> list[str]:
        """The ids of the reviews selected, newest first."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        items = [self.table.item(row, 0) for row in rows]
        return [
            str(item.data(ID_ROLE)) for item in items if item is not None and item.data(ID_ROLE)
        ]

    def select(self, *review_ids: str) -> None:
        """Select these reviews in the list (what a person does with Ctrl+click)."""
        self.table.clearSelection()
        selection = self.table.selectionModel()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ID_ROLE) in review_ids:
                selection.select(
                    self.table.model().index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def flush(self) -> None:
        """Hand on every answer typed and not yet saved."""
        self.sheet_view.flush()

    def close_opened(self) -> None:
        """Show nothing opened (after a role switch)."""
        self.sheet_view.forget()
        self.opened = None
        self.detail.setCurrentWidget(self.nothing)

    # -- what the person does -----------------------------------------------------------

    @Slot()
    def open_selected(self) -> None:
        """Open the one selected review."""
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_review(ids[0])

    def open_review(self, review_id: str) -> None:
        """Show a finished review, its kept evidence and its answers."""
        review = self.reviews.get(review_id)
        if review is None:
            return
        if self.opened is None or self.opened.id != review.id:
            self.sheet_view.forget()
        self._show_opened(review)
        self.sheet_view.setFocus()

    def _show_opened(self, review: Review) -> None:
        sheet = self.editor.sheet(review)
        self.opened = review
        self.detail.setCurrentWidget(self.opened_page)
        self.opened_title.setText(
            f"Review of {span_text(review.first_day, review.last_day)} · "
            f"finished {words.day_text(review.finished)}"
        )
        if sheet is None:
            self.message.setText(self.editor.last_problem)
            self.message.show()
            return
        self.message.hide()
        self.sheet_view.show_sheet(sheet, live=False)

    @Slot()
    def compare_selected(self) -> None:
        """Compare the two selected reviews, or the one selected with the map now."""
        ids = self.selected_ids()
        if not 1 <= len(ids) <= 2:
            return
        chosen = sorted(
            (self.reviews[i] for i in ids), key=lambda r: (r.last_day, r.finished or "")
        )
        self._show_comparison(chosen[0], chosen[1] if len(chosen) == 2 else None)

    def _show_comparison(self, since: Review, until: Review | None) -> None:
        comparison = self.editor.compare(since, until)
        self.compare.show_comparison(since, until, comparison, self.editor.last_problem)
        self.detail.setCurrentWidget(self.compare)

    @Slot()
    def _on_table_selection_changed(self) -> None:
        count = len(self.selected_ids())
        self.open_button.setEnabled(count == 1)
        self.export_button.setEnabled(count == 1)
        self.compare_button.setEnabled(1 <= count <= 2)
        self.compare_button.setText("Compare with the map now" if count == 1 else "Compare")

    @Slot()
    def _on_export_clicked(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.export_requested.emit(ids[0])

    @Slot(int, str)
    def _on_sheet_answer_edited(self, number: int, text: str) -> None:
        review = self.opened
        if review is None or self.sheet_view.review_id != review.id:
            return
        kept = self.editor.set_answer(review, number, text)
        if kept is None:
            self.sheet_view.answers[number - 1].keep_pending()
            self.message.setText(
                f"Your answer to question {number} is not saved yet: {self.editor.last_problem}"
            )
            self.message.show()
            return
        self.opened = kept
        self.reviews[kept.id] = kept
        self.message.hide()
