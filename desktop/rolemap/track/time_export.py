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

Everything runs on the window's thread. 100,000 entries take about 2 s (read
0.9 s, the Toggl CSV 1.0 s; Timewarrior JSON 1.4 s), so from `IN_STEPS_FROM`
entries shown the export is a generator that the window runs a slice of
`SLICE_SECONDS` at a time between events: the window answers throughout, the
message line says the file is being written, and the entries are read in one
snapshot on a connection of their own, so entries logged meanwhile are not
half in the file. No thread: a thread that builds a hundred thousand Python
objects lets the cyclic collector run on it, among the window's objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import sqlite3
import time
from collections.abc import Callable, Generator
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import TimeEntry
from rolemap.interchange.foreign_time import OutgoingEntry
from rolemap.interchange.safe_json import paused_gc
from rolemap.services.time_settings import calendar_addresses
from rolemap.store.database import write_message
from rolemap.store.record_query import RecordQuery
from rolemap.store.selection_records import selection_records, snapshot_reader
from rolemap.system.atomic_write import WriteError, write_bytes
from rolemap.track.record_models import RecordTableModel

IN_STEPS_FROM = 5_000  # entries shown from which the export runs between events (~80 ms)
SLICE_SECONDS = 0.015  # how long each slice holds the window's thread
Steps = Generator[None, None, tuple[int, int]]  # yields between slices; returns (written, running)


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
        self._steps: Steps | None = None  # a long export under way
        self._job: _Export | None = None  # what it writes
        self._collecting = True  # whether cyclic collection was on when it began
        self._timer = QTimer(self.button)  # a slice of it each turn of the event loop
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self.button.destroyed.connect(self._abandon)  # the tab gone with an export under way

    @property
    def writing(self) -> bool:
        """Whether a long export is under way."""
        return self._steps is not None

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

        From `IN_STEPS_FROM` entries shown the file is written between events:
        True then means the export has begun, and its end is said when it comes.
        """
        if self._steps is not None:
            self._say("The last export is still being written: try again when it is saved.")
            return False
        document = self.model.document
        titles = (
            {n.id: n.title for n in document.role_map.nodes_of(NodeKind.ACTIVITY)}
            if document.has_role
            else {}
        )
        job = _Export(
            path,
            fmt,
            # The table's selection in start order: the same entries, whichever column it sorts by.
            dataclasses.replace(self.model.query(), order="start", descending=False),
            titles,
            self.model.editor.tz,
            # The account's email, as the command line takes it: the first calendar address.
            next(iter(calendar_addresses(document.store)), ""),
        )
        shown = self.model.rowCount()
        long = document.has_role and shown >= IN_STEPS_FROM
        reader = _snapshot(document.store.path) if long else None
        if not document.has_role or reader is None:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                with paused_gc():
                    result: tuple[int, int] | Exception = _to_end(job.steps(document.store.conn))
            except (WriteError, sqlite3.Error) as error:
                result = error
            finally:
                QGuiApplication.restoreOverrideCursor()
            return self._ended(job, result)
        self._job, self._steps = job, _closing(reader, job.steps(reader))
        # As `paused_gc`, for as long as it runs: the collector would otherwise walk
        # the growing list of entries again and again (30-40 ms a time, for nothing).
        self._collecting = gc.isenabled()
        gc.disable()
        self.button.setEnabled(False)
        self._say(f"Writing {shown:,} time entries to {path.name}…")
        self._timer.start()
        return True

    def _step(self) -> None:
        """Run the long export for a slice; at its end, say how it went."""
        steps, job = self._steps, self._job
        if steps is None or job is None:
            self._timer.stop()
            return
        until = time.monotonic() + SLICE_SECONDS
        try:
            next(steps)  # at least one step a slice
            while time.monotonic() < until:
                next(steps)
            return
        except StopIteration as done:
            result: tuple[int, int] | Exception = done.value
        except (WriteError, sqlite3.Error) as error:
            result = error
        except BaseException:  # a bug: the export is over all the same
            self._stop()
            raise
        self._stop()
        self._ended(job, result)

    def _stop(self) -> None:
        self._timer.stop()
        self.button.setEnabled(True)
        self._abandon()

    def _abandon(self) -> None:
        """Drop the export (an unfinished one's reader closes); collection comes back on."""
        steps, self._steps, self._job = self._steps, None, None
        if steps is not None:
            steps.close()
            if self._collecting:
                gc.enable()

    def _ended(self, job: _Export, result: tuple[int, int] | Exception) -> bool:
        """Say how an export ended: where it went, or why nothing was written."""
        if isinstance(result, sqlite3.Error):
            self._say(f"{write_message(result)} Nothing was written.")
            return False
        if isinstance(result, Exception):  # a WriteError: it says what happened
            self._say(f"{result} Nothing was written.")
            return False
        count, running = result
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

    def steps(self, conn: sqlite3.Connection) -> Steps:
        """Read the finished entries through `conn` and write them (nothing when there are
        none), yielding often; returns (how many were written, running ones left out).

        Raises:
            WriteError: the file could not be written.
        """
        entries: list[OutgoingEntry] = []
        running = 0
        for number, record in enumerate(selection_records(conn, self.query)):
            if number % 500 == 0:
                yield
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
            from rolemap.interchange.toggl_csv import toggl_pieces

            pieces = toggl_pieces(entries, self.tz, email=self.email)
        else:
            from rolemap.interchange.timewarrior import timew_pieces

            pieces = timew_pieces(entries)
        text: list[str] = []
        for piece in pieces:
            text.append(piece)
            yield
        write_bytes(self.path, "".join(text).encode("utf-8"))
        return len(entries), running


def _snapshot(path: Path) -> sqlite3.Connection | None:
    """A reader of one snapshot, taken now; None (the export then runs in one go) if none."""
    try:
        return snapshot_reader(path)
    except sqlite3.Error:
        return None


def _to_end(steps: Steps) -> tuple[int, int]:
    """Run an export's steps in one go; what they return."""
    result = (0, 0)

    def run() -> Generator[None, None, None]:
        nonlocal result
        result = yield from steps

    for _ in run():
        pass
    return result


def _closing(conn: sqlite3.Connection, steps: Steps) -> Steps:
    """`steps`, with `conn` closed at their end, whatever the end."""
    try:
        return (yield from steps)
    finally:
        conn.close()


def _slug(name: str) -> str:
    """A file name's stem made of a role's name: "engineering-manager"."""
    return "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-") or "role"
