"""Toggl Track: its detailed report CSV in, and a CSV its importer takes out.

The detailed report has the columns `User, Email, Client, Project, Task,
Description, Billable, Start date, Start time, End date, End time, Duration,
Tags`, sometimes followed by `Amount (USD)` (any currency); columns are read
by name, never by position. Dates are `2024-10-15` and times `12:02:17`, on
the wall clock of the person's Toggl profile, which the caller passes as `tz`.
Tags are comma-separated inside one cell.

Toggl ids are not in the report, so an entry's `external_id` is a digest of
what identifies it: its wall-clock start and end, project, description,
sorted tags and user. The same row exported again gives the same id, whatever
the column order, and importing it with another time zone does too.

Toggl's CSV import takes `Email, Project, Client, Task, Description,
Billable, Start date, Start time, Duration, Tags` (it needs Email, Start
date, Start time and Duration for a time entry). An activity becomes the
Project and the entry's note the Description.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
    OutgoingEntry,
    TimeSource,
    check_span,
    check_texts,
    decode_text,
    paused_gc,
    stable_id,
)
from rolemap.interchange.time_cells import (
    CsvRow,
    csv_rows,
    local_epoch,
    parse_hms,
    split_tags,
    wall_clock,
)

EXPORT_HEADER = (
    "Email",
    "Project",
    "Client",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "Duration",
    "Tags",
)
_READ: tuple[str, ...] = ("Start date", "Start time", "End date", "End time", "Duration")
_READ = (*_READ, "Project", "Description")
_READ = (*_READ, "Tags", "Email", "User")
PIECE = 1 << 16  # characters: how much text `toggl_pieces` gathers before it yields
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_toggl(data: bytes, tz: dt.tzinfo) -> ForeignFile:
    """The entries of a Toggl Track detailed report CSV; FormatError names a bad line."""
    text = decode_text(data, "Toggl file")
    result = ForeignFile()
    with paused_gc():
        for row in csv_rows(text, "Toggl file", ("Start date", "Start time"), _READ):
            result.entries.append(_entry(row, tz))
    return check_texts(result, text)


def write_toggl(entries: Iterable[OutgoingEntry], tz: dt.tzinfo, *, email: str = "") -> str:
    """A CSV for Toggl Track's importer, times on the wall clock of `tz`.

    Args:
        entries: the time entries to write, in the order given.
        tz: the time zone of the Toggl profile that will import the file.
        email: the Toggl account's email; Toggl needs it on every time entry.
    """
    return "".join(toggl_pieces(entries, tz, email=email))


def toggl_pieces(
    entries: Iterable[OutgoingEntry], tz: dt.tzinfo, *, email: str = ""
) -> Iterator[str]:
    """`write_toggl`'s text in pieces of about 64 KB, for a writer that yields between them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for entry in entries:
        local = dt.datetime.fromtimestamp(entry.start, tz)
        hours, rest = divmod(max(0, entry.duration), 3600)
        cells = (
            email,
            entry.activity,
            "",
            "",
            entry.note,
            "No",
            local.strftime("%Y-%m-%d"),
            local.strftime("%H:%M:%S"),
            f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}",
            ", ".join(entry.tags),
        )
        writer.writerow([neutralise(cell) for cell in cells])
        if out.tell() >= PIECE:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def neutralise(cell: str) -> str:
    """`cell`, prefixed with `'` if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _entry(row: CsvRow, tz: dt.tzinfo) -> ForeignEntry:
    where = row.where()
    start_wall = wall_clock(row.get("Start date"), row.get("Start time"), where)
    start = local_epoch(start_wall, tz, where)
    if row.get("End time"):
        end_wall = wall_clock(
            row.get("End date") or row.get("Start date"), row.get("End time"), where
        )
        duration = local_epoch(end_wall, tz, where) - start
        end_key = end_wall.isoformat()
    elif row.get("Duration"):
        duration = parse_hms(row.get("Duration"), where)
        end_key = str(duration)
    else:
        raise FormatError(f"{where}: the entry has neither an end time nor a duration.")
    check_span(start, duration, where)
    project, description = row.get("Project"), row.get("Description")
    tags = split_tags(row.get("Tags"))
    user = row.get("Email") or row.get("User")
    # Wall-clock times, not cells or epochs: the same entry keeps its id whatever the
    # export's date format or the time zone chosen on import.
    identity = (start_wall.isoformat(), end_key, project, description, ",".join(sorted(tags)))
    return ForeignEntry(
        start=start,
        duration=duration,
        title=description,
        external_id=stable_id("toggl", *identity, user),
        source=TimeSource.TOGGL,
        where=where,
        project=project,
        tags=tags,
    )
