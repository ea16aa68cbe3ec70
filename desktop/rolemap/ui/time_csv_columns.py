"""The columns of a CSV from any tool: which one holds the start, the end, the title, ….

A generic CSV says nothing about its columns but their names, so the import's
first page (`ui/time_source_form.py`) shows this group when the format is
"Any CSV": a list per column the import knows, filled from the file's header
(once per file, so that the person's choices survive other edits), with the
likely column already chosen from words its name holds ("Begin" for the
start, "Minutes" for the duration, and a bare number's unit to match).
`columns()` turns the choices into `GenericColumns`, or says what is missing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QWidget

from rolemap.interchange.generic_csv import DurationUnit, GenericColumns
from rolemap.ui.time_file_guess import csv_header, file_head

# The generic CSV's columns: (attribute, label, required, header words that suggest it).
COLUMNS = (
    ("start", "Start", True, ("start", "begin", "from")),
    ("end", "End", False, ("end", "stop", "until", "finish")),
    ("duration", "Duration", False, ("duration", "hours", "minutes", "length", "time spent")),
    (
        "title",
        "Title",
        False,
        ("title", "description", "activity", "summary", "task", "what", "name"),
    ),
    ("project", "Project", False, ("project",)),
    ("tags", "Tags", False, ("tag",)),
    ("note", "Note", False, ("note", "comment", "remark")),
)
NO_COLUMN = "(none)"


def suggested_column(names: list[str], words: tuple[str, ...]) -> str:
    """The first header name holding one of `words` (any case), or ""."""
    for word in words:
        for name in names:
            if word in name.casefold():
                return name
    return ""


class CsvColumnsGroup(QGroupBox):
    """A list per column of a generic CSV, two to a row, and the unit of a bare duration."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Columns of the CSV", parent)
        self.setObjectName("time-columns")
        self._columns_of: Path | None = None
        self.column_boxes: dict[str, QComboBox] = {}
        grid = QGridLayout(self)
        self.unit_box = QComboBox()
        self.unit_box.setObjectName("column-unit")
        self.unit_box.setAccessibleName("What a bare number of duration counts")
        for unit in DurationUnit:
            self.unit_box.addItem(f"a number counts {unit.value}", unit)
        boxes: list[tuple[str, QComboBox]] = []
        for attribute, label, required, _words in COLUMNS:
            box = QComboBox()
            box.setObjectName(f"column-{attribute}")
            box.setAccessibleName(f"{label} column" + (" (required)" if required else ""))
            self.column_boxes[attribute] = box
            boxes.append((f"{label}{' *' if required else ''}", box))
            if attribute == "duration":  # its unit beside it
                boxes.append(("Unit", self.unit_box))
        for index, (label, box) in enumerate(boxes):
            caption = QLabel(label)
            caption.setBuddy(box)
            row, column = divmod(index, 2)
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def columns(self) -> GenericColumns:
        """The columns chosen; ValueError says which are missing."""
        chosen = {name: _column(box) for name, box in self.column_boxes.items()}
        if not chosen["start"] or not (chosen["end"] or chosen["duration"]):
            raise ValueError("Choose the start column, and the end or the duration column.")
        return GenericColumns(**chosen, duration_unit=DurationUnit(self.unit_box.currentData()))

    def show_header_of(self, path: Path) -> None:
        """The CSV's header names in the column choices (once per file), the likely ones chosen."""
        if path == self._columns_of:
            return
        self._columns_of = path
        names = csv_header(file_head(path))
        for attribute, _label, required, words in COLUMNS:
            box = self.column_boxes[attribute]
            blocked = box.blockSignals(True)
            box.clear()
            if not required:
                box.addItem(NO_COLUMN, "")
            for name in names:
                box.addItem(name, name)
            guess = suggested_column(names, words)
            if attribute == "end" and guess == self.column_boxes["start"].currentData():
                guess = ""
            box.setCurrentIndex(max(0, box.findData(guess)))
            box.blockSignals(blocked)
        duration = self.column_boxes["duration"].currentText().casefold()
        for unit in (DurationUnit.MINUTES, DurationUnit.HOURS):  # "Minutes", "Hours (decimal)"
            if unit.value.rstrip("s") in duration:
                self.unit_box.setCurrentIndex(self.unit_box.findData(unit))


def _column(box: QComboBox) -> str:
    data = box.currentData()
    return data if isinstance(data, str) else ""
