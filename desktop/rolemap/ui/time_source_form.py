"""The first page of File → Import time…: which file, read how, into which role.

The format is guessed from the file (its name, and the first bytes of a CSV
or a JSON file: `ui/time_file_guess.py`) and can be changed. Only the rows
the format needs are shown: a calendar's days, addresses and all-day events;
Clockify's day-first dates; a generic CSV's columns, chosen from its header
(`ui/time_csv_columns.py`). The time zone reads the wall-clock times of CSVs
and bounds the days. `choice()` turns what is shown into a `SourceChoice`,
or says what is missing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.periods import local_zone
from rolemap.services.time_files import ReadOptions, TimeFormat, calendar_range
from rolemap.services.time_settings import calendar_addresses
from rolemap.ui.time_csv_columns import CsvColumnsGroup
from rolemap.ui.time_file_guess import guess_format
from rolemap.ui.time_import_worker import SourceChoice

FORMAT_LABELS = {
    TimeFormat.ICS: "Calendar (.ics)",
    TimeFormat.TOGGL: "Toggl Track detailed report (CSV)",
    TimeFormat.CLOCKIFY: "Clockify detailed report (CSV)",
    TimeFormat.TIMEW: "Timewarrior (timew export, or its data folder)",
    TimeFormat.WATSON: "Watson frames file",
    TimeFormat.CSV: "Any CSV (choose its columns)",
}


def zone_name(zone: dt.tzinfo) -> str:
    """A zone's IANA name where it has one ("Europe/Berlin"), else its text."""
    return str(getattr(zone, "key", "") or zone)


