"""The names no rule maps, as the import preview lists them: where each one's time goes.

A row per name (a project, a tag, an event's title) with where it was found,
its entries and hours, where its time goes (an activity of the role, a new
activity of its own, or nowhere) and whether to keep that as a rule. The
names come from the first plan of the file and stay put while the person
assigns; a new list keeps the assignments of the names it lists again. The
"Goes to" cell is a list of the places the time may go (`TargetDelegate`).
The preview (`ui/time_preview_view.py`) shows the model and plans again when
it says a target changed.

Signals (`NamesModel`):
    targets_changed(): the person sent a name's time somewhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from rolemap.domain.entities import new_id
from rolemap.domain.time_rules import UnmatchedName

NEW = "\x00new"  # the target of a name that gets an activity of its own
TARGET = Qt.ItemDataRole.UserRole  # a name row's target: "", an activity id or NEW
NAME, FOUND_IN, ENTRIES, HOURS, GOES_TO, KEEP = range(6)
HEADERS = ("Name", "Found in", "Entries", "Hours", "Goes to", "Keep as rule")
LEAVE_OUT = "Leave out"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def hours_text(seconds: int) -> str:
    """Hours to a tenth, with thousands: "0.8 h", "1,234.5 h"."""
    return f"{seconds / 3600:,.1f} h"


def new_title(name: str) -> str:
    """The title a new activity made for `name` gets."""
    return " ".join(name.split())[:200]


def capitalised(text: str) -> str:
    """`text` with its first letter a capital, as a table's cell starts ("Title", "Declined")."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Assignment:
    """Where the person sends one name's time, and whether to keep that as a rule."""

    name: UnmatchedName
    target: str  # an activity id, or NEW
    activity_id: str  # the activity's id (for NEW, the one it will have)
    keep: bool


