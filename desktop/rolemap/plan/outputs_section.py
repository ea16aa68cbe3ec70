"""OutputsSection: the outputs the person intends to deliver this week, and what came.

A table of the intended outputs (how many, by which day, how many were
delivered this week so far) and a row to intend one: choose the output, how
many and by which day, then Intend. Choosing a row of the table fills that
row in, to change it (Change) or drop it (Remove). How many can also be
typed in the table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.kinds import NodeKind
from rolemap.domain.week_plan import MAX_COUNT, Week
from rolemap.domain.week_report import OutputLine, WeekReport
from rolemap.plan.hours import day
from rolemap.plan.lines_model import Column, LinesModel
from rolemap.plan.section import FittedTable, Section, muted

DONE = "#2e8b57"
HINT = "What you mean to hand over this week. Deliveries logged on the Track tab count here."


class OutputsSection(Section):
    """The week's intended outputs, intended against delivered."""

    def __init__(self, editor: PlanEditor, parent: QWidget | None = None) -> None:
        super().__init__("Outputs to deliver", "plan-outputs", HINT, parent)
        self._editor = editor
        self._week: Week | None = None
        columns = (
            Column("Output", lambda o: o.title, tip=_feeders),
            Column(
                "How many",
                lambda o: str(o.intended),
                align_right=True,
                edit_value=lambda o: o.intended,
                edit=self._on_count_edited,
            ),
            Column("By", lambda o: day(o.by_day) if o.by_day else "any day"),
            Column(
                "Delivered",
                lambda o: f"{'✓ ' if o.done else ''}{o.delivered} of {o.intended}",
                align_right=True,
                colour=lambda o: DONE if o.done else None,
            ),
        )
        self.model = LinesModel(columns, lambda o: o.output_id, self)
        self.table = FittedTable("plan-outputs-table", "Outputs intended this week")
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.empty = muted(QLabel("No outputs intended yet: choose one below and press Intend."))
        self.empty.setObjectName("plan-outputs-empty")
        self.empty.setWordWrap(True)

        self.output_box = QComboBox()
        self.output_box.setObjectName("plan-output-choice")
        self.output_box.setAccessibleName("Output to intend")
        self.output_box.setPlaceholderText("The map has no outputs yet")
        self.output_box.setMinimumContentsLength(14)
        self.output_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.count_box = QSpinBox()
        self.count_box.setObjectName("plan-output-count")
        self.count_box.setAccessibleName("How many deliveries")
        self.count_box.setRange(1, MAX_COUNT)
        self.count_box.setPrefix("× ")
        self.day_box = QComboBox()
        self.day_box.setObjectName("plan-output-day")
        self.day_box.setAccessibleName("Deliver by")
        self.intend_button = QPushButton("Intend")
        self.intend_button.setObjectName("plan-output-intend")
        self.intend_button.setAccessibleName("Intend this output")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("plan-output-remove")
        self.remove_button.setAccessibleName("Remove the chosen output from the plan")
        self.remove_button.setEnabled(False)
        first = QHBoxLayout()
        first.addWidget(self.output_box, 1)
        first.addWidget(self.count_box)
        second = QHBoxLayout()
        second.addWidget(QLabel("by"))
        second.addWidget(self.day_box, 1)
        second.addWidget(self.intend_button)
        second.addWidget(self.remove_button)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.body.addLayout(first)
        self.body.addLayout(second)
        self.intend_button.clicked.connect(self.intend_chosen)
        self.remove_button.clicked.connect(self.remove_selected)
        self.output_box.currentIndexChanged.connect(self._on_output_box_changed)

    def show_report(self, report: WeekReport | None) -> None:
        """Show the report's intended outputs and refill the choices."""
        week_changed = report is None or report.week != self._week
        self._week = report.week if report is not None else None
        self.model.show_lines(report.outputs if report is not None else ())
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        chosen = self.output_box.currentData()
        self.output_box.blockSignals(True)
        self.output_box.clear()
        document = self._editor.document
        if document.has_role:
            for node in document.role_map.nodes_of(NodeKind.OUTPUT):
                self.output_box.addItem(node.title, node.id)
        self.output_box.setCurrentIndex(max(0, self.output_box.findData(chosen)))
        self.output_box.blockSignals(False)
        if week_changed:
            picked = self.day_box.currentIndex()
            self.day_box.clear()
            self.day_box.addItem("any day", None)
            if self._week is not None:
                for date in self._week.days:
                    self.day_box.addItem(day(date), date)
            self.day_box.setCurrentIndex(max(0, picked))
        self._on_output_box_changed()
        self.intend_button.setEnabled(self.output_box.count() > 0 and self._week is not None)

    def selected_output(self) -> str | None:
        """The id of the output chosen in the table, if one is."""
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.line(rows[0].row()).output_id) if rows else None

    @Slot()
    def intend_chosen(self) -> None:
        """Intend (or change) the output chosen below the table."""
        output_id = self.output_box.currentData()
        if output_id and self._week is not None:
            self._editor.intend_output(
                self._week, output_id, self.count_box.value(), self.day_box.currentData()
            )

    @Slot()
    def remove_selected(self) -> None:
        """Drop the output chosen in the table from the week's plan."""
        output_id = self.selected_output()
        if output_id and self._week is not None:
            self._editor.unintend_output(self._week, output_id)

    def _on_count_edited(self, line: OutputLine, value: Any) -> bool:
        if self._week is None:
            return False
        return self._editor.intend_output(self._week, line.output_id, str(value), line.by_day)

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        output_id = self.selected_output()
        self.remove_button.setEnabled(output_id is not None)
        if output_id is not None:
            line = self.model.line(self.model.row_of(output_id))
            self.output_box.setCurrentIndex(max(0, self.output_box.findData(output_id)))
            self.count_box.setValue(line.intended)
            self.day_box.setCurrentIndex(max(0, self.day_box.findData(line.by_day)))

    @Slot()
    def _on_output_box_changed(self, *_args: object) -> None:
        intended = self.model.row_of(str(self.output_box.currentData())) >= 0
        self.intend_button.setText("Change" if intended else "Intend")


def _feeders(line: OutputLine) -> str:
    kind = "hands-on" if line.hands_on else "not hands-on"
    if line.feeders:
        return f"{line.title} ({kind}) · fed by {', '.join(line.feeders)}"
    return f"{line.title} ({kind}) · no planned activity feeds it"
