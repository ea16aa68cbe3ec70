"""ActivitySection: planned hours per activity, logged hours beside them, and the total.

The planned cell is edited in place: type a number (4, 2.5, 3h) and press
Enter; 0 or an empty cell plans none. The total is read against the role's
weekly capacity. Below the table, the planned share per category against
the role's ideal allocation (BalanceBars).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.week_report import WeekReport
from rolemap.plan.activity_model import PLANNED, PROGRESS, ActivityHoursModel
from rolemap.plan.balance_bars import OFF, BalanceBars
from rolemap.plan.hours import hours, logged
from rolemap.plan.progress_delegate import ProgressDelegate
from rolemap.plan.section import FittedTable, Section, muted

HINT = "Hours you mean to spend on each activity this week. Type a number and press Enter."


class ActivitySection(Section):
    """The activities table and the week's total against capacity."""

    def __init__(self, editor: PlanEditor, parent: QWidget | None = None) -> None:
        super().__init__("Activities", "plan-activities", HINT, parent)
        self.model = ActivityHoursModel(editor, self)
        self.table = FittedTable("plan-activities-table", "Planned and logged hours per activity")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.total = QLabel()
        self.total.setObjectName("plan-total")
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.total.setWordWrap(True)
        self.empty = muted(QLabel("The map has no activities yet: add some on the Map tab."))
        self.empty.setObjectName("plan-activities-empty")
        self.balance = BalanceBars()
        balance_heading = QLabel(
            "<b>Balance</b> · planned share per category; the mark is the ideal"
        )
        balance_heading.setTextFormat(Qt.TextFormat.RichText)
        balance_heading.setWordWrap(True)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.total)
        self.body.addSpacing(6)
        self.body.addWidget(balance_heading)
        self.body.addWidget(self.balance)

    def show_report(self, report: WeekReport | None) -> None:
        """Show the report's activities, total and balance."""
        first = self.model.rowCount() == 0
        self.model.show_report(report)
        rows = self.model.rowCount()
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        if first and rows:
            # The keyboard starts on the first planned cell, without selecting it.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, PLANNED), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.balance.set_lines(report.categories if report is not None else ())
        self.total.setText(_total(report) if report is not None else "")

    def edit_planned(self, activity_id: str) -> None:
        """Put the keyboard in an activity's planned cell and start editing it."""
        row = self.model.row_of(activity_id)
        if row >= 0:
            index = self.model.index(row, PLANNED)
            self.table.setCurrentIndex(index)
            self.table.setFocus()
            self.table.edit(index)


def _total(report: WeekReport) -> str:
    planned, capacity = report.planned_hours, report.capacity
    text = f"<b>Total: {hours(planned)} planned</b> of {hours(capacity)} a week"
    if capacity > 0 and planned > capacity + 0.005:
        over = hours(planned - capacity)
        text += f" · <span style='color:{OFF}'><b>{over} over capacity</b></span>"
    elif capacity > 0:
        text += f" · {hours(capacity - planned)} free"
    return f"{text} · {logged(report.actual_hours)} logged"