class TimeSourceForm(QWidget):
    """File, format, role, zone, days and the format's own options.

    Signals:
        source_edited(): anything shown changed (the dialog's preview is out of date).
    """

    source_edited = Signal()

    def __init__(
        self, document: RoleDocument, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("time-source")
        self._document = document
        self._today = today
        self._days_wanted = False  # "only the days from … to …" for files other than calendars

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("time-file")
        self.path_edit.setAccessibleName("File to import")
        self.path_edit.setPlaceholderText("A calendar, a CSV, a timew export, a Watson frames file")
        self.file_button = QPushButton("C&hoose file…")
        self.file_button.setObjectName("choose-time-file")
        self.file_button.setAccessibleName("Choose the file")
        self.folder_button = QPushButton("Fol&der…")
        self.folder_button.setObjectName("choose-time-folder")
        self.folder_button.setAccessibleName("Choose a Timewarrior data folder")
        self.folder_button.setToolTip("Timewarrior's data folder (~/.timewarrior or its data/)")
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.file_button)
        where.addWidget(self.folder_button)

        self.format_box = QComboBox()
        self.format_box.setObjectName("time-format")
        self.format_box.setAccessibleName("Format of the file")
        for kind, label in FORMAT_LABELS.items():
            self.format_box.addItem(label, kind)

        self.role_box = QComboBox()
        self.role_box.setObjectName("time-role")
        self.role_box.setAccessibleName("Role the time goes to")
        for role in document.roles():
            self.role_box.addItem(role.name, role.id)
        if document.has_role:
            self.role_box.setCurrentIndex(self.role_box.findData(document.role_map.role.id))

        self.zone_box = QComboBox()
        self.zone_box.setObjectName("time-zone")
        self.zone_box.setAccessibleName("Time zone of the file's times")
        self.zone_box.setEditable(True)
        self.zone_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_box.addItems(sorted(zoneinfo.available_timezones()))
        self.zone_box.setCurrentText(zone_name(local_zone()))
        self.zone_box.setToolTip(
            "The zone the file's clock times are in (Toggl: your profile's), and of the days"
        )

        self.days_box = QCheckBox("Only the days from")
        self.days_box.setObjectName("time-days")
        self.days_box.setAccessibleName("Only the days in a range")
        first, last = calendar_range(today, None, None)
        self.first_edit = _date_edit("time-first-day", "First day", first)
        self.last_edit = _date_edit("time-last-day", "Last day (included)", last)
        self.from_label = QLabel("From")  # a calendar's days: always a range
        days = QHBoxLayout()
        days.addWidget(self.days_box)
        days.addWidget(self.from_label)
        days.addWidget(self.first_edit)
        days.addWidget(QLabel("to"))
        days.addWidget(self.last_edit)
        days.addStretch(1)

        self.me_edit = QLineEdit(", ".join(calendar_addresses(document.store)))
        self.me_edit.setObjectName("time-addresses")
        self.me_edit.setAccessibleName("Your calendar addresses")
        self.me_edit.setPlaceholderText("you@example.com, you@work.example (remembered)")
        self.me_edit.setToolTip("Events you declined are left out; separate addresses by commas")
        self.all_day_box = QCheckBox("Count all-day events as time (24 h each)")
        self.all_day_box.setObjectName("time-all-day")
        self.day_first_box = QCheckBox("Dates are day first (03/04/2024 is 3 April)")
        self.day_first_box.setObjectName("time-day-first")

        self.columns_group = CsvColumnsGroup()
        # The group's lists, at hand here like the form's other fields (the form wires them).
        self.column_boxes = self.columns_group.column_boxes
        self.unit_box = self.columns_group.unit_box

        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        file_label = QLabel("&File")
        file_label.setBuddy(self.path_edit)
        self.form.addRow(file_label, where)
        self.form.addRow("F&ormat", self.format_box)
        self.form.addRow("&Role", self.role_box)
        self.form.addRow("Time &zone", self.zone_box)
        self.form.addRow("Days", days)
        self.form.addRow("Your &addresses", self.me_edit)
        self.form.addRow("", self.all_day_box)
        self.form.addRow("", self.day_first_box)
        self.form.addRow(self.columns_group)

        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.path_edit.editingFinished.connect(self._on_path_edit_editing_finished)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.days_box.toggled.connect(self._on_days_toggled)
        for widget in (self.role_box, self.zone_box, self.unit_box, *self.column_boxes.values()):
            widget.currentIndexChanged.connect(self.source_edited)
        self.zone_box.editTextChanged.connect(self.source_edited)
        for check in (self.days_box, self.all_day_box, self.day_first_box):
            check.toggled.connect(self.source_edited)
        for edit in (self.first_edit, self.last_edit):
            edit.dateChanged.connect(self.source_edited)
        self.me_edit.textChanged.connect(self.source_edited)
        self.path_edit.textChanged.connect(self.source_edited)
        self._on_format_changed()

    # -- what is chosen -------------------------------------------------------------------

    @property
    def kind(self) -> TimeFormat:
        """The format chosen."""
        return TimeFormat(self.format_box.currentData())

    def set_path(self, path: Path) -> None:
        """Show `path` and choose its format (when it can be told)."""
        self.path_edit.setText(str(path))
        self._guess()

    def addresses(self) -> list[str]:
        """The calendar addresses typed (separated by commas, semicolons or spaces)."""
        text = self.me_edit.text().replace(";", ",").replace(" ", ",")
        return [part.strip() for part in text.split(",") if part.strip()]

    def choice(self) -> SourceChoice:
        """What to read, as chosen; ValueError says what is missing or wrong."""
        text = self.path_edit.text().strip()
        if not text:
            raise ValueError("Choose the file to import.")
        path = Path(text).expanduser()
        if not path.exists():
            raise ValueError(f"There is no file {path}.")
        kind = self.kind
        try:
            zone = zoneinfo.ZoneInfo(self.zone_box.currentText().strip())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"‘{self.zone_box.currentText()}’ is not a time zone: choose one from the "
                "list (Europe/Berlin, America/New_York, UTC)."
            ) from None
        first = last = None
        if self.days_box.isChecked() or kind is TimeFormat.ICS:
            first, last = _day(self.first_edit), _day(self.last_edit)
            if last < first:
                raise ValueError("The last day comes before the first.")
        options = ReadOptions(
            tz=zone,
            first=first,
            last=last,
            me=tuple(self.addresses()) if kind is TimeFormat.ICS else (),
            all_day=kind is TimeFormat.ICS and self.all_day_box.isChecked(),
            day_first=kind is TimeFormat.CLOCKIFY and self.day_first_box.isChecked(),
            columns=self.columns_group.columns() if kind is TimeFormat.CSV else None,
        )
        role_id = self.role_box.currentData()
        if not role_id:
            raise ValueError("Choose the role the time goes to.")
        status = path.stat()
        return SourceChoice(kind, path, options, role_id, (status.st_size, status.st_mtime_ns))

    # -- showing what the format needs ----------------------------------------------------

    def _guess(self) -> None:
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else None
        if path is not None and path.exists():
            guessed = guess_format(path)
            if guessed is not None:
                self.format_box.setCurrentIndex(self.format_box.findData(guessed))
        self._fill_columns()

    def _fill_columns(self) -> None:
        """The CSV's header names in the column choices, when the file is a CSV."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else None
        if self.kind is not TimeFormat.CSV or path is None or not path.is_file():
            return
        self.columns_group.show_header_of(path)

    @Slot()
    def _on_format_changed(self) -> None:
        kind = self.kind
        calendar = kind is TimeFormat.ICS
        for widget in (self.me_edit, self.all_day_box):
            self.form.setRowVisible(widget, calendar)
        self.form.setRowVisible(self.day_first_box, kind is TimeFormat.CLOCKIFY)
        self.form.setRowVisible(self.columns_group, kind is TimeFormat.CSV)
        self.folder_button.setVisible(kind is TimeFormat.TIMEW)
        # A calendar holds meetings to come: it is always read for a range of days. The
        # others are read whole unless the person asked for days.
        blocked = self.days_box.blockSignals(True)
        self.days_box.setChecked(calendar or self._days_wanted)
        self.days_box.blockSignals(blocked)
        self.days_box.setVisible(not calendar)
        self.from_label.setVisible(calendar)
        self._on_days_toggled(self.days_box.isChecked())
        self._fill_columns()
        self.source_edited.emit()

    @Slot(bool)
    def _on_days_toggled(self, on: bool) -> None:
        if self.kind is not TimeFormat.ICS:
            self._days_wanted = on
        self.first_edit.setEnabled(on)
        self.last_edit.setEnabled(on)

    @Slot()
    def _on_path_edit_editing_finished(self) -> None:
        self._guess()

    @Slot()
    def _on_file_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import time",
            self.path_edit.text(),
            "Time files (*.ics *.csv *.json *.tsv *.txt frames);;All files (*)",
        )
        if name:
            self.set_path(Path(name))

    @Slot()
    def _on_folder_button_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Timewarrior data folder", str(Path.home()))
        if name:
            self.set_path(Path(name))


def _date_edit(name: str, accessible: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())
