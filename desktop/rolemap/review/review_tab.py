"""ReviewTab: the framework's fourth step: the review in progress, and the history of reviews.

Two pages: "Current review" (`CurrentPage`: the period, the four questions
with their evidence and answers, the actions, Finish) and "History"
(`HistoryPage`: past reviews to open, export and compare). The tab is cheap
to build; it reads the reviews when first shown. It follows the document: a
logged entry, a map edit or a role edit mark the evidence stale and, while
the tab is on show, read it again after a short pause; a role switch hands
on what was typed and shows the other role's reviews. `ReviewNudge` says
when a review is due, from the window's start on.

Answers are saved as typed (after a pause, on leaving the box, and when the
tab hides or the window closes: `flush`). Review edits are not steps of
Edit → Undo: the undo stack is the map's and the records' history, per
role, and a Ctrl+Z on the map that silently took back an action or an answer
in another tab would surprise; the services keep each review edit as one
transaction of its own. Typing has the box's own undo; a tick or a drop is
taken back where it was made (Reopen); finishing asks first, since it is
history and cannot be taken back.

Signals:
    compare_requested(str): show the map now against this review's snapshot (its id).
    status_message(str): something for the window's status bar.
    refreshed(): the page on show shows the latest figures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import SIGNAL, QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rolemap.document.document import RoleDocument
from rolemap.domain.review import Review
from rolemap.review.review_editor import ReviewEditor
from rolemap.review.review_export import ReviewExporter
from rolemap.review.review_nudge import ReviewNudge
from rolemap.services.review_session import Clock

if TYPE_CHECKING:  # imported when the tab is first shown (see `build`)
    from rolemap.review.current_page import CurrentPage
    from rolemap.review.history_page import HistoryPage

REFRESH_DELAY_MS = 300  # a burst of edits (an import, a paste) is read once


class ReviewTab(QWidget):
    """The Review tab of the main window; see the module docstring."""

    compare_requested = Signal(str)
    status_message = Signal(str)
    refreshed = Signal()

    def __init__(
        self,
        document: RoleDocument,
        clock: Callable[[], Clock] = Clock.current,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review-tab")
        self.document = document
        self.editor = ReviewEditor(document, clock, self)
        self.nudge = ReviewNudge(self.editor, settings, self)
        self.exporter = ReviewExporter(self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("review-pages")
        self.pages.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        # The pages are built when the tab is first shown: ~150 ms of widgets that the
        # window's start does not need (the nudge above is all it needs).
        self.current: CurrentPage
        self.history: HistoryPage
        self.built = False
        self._stale: dict[QWidget, bool] = {}
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(REFRESH_DELAY_MS)
        self._pending.timeout.connect(self.refresh)
        document.role_switched.connect(self._on_document_role_switched)
        document.roles_changed.connect(self._on_document_role_switched)
        for signal in (
            document.records_changed,
            document.role_changed,
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_changed,
            document.link_removed,
        ):
            signal.connect(self._on_document_changed)

    def build(self) -> None:
        """Build the two pages (once; showing the tab does it)."""
        if self.built:
            return
        from rolemap.review.current_page import CurrentPage
        from rolemap.review.history_page import HistoryPage

        self.built = True
        self.current = CurrentPage(self.editor)
        self.history = HistoryPage(self.editor)
        self.history.compare.map_can_compare = self._map_can_compare
        self._stale = {self.current: True, self.history: True}
        self.pages.addTab(self.current, "Current review")
        self.pages.addTab(self.history, "History")
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self.current.status_message.connect(self.status_message)
        self.current.export_requested.connect(self._on_current_export_requested)
        self.current.finished.connect(self._on_current_finished)
        self.history.compare_requested.connect(self.compare_requested)
        self.history.export_requested.connect(self._on_history_export_requested)

    # -- refreshing -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)
        if self._stale[self.pages.currentWidget()]:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # leaving the tab, or the window closing: nothing typed waits
        super().hideEvent(event)

    @Slot()
    def refresh(self) -> None:
        """Read the page on show again now (the other one when it is next shown)."""
        self._pending.stop()
        self.build()
        page = self.current if self.pages.currentWidget() is self.current else self.history
        self._stale[page] = False
        page.refresh()
        self.refreshed.emit()

    def flush(self) -> None:
        """Save every answer typed and not yet saved, on both pages."""
        if not self.built:
            return
        self.current.flush()
        self.history.flush()

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        for page in self._stale:
            self._stale[page] = True
        if self.isVisible():
            self._pending.start()

    @Slot()
    def _on_document_role_switched(self, *_args: object) -> None:
        if self.built:
            self.flush()  # what was typed belongs to the review it was typed in
            self.history.close_opened()
        self._on_document_changed()

    @Slot(int)
    def _on_pages_current_changed(self, _index: int) -> None:
        if self._stale[self.pages.currentWidget()]:
            self.refresh()

    @Slot(str)
    def _on_current_finished(self, _review_id: str) -> None:
        self._stale[self.history] = True

    # -- exporting ----------------------------------------------------------------------

    def export_review(self) -> None:
        """File → Export review…: the review on show (in progress, or opened in the history),
        else the latest finished one."""
        self.flush()
        review: Review | None = None
        if self.built and self.pages.currentWidget() is self.history and self.history.opened:
            review = self.history.opened
        else:
            history = self.editor.history()
            review = history.in_progress or next(iter(history.finished), None)
        if review is None:
            self.status_message.emit("There is no review to export yet: start one first.")
            return
        self._export(review)

    def _export(self, review: Review) -> None:
        sheet = self.editor.sheet(review)
        if sheet is None:
            self.status_message.emit(self.editor.last_problem)
            return
        path = self.exporter.export(sheet)
        if path is not None:
            notes = " ".join(self.exporter.notes)
            self.status_message.emit(
                f"Exported the review of {sheet.span} to {path}. {notes}".strip()
            )

    @Slot()
    def _on_current_export_requested(self) -> None:
        self.flush()
        if self.current.review is not None:
            self._export(self.current.review)

    @Slot(str)
    def _on_history_export_requested(self, review_id: str) -> None:
        self.flush()
        review = self.history.reviews.get(review_id)
        if review is not None:
            self._export(review)

    def _map_can_compare(self) -> bool:
        return self.receivers(SIGNAL("compare_requested(QString)")) > 0
