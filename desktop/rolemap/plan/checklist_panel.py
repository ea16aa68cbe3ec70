"""ChecklistPanel: the quarter's checklist: automatic items ticked from the data, the rest by hand.

Automatic items show the data's verdict (✓, ✗, or – when there is nothing to
judge yet) and why; they cannot be ticked here. The two generated hand items
and the person's own items tick with a click or Space; own items are added
below and removed with their Remove button. Every change is an undo step
(PlanEditor). An automatic item that names nodes has a Show button.

Signals:
    nodes_requested(list): the ids of the nodes an item is about.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.checklist_items import Checklist
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.quarter import Quarter
from rolemap.plan.checklist_rows import ChecklistRows
from rolemap.plan.hours import day
from rolemap.plan.period_chooser import PeriodChooser
from rolemap.plan.section import muted


class ChecklistPanel(QWidget):
    """The checklist of one quarter, with a chooser for the quarter."""

    nodes_requested = Signal(list)

    def __init__(self, editor: PlanEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan-checklist")
        self.editor = editor
        self.quarter = editor.this_quarter()
        self.checklist: Checklist | None = None
        self.chooser = PeriodChooser("quarter", "plan-quarter")
        self.summary = muted(QLabel())
        self.summary.setObjectName("plan-checklist-summary")
        self.summary.setWordWrap(True)
        self.rows = ChecklistRows()
        scroll = QScrollArea()
        scroll.setObjectName("plan-checklist-scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        self.new_item = QLineEdit()
        self.new_item.setObjectName("plan-checklist-new")
        self.new_item.setAccessibleName("New item of your own")
        self.new_item.setPlaceholderText("An item of your own, e.g. “Asked a peer for feedback”")
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("plan-checklist-add")
        self.add_button.setAccessibleName("Add the item to the checklist")
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_item, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.chooser)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        self.chooser.step_requested.connect(self._on_chooser_step_requested)
        self.rows.tick_requested.connect(self._on_rows_tick_requested)
        self.rows.remove_requested.connect(self._on_rows_remove_requested)
        self.rows.nodes_requested.connect(self.nodes_requested)
        self.add_button.clicked.connect(self.add_own)
        self.new_item.returnPressed.connect(self.add_own)

    def refresh(self) -> None:
        """Read the quarter's checklist again and show it."""
        has_role = self.editor.document.has_role
        self.show_checklist(self.editor.checklist(self.quarter) if has_role else None)

    def show_checklist(self, checklist: Checklist | None) -> None:
        """Show `checklist` (None: no role)."""
        self.checklist = checklist
        self.chooser.show_period(
            self.quarter.name,
            self.quarter.label.split(" ", 2)[-1].strip("()"),
            is_current=self.quarter == self.editor.this_quarter(),
            first=_edge(self.quarter, -1),
            last=_edge(self.quarter, 1),
        )
        self.rows.show_checklist(checklist)
        self.summary.setText(_summary(checklist))

    @Slot()
    def add_own(self) -> None:
        """Add the typed item to the quarter's checklist."""
        if self.editor.add_item(self.quarter, self.new_item.text()) is not None:
            self.new_item.clear()

    @Slot(str, bool)
    def _on_rows_tick_requested(self, ref: str, ticked: bool) -> None:
        if not self.editor.tick_item(self.quarter, ref, ticked):
            self.refresh()  # refused: show the item as it is

    @Slot(str)
    def _on_rows_remove_requested(self, ref: str) -> None:
        self.editor.remove_item(self.quarter, ref)

    @Slot(int)
    def _on_chooser_step_requested(self, step: int) -> None:
        quarter = self.editor.this_quarter() if step == 0 else self.quarter.shifted(step)
        if not _edge(quarter, 0):
            self.quarter = quarter
            self.refresh()


def _edge(quarter: Quarter, step: int) -> bool:
    """Whether the quarter `step` away from `quarter` is outside the range Rolemap keeps."""
    try:
        Quarter.named(quarter.shifted(step).name)
    except InvalidValueError:
        return True
    return False


def _summary(checklist: Checklist | None) -> str:
    if checklist is None:
        return "Create or choose a role to see its checklist."
    text = f"{checklist.ticked_count} of {len(checklist.items)} ticked."
    if checklist.frozen_on is not None:
        return f"{text} The automatic results were kept on {day(checklist.frozen_on)}."
    kept = checklist.quarter.freeze_day
    return (
        f"{text} The data decides the first items until {day(kept)} {kept.year}, "
        "when their results are kept for good; tick the others by hand."
    )
