"""ActivityHoursModel: the week's activities as rows: planned hours (editable), logged, progress.

Editing a planned cell states an intent (`PlanEditor.set_hours`): the text
goes to the domain as typed ("6", "2,5", "3h"), so a bad value is refused
with the same message the command line gives, and nothing changes. The
model never changes its own rows: it shows the next report after the save.
A report with the same activities updates the rows in place, so the current
cell and the selection survive a refresh (a keyboard user stays where they
were after pressing Enter).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.plan_check import percent
from rolemap.domain.week_plan import Week
from rolemap.domain.week_report import ActivityLine, WeekReport
from rolemap.plan.hours import hours, logged
from rolemap.plan.progress_delegate import BAR_ROLE

COLUMNS = ("Activity", "Planned", "Logged", "Progress")
TITLE, PLANNED, LOGGED, PROGRESS = range(4)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class ActivityHoursModel(QAbstractTableModel):
    """Rows of `WeekReport.activities`; the planned column is editable."""

    def __init__(self, editor: PlanEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._lines: tuple[ActivityLine, ...] = ()
        self._week: Week | None = None
        self._stored = False

    def show_report(self, report: WeekReport | None) -> None:
        """Show the report's activities (None: nothing)."""
        lines = report.activities if report is not None else ()
        same_rows = [a.activity_id for a in lines] == [a.activity_id for a in self._lines]
        self._week = report.week if report is not None else None
        self._stored = report.stored if report is not None else False
        if same_rows and lines:
            self._lines = lines
            last = self.index(len(lines) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line(self, row: int) -> ActivityLine:
        """The activity shown in `row`."""
        return self._lines[row]

    def row_of(self, activity_id: str) -> int:
        """The row of an activity, -1 if it is not shown."""
        return next((i for i, a in enumerate(self._lines) if a.activity_id == activity_id), -1)

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == PLANNED:
                return "Hours planned this week: type a number (4, 2.5) and press Enter"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == PLANNED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return line.activity_id
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(line, column)
        if role == Qt.ItemDataRole.EditRole and column == PLANNED:
            return hours(line.planned_hours).removesuffix(" h") if line.planned_hours else ""
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE:
            return QColor(line.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tip(line, column, self._stored)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PLANNED, LOGGED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == PLANNED and not self._stored:
            font = QFont()
            font.setItalic(True)  # the usual hours, not yet kept as this week's plan
            return font
        if role == BAR_ROLE and column == PROGRESS:
            if line.planned_hours <= 0 and line.actual_hours <= 0:
                return None
            return (line.actual_hours, line.planned_hours, line.colour)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != PLANNED or self._week is None:
            return False
        line = self._lines[index.row()]
        text = str(value).strip() or "0"
        return self._editor.set_hours(self._week, line.activity_id, text)


def _display(line: ActivityLine, column: int) -> str:
    if column == TITLE:
        return line.title
    if column == PLANNED:
        return hours(line.planned_hours) if line.planned_hours else "—"
    if column == LOGGED:
        return logged(line.actual_hours)
    if line.planned_hours <= 0:
        return f"{logged(line.actual_hours)} unplanned" if line.actual_hours > 0 else ""
    share = percent(line.actual_hours / line.planned_hours)
    return f"{logged(line.actual_hours)} of {hours(line.planned_hours)} ({share})"


def _tip(line: ActivityLine, column: int, stored: bool) -> str:
    if column == TITLE:
        return f"{line.title} · {line.category}"
    if column == PLANNED:
        usual = (
            f"Usually {hours(line.usual_hours)} a week" if line.usual_hours else "No usual hours"
        )
        return usual if stored else f"{usual}: not yet kept as this week’s plan"
    if column == PROGRESS:
        return _display(line, PROGRESS)
    return ""
