"""The second page of File → Import time…: what would be imported, what would not and why.

A summary on top, then four tabs: the names no rule maps (each with its
hours, to assign to an activity, to a new one, or to leave out, and to keep as
a rule), the time per activity, what is left out and why, and the overlaps
with time already in Rolemap (skip the imported entry, or keep both). The
names' table has a model of its own (`ui/time_names_model.py`): the names
come from the first plan of the file and stay put while the person assigns;
the summary and the other tabs follow each new plan.

Signals:
    choices_changed(): an assignment or the overlap choice changed (plan again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.time_rules import UnmatchedName
from rolemap.services.time_preview import ImportPlan, OverlapChoice
from rolemap.ui.time_import_worker import Preview
from rolemap.ui.time_names_model import (
    ENTRIES,
    FOUND_IN,
    GOES_TO,
    HOURS,
    KEEP,
    LEAVE_OUT,
    NAME,
    NEW,
    RIGHT,
    Assignment,
    NamesModel,
    TargetDelegate,
    capitalised,
    hours_text,
    new_title,
)

NOT_CHOSEN = "No activity chosen (see Names to assign)"
# Up to this many names each shows its list of activities open in its row (a widget a
# row); beyond, a list opens on double-click, F2 or typing, so that 5,000 names stay quick.
SHOWN_LISTS = 200


class TimePreviewView(QWidget):
    """The preview of one import (see the module docstring)."""

    choices_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("time-preview")

        self.summary = QLabel()
        self.summary.setObjectName("time-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        self.names_model = NamesModel(self)
        self.names_view = QTableView()
        self.names_view.setObjectName("time-names")
        self.names_view.setAccessibleName("Names no rule maps, with their hours")
        self.names_view.setModel(self.names_model)
        self.names_view.setItemDelegateForColumn(GOES_TO, TargetDelegate(self.names_model, self))
        self.names_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.names_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.names_view.verticalHeader().setVisible(False)
        self.names_view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.names_view.setWordWrap(False)
        header = self.names_view.horizontalHeader()
        header.setAccessibleName("Columns of the names")
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (FOUND_IN, ENTRIES, HOURS, KEEP):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GOES_TO, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(GOES_TO, 220)
        self.names_model.targets_changed.connect(self.choices_changed)

        self.bulk_box = QComboBox()
        self.bulk_box.setObjectName("time-bulk-target")
        self.bulk_box.setAccessibleName("Activity for the selected names")
        self.bulk_button = QPushButton("&Assign to selected")
        self.bulk_button.setObjectName("time-bulk-assign")
        self.bulk_button.clicked.connect(self._on_bulk_button_clicked)
        self.names_hint = QLabel(
            "No rule or activity title takes these names. Choose where each one's time goes, "
            "and tick “Keep as rule” to have it mapped by itself next time."
        )
        self.names_hint.setWordWrap(True)
        self.names_hint.setObjectName("time-names-hint")
        bulk = QHBoxLayout()
        bulk_label = QLabel("Selected &names go to")
        bulk_label.setBuddy(self.bulk_box)
        bulk.addWidget(bulk_label)
        bulk.addWidget(self.bulk_box, 1)
        bulk.addWidget(self.bulk_button)
        names_page = QWidget()
        names_layout = QVBoxLayout(names_page)
        names_layout.addWidget(self.names_hint)
        names_layout.addWidget(self.names_view, 1)
        names_layout.addLayout(bulk)

        self.mapped_table = _table(
            "time-mapped", "Time per activity", ("Activity", "Entries", "Hours")
        )
        self.skipped_table = _table(
            "time-left-out", "Left out, and why", ("Reason", "Entries", "Hours")
        )

        self.skip_button = QRadioButton("&Skip the imported entry (keep what Rolemap has)")
        self.skip_button.setObjectName("time-overlap-skip")
        self.keep_button = QRadioButton("&Keep both")
        self.keep_button.setObjectName("time-overlap-keep")
        self.skip_button.setChecked(True)
        self.overlap_group = QButtonGroup(self)
        self.overlap_group.addButton(self.skip_button)
        self.overlap_group.addButton(self.keep_button)
        self.overlap_group.buttonToggled.connect(self._on_overlap_group_button_toggled)
        self.overlap_label = QLabel()
        self.overlap_label.setObjectName("time-overlap-count")
        self.overlap_label.setWordWrap(True)
        self.overlap_table = _table(
            "time-overlaps",
            "Imported entries that overlap time in Rolemap",
            ("Imported", "When", "Goes to", "Overlaps in Rolemap"),
        )
        overlap_page = QWidget()
        overlap_layout = QVBoxLayout(overlap_page)
        overlap_layout.addWidget(self.overlap_label)
        overlap_layout.addWidget(self.skip_button)
        overlap_layout.addWidget(self.keep_button)
        overlap_layout.addWidget(self.overlap_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("time-preview-tabs")
        self.tabs.setAccessibleName("Parts of the preview")
        self.tabs.addTab(names_page, "")
        self.tabs.addTab(self.mapped_table, "")
        self.tabs.addTab(self.skipped_table, "")
        self.tabs.addTab(overlap_page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    # -- what the person chose --------------------------------------------------------------

    def overlap_choice(self) -> OverlapChoice:
        """Skip or keep the imported entries that overlap stored time."""
        return OverlapChoice.KEEP if self.keep_button.isChecked() else OverlapChoice.SKIP

    def assignments(self) -> list[Assignment]:
        """Every name sent somewhere, in the table's order."""
        return self.names_model.assignments()

    def assigned_pairs(self) -> tuple[tuple[str, str], ...]:
        """(name, activity id) of every assignment, as `name_rules` takes them."""
        return tuple((a.name.name, a.activity_id) for a in self.assignments())

    # -- showing -----------------------------------------------------------------------

    def show_names(self, names: Sequence[UnmatchedName], activities: list[tuple[str, str]]) -> None:
        """List `names` to assign; assignments of names listed before are kept."""
        model = self.names_model
        model.set_names(names, activities)
        if len(model.names) <= SHOWN_LISTS:  # the lists in sight say the cells are choices
            for row, name in enumerate(model.names):
                if name.name:
                    self.names_view.openPersistentEditor(model.index(row, GOES_TO))
        self.bulk_box.clear()
        self.bulk_box.addItem(LEAVE_OUT, "")
        for activity_id, title in model.activities:
            self.bulk_box.addItem(title, activity_id)
        self.bulk_box.addItem("A new activity for each name", NEW)

    def show_plan(self, preview: Preview, tz: dt.tzinfo) -> None:
        """Show the summary, the activities, what is left out and the overlaps of a plan."""
        plan = preview.plan
        fresh = [a for a in self.assignments() if a.target == NEW]
        loose = self.names_model.unassigned()
        mapped_rows = [(t.title, t.entries, t.seconds) for t in plan.mapped]
        mapped_rows += [
            (f"{new_title(a.name.name)} (new)", a.name.entries, a.name.seconds) for a in fresh
        ]
        skipped_rows = [(capitalised(s.reason), s.entries, s.seconds) for s in plan.skipped]
        if loose:
            loose_entries = sum(n.entries for n in loose)
            skipped_rows.append((NOT_CHOSEN, loose_entries, sum(n.seconds for n in loose)))
        _fill(self.mapped_table, mapped_rows)
        _fill(self.skipped_table, skipped_rows)
        self._show_overlaps(plan, tz)
        entries = sum(row[1] for row in mapped_rows)
        seconds = sum(row[2] for row in mapped_rows)
        left_entries = sum(row[1] for row in skipped_rows)
        left_seconds = sum(row[2] for row in skipped_rows)
        role = _escape(plan.role_name)
        lines = [
            f"<b>{entries:,} {_plural(entries, 'entry', 'entries')} · {hours_text(seconds)}</b> "
            f"would go to <b>{role}</b>, on {len(mapped_rows)} "
            f"{_plural(len(mapped_rows), 'activity', 'activities')}."
            if entries
            else f"<b>Nothing would be imported into {role} yet</b>"
            + (": choose where the names' time goes." if loose else "."),
            f"Left out: {left_entries:,} {_plural(left_entries, 'entry', 'entries')} · "
            f"{hours_text(left_seconds)}"
            + (
                f", of which {len(loose)} {_plural(len(loose), 'name', 'names')} "
                f"({hours_text(sum(n.seconds for n in loose))}) not yet assigned."
                if loose
                else "."
            ),
        ]
        self.summary.setText("<br>".join(lines))
        self.tabs.setTabText(0, f"Names to assign ({len(self.names_model.names)})")
        self.tabs.setTabText(1, f"By activity ({len(mapped_rows)})")
        self.tabs.setTabText(2, f"Left out ({len(skipped_rows)})")
        self.tabs.setTabText(3, f"Overlaps ({plan.overlap_entries:,})")
        if not self.names_model.names:
            self.names_hint.setText("Every name in the file maps to an activity.")

    def _show_overlaps(self, plan: ImportPlan, tz: dt.tzinfo) -> None:
        count, seconds = plan.overlap_entries, plan.overlap_seconds
        if not count:
            self.overlap_label.setText("Nothing overlaps time already in Rolemap.")
        else:
            fate = "are skipped" if plan.overlap_choice is OverlapChoice.SKIP else "are kept"
            self.overlap_label.setText(
                f"{count:,} imported {_plural(count, 'entry', 'entries')} ({hours_text(seconds)}) "
                f"overlap time already in Rolemap, and {fate}. The first few:"
            )
        rows = [
            (
                o.name,
                _span(o.start, o.duration, tz),
                o.activity,
                f"{o.existing_activity}, {_span(o.existing_start, o.existing_duration, tz)}",
            )
            for o in plan.overlaps
        ]
        _fill(self.overlap_table, rows, numbers=False)

    # -- the person's moves --------------------------------------------------------------

    @Slot()
    def _on_bulk_button_clicked(self) -> None:
        rows = sorted({index.row() for index in self.names_view.selectionModel().selectedRows()})
        self.names_model.assign_rows(rows, self.bulk_box.currentData() or "")

    @Slot()
    def _on_overlap_group_button_toggled(self) -> None:
        self.choices_changed.emit()


def _table(name: str, accessible: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setAccessibleName(f"Columns of {accessible[:1].lower()}{accessible[1:]}")
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: Sequence[tuple[object, ...]], *, numbers: bool = True) -> None:
    """Put `rows` in `table`; with `numbers`, the last two cells are entries and seconds."""
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        cells = list(values)
        if numbers:
            cells[-2] = f"{int(cells[-2]):,}"  # type: ignore[call-overload]
            cells[-1] = hours_text(int(cells[-1]))  # type: ignore[call-overload]
        for column, value in enumerate(cells):
            item = QTableWidgetItem(str(value))
            if numbers and column >= len(cells) - 2:
                item.setTextAlignment(RIGHT)
            table.setItem(row, column, item)


def _span(start: int, duration: int | None, tz: dt.tzinfo) -> str:
    begin = dt.datetime.fromtimestamp(start, tz)
    if duration is None:
        return f"{begin:%a %Y-%m-%d %H:%M}, running"
    end = dt.datetime.fromtimestamp(start + duration, tz)
    return f"{begin:%a %Y-%m-%d %H:%M}–{end:%H:%M}"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
