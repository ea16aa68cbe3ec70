"""Reading a time file for import: which tools, which options, and which days count.

`read_time_file` picks the parser of the format (calendars, Toggl, Clockify,
Timewarrior, Watson, a CSV with named columns) and leaves out what starts
outside the chosen days, saying so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rolemap.domain.periods import local_midnight
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    MAX_BYTES,
    ForeignFile,
    Skipped,
)
from rolemap.interchange.generic_csv import GenericColumns
from rolemap.services.input_file import read_input
from rolemap.services.time_mapping import entry_name

OUTSIDE = "outside the range"


class TimeFormat(StrEnum):
    """The files `import-time` reads (the command line's FORMAT)."""

    ICS = "ics"
    TOGGL = "toggl"
    CLOCKIFY = "clockify"
    TIMEW = "timew"
    WATSON = "watson"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a file: the zone of its wall-clock times and what to leave out.

    `first`/`last` (days in `tz`, both included) bound what is read; a calendar
    needs both (see `calendar_range`). `me` are the person's calendar addresses,
    `all_day` takes all-day events as time, `day_first` reads Clockify's
    `03/04/2024` as 3 April, and `columns` say what a generic CSV holds.
    """

    tz: dt.tzinfo
    first: dt.date | None = None
    last: dt.date | None = None
    me: tuple[str, ...] = ()
    all_day: bool = False
    day_first: bool = False
    columns: GenericColumns | None = None


def calendar_range(
    today: dt.date, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The days a calendar is read for: by default the last four ISO weeks up to today.

    A calendar holds meetings still to come, which are not time spent, so it
    ends today unless told otherwise; it starts on the Monday three weeks
    before the last day's week (the "4weeks" period of the reports).
    """
    end = last or (today if first is None or first <= today else first)
    start = first or end - dt.timedelta(days=end.weekday() + 21)
    return start, end


def read_time_file(kind: TimeFormat, path: Path, options: ReadOptions) -> ForeignFile:
    """Read a file (or, for Timewarrior, its data folder) whole; FormatError for a bad one.

    Raises:
        FormatError: the file is not a readable `kind` file; the message names the item.
        OSError: the file cannot be read.
    """
    if kind is TimeFormat.TIMEW and path.is_dir():
        folder = path / "data" if (path / "data").is_dir() else path
        files = {
            item.name: _read(item)
            for item in sorted(folder.iterdir())
            if item.suffix == ".data" and item.is_file()
        }
        from rolemap.interchange.timewarrior import read_timew_data

        if not files:
            raise FormatError(f"{folder} holds no Timewarrior data files (YYYY-MM.data).")
        return _within(read_timew_data(files), options)
    return read_time_data(kind, _read(path), options)


def _read(path: Path) -> bytes:
    """A time file's bytes (`read_input`'s refusals; its limit is the time readers')."""
    return read_input(path, limit=MAX_BYTES)


def read_time_data(kind: TimeFormat, data: bytes, options: ReadOptions) -> ForeignFile:
    """Read a file's bytes with `kind`'s parser (imported only when needed)."""
    tz = options.tz
    if kind is TimeFormat.ICS:
        from rolemap.interchange.ics import read_ics

        if options.first is None or options.last is None:
            raise ValueError("a calendar is read for a range of days (see calendar_range)")
        return read_ics(data, options.first, options.last, tz, options.me, options.all_day)
    if kind is TimeFormat.TOGGL:
        from rolemap.interchange.toggl_csv import read_toggl

        found = read_toggl(data, tz)
    elif kind is TimeFormat.CLOCKIFY:
        from rolemap.interchange.clockify_csv import read_clockify

        found = read_clockify(data, tz, day_first=options.day_first)
    elif kind is TimeFormat.TIMEW:
        from rolemap.interchange.timewarrior import read_timew_export

        found = read_timew_export(data)
    elif kind is TimeFormat.WATSON:
        from rolemap.interchange.watson import read_watson_frames

        found = read_watson_frames(data)
    else:
        from rolemap.interchange.generic_csv import read_generic_csv

        if options.columns is None:
            raise FormatError("Choose the start column, and the end or the duration column.")
        found = read_generic_csv(data, options.columns, tz)
    return _within(found, options)


def _within(found: ForeignFile, options: ReadOptions) -> ForeignFile:
    """`found` without the entries that start outside the chosen days (skipped, with reason)."""
    if options.first is None and options.last is None:
        return found
    low = -(2**62) if options.first is None else local_midnight(options.first, options.tz)
    high = 2**62
    if options.last is not None:
        high = local_midnight(options.last + dt.timedelta(days=1), options.tz)
    kept = ForeignFile(skipped=found.skipped)
    for entry in found.entries:
        if low <= entry.start < high:
            kept.entries.append(entry)
        else:
            kept.skipped.append(
                Skipped(entry_name(entry), entry.start, entry.duration, OUTSIDE, entry.where)
            )
    return kept
