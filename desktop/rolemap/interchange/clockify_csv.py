"""Clockify: its detailed report CSV in.

The column set and order vary between exports (`Type`, `Invoiced`, `Date of
creation` may appear, `Client` may come last, a currency follows the rate
columns) and a row may be one cell short, so every cell is read by column
name and a missing cell reads as empty. Dates are `03/04/2024` (month first,
or day first when the caller says so) or ISO; times `10:23:52 AM`,
`10:23 AM` or 24-hour `14:05`, on the wall clock of `tz`.

Clockify puts no entry id in the report: `external_id` is a digest of what
identifies an entry (its wall-clock start and end, project, description,
sorted tags, user), so `10:23 AM` and `10:23` exports give the same id.
"""

from __future__ import annotations

import datetime as dt
import math

from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
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

_READ: tuple[str, ...] = ("Start Date", "Start Time", "End Date", "End Time", "Duration (h)")
_READ = (*_READ, "Duration (decimal)", "Project", "Description", "Tags", "Email", "User")


def read_clockify(data: bytes, tz: dt.tzinfo, *, day_first: bool = False) -> ForeignFile:
    """The entries of a Clockify detailed report CSV; FormatError names a bad line.

    Args:
        data: the file's bytes.
        tz: the time zone of the Clockify profile that exported the file.
        day_first: read `03/04/2024` as 3 April (Clockify's day-first date setting).
    """
    text = decode_text(data, "Clockify file")
    result = ForeignFile()
    with paused_gc():
        for row in csv_rows(text, "Clockify file", ("Start Date", "Start Time"), _READ):
            result.entries.append(_entry(row, tz, day_first))
    return check_texts(result, text)


def _entry(row: CsvRow, tz: dt.tzinfo, day_first: bool) -> ForeignEntry:
    where = row.where()
    start_date = row.get("Start Date")
    start_wall = wall_clock(start_date, row.get("Start Time"), where, day_first=day_first)
    start = local_epoch(start_wall, tz, where)
    if row.get("End Time"):
        end_date = row.get("End Date") or start_date
        end_wall = wall_clock(end_date, row.get("End Time"), where, day_first=day_first)
        duration = local_epoch(end_wall, tz, where) - start
        end_key = end_wall.isoformat()
    else:
        duration = _duration_cell(row, where)
        end_key = str(duration)
    check_span(start, duration, where)
    project, description = row.get("Project"), row.get("Description")
    tags = split_tags(row.get("Tags"))
    user = row.get("Email") or row.get("User")
    # Wall-clock times, not cells: the id survives a change of Clockify's date/time format.
    identity = (start_wall.isoformat(), end_key, project, description, ",".join(sorted(tags)))
    return ForeignEntry(
        start=start,
        duration=duration,
        title=description,
        external_id=stable_id("clockify", *identity, user),
        source=TimeSource.CLOCKIFY,
        where=where,
        project=project,
        tags=tags,
    )


def _duration_cell(row: CsvRow, where: str) -> int:
    """The duration from `Duration (h)` (1:30:00) or `Duration (decimal)` (1.50)."""
    if row.get("Duration (h)"):
        return parse_hms(row.get("Duration (h)"), where)
    decimal = row.get("Duration (decimal)").replace(",", ".")
    if not decimal:
        raise FormatError(f"{where}: the entry has neither an end time nor a duration.")
    try:
        hours = float(decimal)
    except ValueError:
        raise FormatError(f"{where}: ‘{decimal[:40]}’ is not a number of hours.") from None
    if not math.isfinite(hours) or not 0 <= hours <= 24:
        raise FormatError(f"{where}: ‘{decimal[:40]}’ hours is not a duration of one entry.")
    return round(hours * 3600)
