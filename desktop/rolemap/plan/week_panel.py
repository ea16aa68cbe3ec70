"""WeekPanel: the "This week" page of the Plan tab.

At the top, the week chooser and the print buttons; under them the week in
one line (planned against capacity, logged so far, deliveries and check-ins)
with Copy and Reset. The sections scroll below: activities with the balance
on the left, outputs, outcomes in focus and the plan check on the right, or
all in one column when the page is narrow.

The panel shows reports; PlanTab decides when to read one.

Signals:
    week_chosen(): the person chose another week (read `week`).
    print_requested(), save_requested(): File → Print week… and Save week as….
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.week_plan import Week
from rolemap.domain.week_report import WeekReport
from rolemap.plan.activity_section import ActivitySection
from rolemap.plan.findings_list import FindingsList
from rolemap.plan.focus_section import FocusSection
from rolemap.plan.hours import day, hours, logged
from rolemap.plan.outputs_section import OutputsSection
from rolemap.plan.period_chooser import PeriodChooser
from rolemap.plan.section import Section, muted

TWO_COLUMNS_FROM = 960  # px of page width; below it the sections stack in one column
PREFILL = (
    "No plan kept for this week yet: these are each activity’s usual hours. "
    "Your first change keeps them, changed, as this week’s plan."
)


class WeekPanel(QWidget):
    """The week's plan and how the week goes."""

    week_chosen = Signal()
    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, editor: PlanEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan-week")
        self.editor = editor
        self.week = editor.this_week()
        self.report: WeekReport | None = None
        self.chooser = PeriodChooser("week", "plan-week")
        self.print_button = _button("Print…", "plan-print", "Print the week on one page")
        self.save_button = _button("Save as…", "plan-save", "Save the week’s page as PDF or PNG")
        self.copy_button = _button("Copy last plan", "plan-copy", "Copy the latest earlier plan")
        self.reset_button = _button(
            "Reset to usual hours", "plan-reset", "Forget this week’s plan: usual hours again"
        )
        self.summary = QLabel()
        self.summary.setObjectName("plan-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.notice = muted(QLabel(PREFILL))
        self.notice.setObjectName("plan-prefill-notice")
        self.notice.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("plan-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b35c00;")
        self.message.hide()

        self.activities = ActivitySection(editor)
        self.outputs = OutputsSection(editor)
        self.focus = FocusSection(editor)
        self.findings = FindingsList()
        self.check = Section(
            "Plan check", "plan-check", "What in this plan leads nowhere. Click one to see it."
        )
        self.check.body.addWidget(self.findings)

        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        second = QHBoxLayout()
        second.addWidget(self.summary, 1)
        second.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        second.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        body.setObjectName("plan-week-body")
        self.columns = QHBoxLayout(body)
        self.columns.setContentsMargins(0, 0, 4, 8)
        self.columns.setSpacing(10)
        self.left = QVBoxLayout()
        self.right = QVBoxLayout()
        for column in (self.left, self.right):
            column.setSpacing(10)
            column.addStretch(1)  # sections at the top; the stretch stays last
            self.columns.addLayout(column)
        self.body = body
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("plan-week-scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll_area, 1)
        self._columns = 0
        self._arrange(1)

        self.chooser.step_requested.connect(self._on_chooser_step_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.copy_button.clicked.connect(self.copy_latest)
        self.reset_button.clicked.connect(self.reset)

    # -- showing -----------------------------------------------------------------------

    def show_report(self, report: WeekReport | None) -> None:
        """Show a report of `week` (None: no role)."""
        self.report = report
        this = self.editor.this_week()
        self.chooser.show_period(
            self.week.name,
            _dates(self.week),
            is_current=self.week == this,
            first=_edge(self.week, -1),
            last=_edge(self.week, 1),
        )
        for section in (self.activities, self.outputs, self.focus):
            section.show_report(report)
        self.findings.show_findings(report.findings if report is not None else ())
        self.summary.setText(_summary(report, this) if report is not None else "")
        self.notice.setVisible(report is not None and not report.stored)
        stored = report is not None and report.stored
        self.reset_button.setEnabled(stored)
        source = self.editor.latest_plan_week(self.week) if report is not None else None
        self.copy_button.setEnabled(source is not None)
        self.copy_button.setText(
            f"Copy plan of week {source.number}" if source is not None else "Copy last plan"
        )
        self.copy_button.setToolTip(
            f"Copy the plan of {source.label} into this week (intended days move along)"
            if source is not None
            else "No earlier week has a plan to copy"
        )
        for button in (self.print_button, self.save_button):
            button.setEnabled(report is not None)

    def show_message(self, text: str) -> None:
        """Say why an edit was refused ("" clears it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def choose_week(self, week: Week) -> None:
        """Show `week` (the tab reads its report)."""
        if week != self.week:
            self.week = week
            self.show_message("")
            self.week_chosen.emit()

    # -- intents --------------------------------------------------------------------------

    @Slot()
    def copy_latest(self) -> None:
        """Copy the latest earlier plan into the week (asking first if it has its own)."""
        replace = self.report is not None and self.report.stored
        if replace:
            answer = QMessageBox.question(
                self,
                "Copy last plan",
                f"{self.week.label[:1].upper()}{self.week.label[1:]} has a plan of its own. "
                "Replace it with the copy? (Undo brings it back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.editor.copy_latest_plan(self.week, replace=replace)

    @Slot()
    def reset(self) -> None:
        """Forget the week's plan: it shows the usual hours again (undoable)."""
        self.editor.reset_plan(self.week)

    @Slot(int)
    def _on_chooser_step_requested(self, step: int) -> None:
        week = self.editor.this_week() if step == 0 else self.week.shifted(step)
        if not _edge(week, 0):
            self.choose_week(week)

    # -- layout ---------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)

    def _arrange(self, columns: int) -> None:
        """Place the sections in one column or two (activities left, the rest right)."""
        if columns == self._columns:
            return
        self._columns = columns
        right = [self.outputs, self.focus, self.check]
        for widget in (self.activities, *right):
            self.left.removeWidget(widget)
            self.right.removeWidget(widget)
        self.left.insertWidget(0, self.activities)
        column = self.left if columns == 1 else self.right
        for index, widget in enumerate(right):
            column.insertWidget(index + (1 if columns == 1 else 0), widget)
        self.columns.setStretch(0, 3 if columns == 2 else 1)
        self.columns.setStretch(1, 2 if columns == 2 else 0)


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(tip)
    button.setToolTip(tip)
    return button


def _edge(week: Week, step: int) -> bool:
    """Whether the week `step` away is outside the range Rolemap keeps."""
    try:
        Week.named(week.shifted(step).name)
    except (InvalidValueError, ValueError, OverflowError):
        return True
    return False


def _dates(week: Week) -> str:
    return f"{day(week.monday)} – {day(week.sunday)} {week.sunday.year}"


def _summary(report: WeekReport, this: Week) -> str:
    planned, capacity = report.planned_hours, report.capacity
    parts = [f"<b>{hours(planned)}</b> planned of {hours(capacity)}"]
    if report.week > this:
        parts.append("nothing logged yet")
    else:
        parts.append(f"<b>{logged(report.actual_hours)}</b> logged")
    if report.outputs:
        delivered = sum(min(o.delivered, o.intended) for o in report.outputs)
        intended = sum(o.intended for o in report.outputs)
        parts.append(f"<b>{delivered}</b> of {intended} deliveries")
    if report.focus:
        done = sum(1 for f in report.focus if not f.checkin_due)
        parts.append(f"<b>{done}</b> of {len(report.focus)} check-ins")
    return " · ".join(parts)
