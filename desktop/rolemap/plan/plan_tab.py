"""PlanTab: the week's plan ("This week") and the quarter's checklist, as two pages.

Monday's planning is its own act, so it has its own tab, after the Map. The
tab follows the document: a logged entry, a delivery, a check-in, a plan
edit, a map or role edit, or a role switch schedule one refresh of the page
on show (several signals in one step make one refresh, on the next turn of
the event loop); a hidden page refreshes when it is next shown. A refresh
reads the week through the services the command line uses (a few
milliseconds, over a million entries: tests/benchmarks/bench_plan.py), so it
runs on the GUI thread. While the tab is shown, it also refreshes each
minute, for a running timer.

Every edit is an intent on the PlanEditor: one undo step each, on the
window's undo stack.

Signals:
    nodes_requested(list): show these nodes on the map (a finding was clicked).
    refreshed(): the page on show shows the latest figures.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rolemap.document.document import RoleDocument
from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.week_report import WeekReport
from rolemap.plan.checklist_panel import ChecklistPanel
from rolemap.plan.week_panel import WeekPanel
from rolemap.plan.week_printer import WeekPrinter

TICK_MS = 60_000


class PlanTab(QWidget):
    """The Plan tab of the main window."""

    nodes_requested = Signal(list)
    refreshed = Signal()

    def __init__(
        self,
        document: RoleDocument,
        editor: PlanEditor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("plan-tab")
        self.document = document
        self.editor = editor or PlanEditor(document)
        self.week = WeekPanel(self.editor)
        self.checklist = ChecklistPanel(self.editor)
        self.printer = WeekPrinter(self)
        self.pages = QTabWidget()
        self.pages.setObjectName("plan-pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.week, "This week")
        self.pages.addTab(self.checklist, "Quarter checklist")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._dirty = {self.week: True, self.checklist: True}
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_document_changed)

        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self.week.week_chosen.connect(self._on_week_chosen)
        self.week.print_requested.connect(self.print_week)
        self.week.save_requested.connect(self.save_week)
        self.week.findings.nodes_requested.connect(self.nodes_requested)
        self.checklist.nodes_requested.connect(self.nodes_requested)
        document.edit_refused.connect(self._on_document_edit_refused)
        document.plan_changed.connect(self._on_document_plan_changed)
        for signal in (
            document.records_changed,
            document.role_changed,
            document.role_switched,
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_changed,
            document.link_removed,
        ):
            signal.connect(self._on_document_changed)

    # -- refreshing ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ticker.start()
        if self._dirty[self.pages.currentWidget()]:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        super().hideEvent(event)

    @Slot()
    def refresh(self) -> None:
        """Read the page on show again now (the other page when it is next shown)."""
        self._pending.stop()
        page = self.pages.currentWidget()
        self._dirty[page] = False
        has_role = self.document.has_role
        if page is self.week:
            self.week.show_report(self.editor.report(self.week.week) if has_role else None)
        else:
            self.checklist.refresh()
        self.refreshed.emit()

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        for page in self._dirty:
            self._dirty[page] = True
        if self.isVisible():
            self._pending.start()

    @Slot(str)
    def _on_document_plan_changed(self, _name: str) -> None:
        self.week.show_message("")
        self._on_document_changed()

    @Slot(str)
    def _on_document_edit_refused(self, message: str) -> None:
        if self.isVisible():
            self.week.show_message(message)

    @Slot(int)
    def _on_pages_current_changed(self, _index: int) -> None:
        if self._dirty[self.pages.currentWidget()]:
            self.refresh()

    @Slot()
    def _on_week_chosen(self) -> None:
        self.refresh()

    # -- what the window's actions call --------------------------------------------------

    def print_week(self) -> None:
        """File → Print week…: the shown week on one page, through the print dialog."""
        report = self._current_report()
        if report is not None:
            self.printer.print_report(report)

    def save_week(self) -> None:
        """File → Save week as…: the shown week's page as a PDF or PNG."""
        report = self._current_report()
        if report is not None:
            self.printer.save_report(report)

    def _current_report(self) -> WeekReport | None:
        if not self.document.has_role:
            return None
        if self._dirty[self.week] or self.week.report is None:
            return self.editor.report(self.week.week)
        return self.week.report
