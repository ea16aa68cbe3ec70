"""Any CSV of time: the person says which column holds what.

`GenericColumns` names the start column, then the end column or the duration
column, and optionally the title (matched by rules, like an activity name),
the note (kept, never matched), a project and a tags column. Starts and ends
are ISO date-times (`2024-03-05 14:05`, `2024-03-05T14:05:00`, with or
without an offset or `Z`); without an offset they are on the wall clock of
`tz`. An end may be a bare time (`15:30`), on the start's clock: the start's
day, or the next day if that would end before the start. Durations read `1:30`, `1:30:00`,
`1h30`, `90m`, or a bare number in `duration_unit` (seconds by default).

The columns are separated by commas, or by semicolons or tabs when the
header is (spreadsheet exports in some languages). `external_id` is a digest
of the start, end or duration, title and project cells: editing a note and
importing again adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from enum import StrEnum

from rolemap.domain.durations import parse_duration
from rolemap.domain.errors import InvalidValueError
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
    utc_epoch,
)
from rolemap.interchange.time_cells import (
    CsvRow,
    csv_header,
    csv_rows,
    parse_clock,
    parse_hms,
    split_tags,
)

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$", re.ASCII)
_HMS = re.compile(r"^\d+:\d{2}:\d{2}$", re.ASCII)
_BARE_CLOCK = re.compile(r"^\d{1,2}:\d{2}", re.ASCII)


class DurationUnit(StrEnum):
    """What a bare number in the duration column counts."""

    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"


_UNIT_SECONDS = {DurationUnit.SECONDS: 1, DurationUnit.MINUTES: 60, DurationUnit.HOURS: 3600}


@dataclass(frozen=True, slots=True)
class GenericColumns:
    """Which column (by header name) holds what; "" for a column the file does not have."""

    start: str
    end: str = ""
    duration: str = ""
    title: str = ""
    note: str = ""
    project: str = ""
    tags: str = ""
    duration_unit: DurationUnit = DurationUnit.SECONDS


def sniff_columns(data: bytes) -> list[str]:
    """The header names of a CSV file, for the person to choose from; FormatError if none."""
    header = csv_header(decode_text(data, "CSV file"))
    if not any(header):
        raise FormatError("line 1: the CSV file has no header row naming its columns.")
    return header


def read_generic_csv(data: bytes, columns: GenericColumns, tz: dt.tzinfo) -> ForeignFile:
    """The entries of a CSV file read through `columns`; FormatError names a bad line."""
    if not columns.start or not (columns.end or columns.duration):
        raise FormatError("Choose the start column, and the end or the duration column.")
    text = decode_text(data, "CSV file")
    required = tuple(name for name in (columns.start, columns.end or columns.duration) if name)
    result = ForeignFile()
    with paused_gc():
        for row in csv_rows(text, "CSV file", required, _wanted(columns)):
            result.entries.append(_entry(row, columns, tz))
    return check_texts(result, text)


def _wanted(columns: GenericColumns) -> tuple[str, ...]:
    names = (columns.start, columns.end, columns.duration, columns.title, columns.note)
    return tuple(name for name in (*names, columns.project, columns.tags) if name)


def _entry(row: CsvRow, columns: GenericColumns, tz: dt.tzinfo) -> ForeignEntry:
    where = row.where()
    start_text = row.get(columns.start)
    start_moment = _moment(start_text, tz, where)
    start = utc_epoch(start_moment, where)
    if columns.end:
        end_text = row.get(columns.end)
        duration = _end(end_text, start_moment, tz, where) - start
    else:
        end_text = row.get(columns.duration)
        duration = _duration(end_text, columns.duration_unit, where)
    check_span(start, duration, where)
    title = row.get(columns.title) if columns.title else ""
    project = row.get(columns.project) if columns.project else ""
    return ForeignEntry(
        start=start,
        duration=duration,
        title=title,
        external_id=stable_id("csv", start_text, end_text, title, project),
        source=TimeSource.CSV,
        where=where,
        project=project,
        tags=split_tags(row.get(columns.tags)) if columns.tags else (),
        note=row.get(columns.note) if columns.note else "",
    )


def _moment(text: str, tz: dt.tzinfo, where: str) -> dt.datetime:
    if not text:
        raise FormatError(f"{where}: the start is empty.")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise FormatError(
            f"{where}: ‘{text[:40]}’ is not a date and time (like 2024-03-05 14:05)."
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def _end(text: str, start: dt.datetime, tz: dt.tzinfo, where: str) -> int:
    if _BARE_CLOCK.match(text):
        # A bare time is on the start's clock (its own offset, if it had one).
        end = dt.datetime.combine(start.date(), parse_clock(text, where), tzinfo=start.tzinfo)
        if end < start:
            end += dt.timedelta(days=1)
        return utc_epoch(end, where)
    return utc_epoch(_moment(text, tz, where), where)


def _duration(text: str, unit: DurationUnit, where: str) -> int:
    if not text:
        raise FormatError(f"{where}: the duration is empty.")
    if _NUMBER.match(text):
        value = float(text.replace(",", "."))
        seconds = value * _UNIT_SECONDS[unit]
        if not math.isfinite(seconds) or seconds > 1e9:
            raise FormatError(f"{where}: ‘{text[:40]}’ is not a duration of one entry.")
        return round(seconds)
    if _HMS.match(text):
        return parse_hms(text, where)
    try:
        return parse_duration(text)
    except InvalidValueError as error:
        raise FormatError(f"{where}: {error}") from None