class NamesModel(QStandardItemModel):
    """The names to assign, a row each (see the module docstring)."""

    targets_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(HEADERS)
        self._activities: list[tuple[str, str]] = []  # (id, title), by title
        self._new_ids: dict[tuple[str, str], str] = {}  # a name's key → its new activity's id
        self._names: tuple[UnmatchedName, ...] = ()
        self._filling = False
        self.itemChanged.connect(self._on_item_changed)

    @property
    def names(self) -> tuple[UnmatchedName, ...]:
        """The names listed, in the table's order."""
        return self._names

    @property
    def activities(self) -> list[tuple[str, str]]:
        """(id, title) of the role's activities, by title: where the names' time may go."""
        return self._activities

    # -- what the person chose --------------------------------------------------------------

    def assignments(self) -> list[Assignment]:
        """Every name sent somewhere, in the table's order."""
        found = []
        for row, name in enumerate(self._names):
            item = self.item(row, GOES_TO)
            target = item.data(TARGET) if item is not None else ""
            if not target:
                continue
            activity_id = self.new_activity_id(name) if target == NEW else target
            keep = self.item(row, KEEP).checkState() == Qt.CheckState.Checked
            found.append(Assignment(name, target, activity_id, keep))
        return found

    def unassigned(self) -> list[UnmatchedName]:
        """The names sent nowhere yet, in the table's order."""
        chosen = {_key(a.name) for a in self.assignments()}
        return [n for n in self._names if _key(n) not in chosen]

    def new_activity_id(self, name: UnmatchedName) -> str:
        """The id the new activity for `name` gets (the same for as long as the dialog lives)."""
        return self._new_ids.setdefault(_key(name), new_id())

    def set_target(self, name: str, target: str) -> None:
        """Send `name`'s time to `target` ("" leaves it out, NEW makes an activity)."""
        for row, known in enumerate(self._names):
            if known.name.casefold() == name.casefold():
                self.set_row_target(row, target)

    def set_keep(self, name: str, keep: bool) -> None:
        """Keep (or not) the assignment of `name` as a rule."""
        state = Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked
        for row, known in enumerate(self._names):
            if known.name.casefold() == name.casefold():
                self.item(row, KEEP).setCheckState(state)

    def set_row_target(self, row: int, target: str) -> None:
        """Send the time of the name in `row` to `target` (a nameless row stays as it is)."""
        name = self._names[row]
        if not name.name:
            return
        item = self.item(row, GOES_TO)
        if item.data(TARGET) == target:
            return
        item.setData(target, TARGET)  # itemChanged: the rest follows there
        item.setText(self.target_text(name, target))

    def assign_rows(self, rows: Sequence[int], target: str) -> None:
        """Send the time of the names in `rows` to `target`, with one `targets_changed`."""
        self._filling = True  # one plan for the lot, not one per row
        try:
            for row in rows:
                self.set_row_target(row, target)
                keep = self.item(row, KEEP)
                keep.setEnabled(bool(target) and bool(self._names[row].name))
        finally:
            self._filling = False
        if rows:
            self.targets_changed.emit()

    # -- the rows ---------------------------------------------------------------------------

    def set_names(self, names: Sequence[UnmatchedName], activities: list[tuple[str, str]]) -> None:
        """List `names` to assign; assignments of names listed before are kept."""
        before = {(_key(a.name)): (a.target, a.keep) for a in self.assignments()}
        self._activities = sorted(activities, key=lambda pair: pair[1].casefold())
        known = {activity_id for activity_id, _ in self._activities} | {NEW}
        self._names = tuple(names)
        self._filling = True  # the rows' own changes are not the person's choices
        try:
            self.removeRows(0, self.rowCount())
            for name in self._names:
                target, keep = before.get(_key(name), ("", False))
                self.appendRow(self._row(name, target if target in known else "", keep))
        finally:
            self._filling = False

    def _row(self, name: UnmatchedName, target: str, keep: bool) -> list[QStandardItem]:
        text = QStandardItem(name.name or "(no name)")
        text.setToolTip(name.name)
        found = QStandardItem(capitalised(name.field.value))
        entries = QStandardItem(f"{name.entries:,}")
        hours = QStandardItem(hours_text(name.seconds))
        for item in (entries, hours):
            item.setTextAlignment(RIGHT)
        goes = QStandardItem()
        keep_item = QStandardItem()
        keep_item.setCheckable(True)
        keep_item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
        row = [text, found, entries, hours, goes, keep_item]
        for item in row:
            item.setEditable(False)
        if name.name:
            goes.setEditable(True)
            goes.setData(target, TARGET)
            goes.setText(self.target_text(name, target))
        else:  # time with no name at all: shown for its hours; no rule can take it
            goes.setText("— has no name to assign")
            goes.setData("", TARGET)
            keep_item.setCheckable(False)
        keep_item.setEnabled(bool(target))
        return row

    def target_text(self, name: UnmatchedName, target: str) -> str:
        """What the "Goes to" cell says for `target`."""
        if target == NEW:
            return f"New activity ‘{new_title(name.name)}’"
        return dict(self._activities).get(target, LEAVE_OUT)

    def target_choices(self, name: UnmatchedName) -> list[tuple[str, str]]:
        """(text, target) of every place `name`'s time may go."""
        return [
            (LEAVE_OUT, ""),
            *((title, activity_id) for activity_id, title in self._activities),
            (self.target_text(name, NEW), NEW),
        ]

    def name_at(self, row: int) -> UnmatchedName:
        """The name listed in `row`."""
        return self._names[row]

    @Slot(QStandardItem)
    def _on_item_changed(self, item: QStandardItem) -> None:
        if item.column() != GOES_TO or self._filling:
            return
        keep = self.item(item.row(), KEEP)
        if keep is not None:
            keep.setEnabled(bool(item.data(TARGET)))
        self.targets_changed.emit()


class TargetDelegate(QStyledItemDelegate):
    """A list of the role's activities (and "Leave out", "New activity") in the "Goes to" cell."""

    def __init__(self, names: NamesModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = names

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        name = self._names.name_at(index.row())
        box = QComboBox(parent)
        box.setAccessibleName(f"Where the time of ‘{name.name}’ goes")
        for text, target in self._names.target_choices(name):
            box.addItem(text, target)
        box.activated.connect(lambda _index: self._finish(box))
        return box

    def _finish(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(TARGET) or "")))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        target = editor.currentData() or ""
        if target != (index.data(TARGET) or ""):
            self._names.set_row_target(index.row(), target)


def _key(name: UnmatchedName) -> tuple[str, str]:
    return name.field.value, name.name.casefold()
