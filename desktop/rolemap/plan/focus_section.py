"""FocusSection: the outcomes this week's work should move, and the check-in due for each.

An outcome in focus with no check-in this week has one due; the table says
so until a check-in is logged (on the Track tab), and shows the latest value
and the planned hours that reach the outcome through the map's links.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.describe import number
from rolemap.domain.kinds import NodeKind
from rolemap.domain.week_plan import Week
from rolemap.domain.week_report import FocusLine, WeekReport
from rolemap.plan.hours import day, hours
from rolemap.plan.lines_model import Column, LinesModel
from rolemap.plan.section import FittedTable, Section, muted

DUE = "#b35c00"
DONE = "#2e8b57"
HINT = "The outcomes this week’s work should move. Each needs a check-in this week."


class FocusSection(Section):
    """Outcomes in focus: check-in due or done, latest value, planned hours reaching them."""

    def __init__(self, editor: PlanEditor, parent: QWidget | None = None) -> None:
        super().__init__("Outcomes in focus", "plan-focus", HINT, parent)
        self._editor = editor
        self._week: Week | None = None
        columns = (
            Column("Outcome", lambda f: f.title, tip=lambda f: f.title),
            Column(
                "Check-in",
                _checkin,
                colour=lambda f: DUE if f.checkin_due else DONE,
                tip=lambda f: "Log a check-in on the Track tab" if f.checkin_due else "",
            ),
            Column("Latest", _latest),
            Column(
                "Planned h",
                lambda f: hours(f.planned_hours) if f.planned_hours else "—",
                tip=lambda f: "Planned hours that reach this outcome through the map's links",
                align_right=True,
            ),
        )
        self.model = LinesModel(columns, lambda f: f.outcome_id, self)
        self.table = FittedTable("plan-focus-table", "Outcomes in focus this week")
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.empty = muted(QLabel("No outcome in focus yet: choose one below."))
        self.empty.setObjectName("plan-focus-empty")
        self.empty.setWordWrap(True)
        self.outcome_box = QComboBox()
        self.outcome_box.setObjectName("plan-focus-choice")
        self.outcome_box.setAccessibleName("Outcome to focus on")
        self.outcome_box.setPlaceholderText("No other outcome on the map")
        self.outcome_box.setMinimumContentsLength(14)
        self.outcome_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.focus_button = QPushButton("Focus")
        self.focus_button.setObjectName("plan-focus-add")
        self.focus_button.setAccessibleName("Put this outcome in focus")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("plan-focus-remove")
        self.remove_button.setAccessibleName("Take the chosen outcome out of focus")
        self.remove_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.outcome_box, 1)
        row.addWidget(self.focus_button)
        row.addWidget(self.remove_button)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.body.addLayout(row)
        self.focus_button.clicked.connect(self.focus_chosen)
        self.remove_button.clicked.connect(self.remove_selected)

    def show_report(self, report: WeekReport | None) -> None:
        """Show the report's outcomes in focus; offer the others."""
        self._week = report.week if report is not None else None
        self.model.show_lines(report.focus if report is not None else ())
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        chosen = self.outcome_box.currentData()
        self.outcome_box.clear()
        document = self._editor.document
        in_focus = set(report.plan.focus) if report is not None else set()
        if document.has_role:
            for node in document.role_map.nodes_of(NodeKind.OUTCOME):
                if node.id not in in_focus:
                    self.outcome_box.addItem(node.title, node.id)
        self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(chosen)))
        self.focus_button.setEnabled(self.outcome_box.count() > 0 and self._week is not None)

    def selected_outcome(self) -> str | None:
        """The id of the outcome chosen in the table, if one is."""
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.line(rows[0].row()).outcome_id) if rows else None

    @Slot()
    def focus_chosen(self) -> None:
        """Put the outcome chosen below the table in focus."""
        outcome_id = self.outcome_box.currentData()
        if outcome_id and self._week is not None:
            self._editor.focus_outcome(self._week, outcome_id)

    @Slot()
    def remove_selected(self) -> None:
        """Take the outcome chosen in the table out of focus."""
        outcome_id = self.selected_outcome()
        if outcome_id and self._week is not None:
            self._editor.unfocus_outcome(self._week, outcome_id)

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.selected_outcome() is not None)


def _checkin(line: FocusLine) -> str:
    if line.checkin_due:
        return "due"
    return f"✓ {line.checkins} this week"


def _latest(line: FocusLine) -> str:
    if line.latest is None:
        return "none yet"
    unit = f" {line.unit}" if line.unit and line.unit != "%" else line.unit
    target = f" → {number(line.target)}" if line.target is not None else ""
    try:
        when = day(dt.date.fromisoformat(line.latest.date))
    except ValueError:
        when = line.latest.date
    return f"{number(line.latest.value)}{unit}{target} ({when})"
