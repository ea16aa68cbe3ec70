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

Up to `BACKGROUND` entries shown, it runs on the window's thread under a
wait cursor (0.4 s at most). More are read and written on another thread,
through a connection of its own, while the window goes on: 100,000 entries
take 1.9 s (read 0.9 s, the Toggl CSV 1.0 s; Timewarrior JSON 1.4 s), a
million ten times that. The button waits until the file is written, and the
message line says it is being written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import TimeEntry
from rolemap.interchange.foreign_time import OutgoingEntry
from rolemap.services.time_settings import calendar_addresses
from rolemap.store.database import open_reader
from rolemap.store.record_query import RecordQuery
from rolemap.store.selection_records import selection_records
from rolemap.system.atomic_write import WriteError, write_bytes
from rolemap.track.record_models import RecordTableModel

BACKGROUND = 20_000  # entries shown beyond which the file is written on another thread
_WRITER = ThreadPoolExecutor(1, thread_name_prefix="rolemap-export")


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
        self._done = _Done(parent)  # a long export's end, brought back to the window's thread
        self._done.finished.connect(self._finish)
        self.writing: Future[tuple[int, int]] | None = None  # a long export under way
        self._job: _Export | None = None  # what it writes

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
        """Write the entries shown to `path` in `fmt`; False (and said why) if nothing was.

        More than `BACKGROUND` entries shown are written on another thread: True
        then means the export has started, and its end is said when it comes.
        """
        document = self.model.document
        if self.writing is not None:
            self._say("The last export is still being written: try again when it is saved.")
            return False
        if not document.has_role:
            return False
        # The table's selection in start order: the same entries, whichever column it sorts by.
        query = dataclasses.replace(self.model.query(), order="start", descending=False)
        titles = {n.id: n.title for n in document.role_map.nodes_of(NodeKind.ACTIVITY)}
        # The account's email, as the command line takes it: the first calendar address.
        email = next(iter(calendar_addresses(document.store)), "")
        job = _Export(path, fmt, query, titles, self.model.editor.tz, email)
        file = _file_of(document.store.conn)
        if self.model.rowCount() > BACKGROUND and file is not None:
            self.button.setEnabled(False)
            self._say(f"Writing {self.model.rowCount():,} time entries to {path.name}…")
            self._job = job
            self.writing = _WRITER.submit(_read_and_write, file, job)
            self.writing.add_done_callback(lambda _future: _tell(self._done))
            return True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = job.run(document.store.conn)
        except WriteError as error:
            self._say(f"{error} Nothing was written.")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return self._said(job, *written)

    def _finish(self) -> None:
        """A long export ended: say where it went, or why nothing was written."""
        future, self.writing = self.writing, None
        job, self._job = self._job, None
        self.button.setEnabled(True)
        if future is None or job is None:
            return
        error = future.exception()
        if isinstance(error, WriteError):
            self._say(f"{error} Nothing was written.")
        elif error is not None:
            self._say(f"The export failed: {error} Nothing was written.")
        else:
            self._said(job, *future.result())

    def _said(self, job: _Export, count: int, running: int) -> bool:
        if count == 0:
            self._say("No finished time entries are shown, so there are none to export.")
            return False
        self.folder = job.path.parent
        what = f"{count:,} time {'entry' if count == 1 else 'entries'} as {job.fmt.label}"
        if running:
            what += " (not the running one: it has no end yet)"
        if self._saved is not None:
            self._saved(job.path, what)
        else:
            self._say(f"Saved {what} to {job.path}.")
        return True


@dataclasses.dataclass(frozen=True)
class _Export:
    """One export: where, in what, which entries, and what the writers need."""

    path: Path
    fmt: ExportFormat
    query: RecordQuery
    titles: dict[str, str]
    tz: dt.tzinfo
    email: str

    def run(self, conn: sqlite3.Connection) -> tuple[int, int]:
        """Read the finished entries through `conn` and write them (nothing when there are
        none); (how many were written, how many running ones were left out).

        Raises:
            WriteError: the file could not be written.
        """
        entries: list[OutgoingEntry] = []
        running = 0
        for record in selection_records(conn, self.query):
            if not isinstance(record, TimeEntry):
                continue
            if record.duration is None:
                running += 1
            else:
                title = self.titles.get(record.activity_id, "")
                entries.append(OutgoingEntry(record.start, record.duration, title, record.note))
        if not entries:
            return 0, running
        if self.fmt is ExportFormat.TOGGL_CSV:
            from rolemap.interchange.toggl_csv import write_toggl

            text = write_toggl(entries, self.tz, email=self.email)
        else:
            from rolemap.interchange.timewarrior import write_timew

            text = write_timew(entries)
        write_bytes(self.path, text.encode("utf-8"))
        return len(entries), running


def _read_and_write(file: Path, job: _Export) -> tuple[int, int]:
    """`job` on a connection of its own (on the export thread)."""
    conn = open_reader(file)
    try:
        return job.run(conn)
    finally:
        conn.close()


class _Done(QObject):
    """Carries the end of a long export to the window's thread (a queued signal)."""

    finished = Signal()


def _tell(done: _Done) -> None:
    with contextlib.suppress(RuntimeError):  # the tab, and its messenger, may be gone
        done.finished.emit()


def _file_of(conn: sqlite3.Connection) -> Path | None:
    """The database file behind `conn` (None: in memory)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


def _slug(name: str) -> str:
    """A file name's stem made of a role's name: "engineering-manager"."""
    return "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-") or "role"
