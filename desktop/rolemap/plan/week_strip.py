"""WeekStrip: one line for the top of the Track tab: this week's logged hours against the plan.

"This week: 12.5 h logged of 30 h planned · 1 of 3 deliveries — Open the plan".
It reads this week's report through the PlanEditor when the document says
something changed (once per turn of the event loop, and only while shown),
and asks for the Plan tab through `open_plan_requested`: the window, which
knows the tabs, shows it. Logging stays the Track tab's business.

Signals:
    open_plan_requested(): the person wants to see or change the week's plan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.week_report import WeekReport
from rolemap.plan.hours import hours, logged


class WeekStrip(QWidget):
    """This week's plan in one line, with a button to open the Plan tab."""

    open_plan_requested = Signal()

    def __init__(self, editor: PlanEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("week-strip")
        self.editor = editor
        self.label = QLabel()
        self.label.setObjectName("week-strip-label")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton("Open the plan")
        self.button.setObjectName("week-strip-open")
        self.button.setAccessibleName("Open this week's plan")
        self.button.setFlat(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.open_plan_requested)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)
        self._dirty = True
        document = editor.document
        for signal in (
            document.records_changed,
            document.plan_changed,
            document.role_switched,
            document.role_changed,
            document.node_added,
            document.node_changed,
            document.node_removed,
        ):
            signal.connect(self._on_document_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read this week's figures and show them."""
        self._pending.stop()
        self._dirty = False
        has_role = self.editor.document.has_role
        report = self.editor.report(self.editor.this_week()) if has_role else None
        self.label.setText(strip_text(report))
        self.label.setAccessibleName(self.label.text().replace("<b>", "").replace("</b>", ""))

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        self._dirty = True
        if self.isVisible():
            self._pending.start()


def strip_text(report: WeekReport | None) -> str:
    """The strip's words for a report of this week."""
    if report is None:
        return ""
    planned = report.planned_hours
    text = f"This week: <b>{logged(report.actual_hours)}</b> logged of {hours(planned)} planned"
    if not report.stored:
        text += " (usual hours)"
    if report.outputs:
        delivered = sum(min(o.delivered, o.intended) for o in report.outputs)
        text += f" · {delivered} of {sum(o.intended for o in report.outputs)} deliveries"
    return text
