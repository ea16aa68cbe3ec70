"""The cells of time exports: CSV tables read by column name, dates, times of day, durations.

Shared by the Toggl, Clockify and any-CSV readers. Every refusal is a
`FormatError` that names the line; the readers add nothing but their columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import check_count, utc_epoch


def local_epoch(wall: dt.datetime, tz: dt.tzinfo, where: str) -> int:
    """Epoch seconds of a wall-clock (naive) date and time in `tz`."""
    return utc_epoch(wall.replace(tzinfo=tz), where)


def wall_clock(day: str, clock: str, where: str, *, day_first: bool = False) -> dt.datetime:
    """The naive date-time of a date cell and a time cell (see parse_date, parse_clock)."""
    return dt.datetime.combine(
        parse_date(day, where, day_first=day_first), parse_clock(clock, where)
    )


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)
_DOT_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", re.ASCII)
_CLOCK = re.compile(
    r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?$", re.IGNORECASE | re.ASCII
)
_HMS = re.compile(r"^(\d{1,6}):(\d{2})(?::(\d{2}))?$", re.ASCII)


def parse_date(text: str, where: str, *, day_first: bool = False) -> dt.date:
    """`2024-10-15`, `10/15/2024` (or `15/10/2024` when `day_first`) or `15.10.2024`."""
    value = _date_of(text.strip(), day_first)
    if isinstance(value, dt.date):
        return value
    raise FormatError(f"{where}: ‘{text.strip()[:40]}’ is not a date{value}.")


def parse_clock(text: str, where: str) -> dt.time:
    """A time of day: `14:05`, `14:05:33`, `10:23 AM`, `10:23:52 pm`."""
    value = _clock_of(text.strip())
    if value is None:
        raise FormatError(f"{where}: ‘{text.strip()[:40]}’ is not a time of day (like 14:05).")
    return value


# A file repeats its dates and times of day: each text is read once (a third of a CSV's time).
@lru_cache(maxsize=4096)
def _date_of(text: str, day_first: bool) -> dt.date | str:
    """The date, or the end of the refusal's sentence."""
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _SLASH_DATE.match(text):
        first, second, year = (int(g) for g in match.groups())
        month, day = (second, first) if day_first else (first, second)
    elif match := _DOT_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        return " (like 2024-10-15)"
    try:
        return dt.date(year, month, day)
    except ValueError:
        return " (are the dates day-first?)" if month > 12 and not day_first else ""


@lru_cache(maxsize=65536)
def _clock_of(text: str) -> dt.time | None:
    match = _CLOCK.match(text)
    if match is None:
        return None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def parse_hms(text: str, where: str) -> int:
    """Seconds in an elapsed time written `1:30:00` or `1:30` (hours and minutes)."""
    match = _HMS.match(text.strip())
    if match is None or int(match[2]) > 59 or int(match[3] or 0) > 59:
        raise FormatError(f"{where}: ‘{text.strip()[:40]}’ is not a duration (like 1:30:00).")
    return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0)


@lru_cache(maxsize=4096)
def split_tags(cell: str) -> tuple[str, ...]:
    """The tags in one comma-separated cell, without blanks."""
    return tuple(tag for tag in (part.strip() for part in cell.split(",")) if tag)


# -- CSV tables ----------------------------------------------------------------------------


class CsvRow(NamedTuple):
    """One CSV record: the cells of the columns a parser asked for, by name."""

    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        """The cell under column `name`, stripped; "" where the file or the row has none."""
        return self.cells.get(name, "")

    def where(self) -> str:
        """Where this record ends in the file: "line 12"."""
        return f"line {self.line}"


def csv_rows(
    text: str, what: str, required: tuple[str, ...], wanted: tuple[str, ...]
) -> Iterator[CsvRow]:
    """The records of a CSV text with a header row, read by column name (any case).

    Each row holds the `wanted` columns; a short row reads "" for the cells it
    lacks, and blank records are passed over. Raises FormatError if a
    `required` column is missing, the CSV is malformed or the file holds more
    than `MAX_ITEMS` records.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            raise FormatError(f"The {what} is empty.")
        columns = {name.strip().casefold(): i for i, name in reversed(list(enumerate(header)))}
        missing = [name for name in required if name.casefold() not in columns]
        if missing:
            raise FormatError(
                f"line 1: the {what} has no column {', '.join(repr(m) for m in missing)} "
                f"(its columns: {', '.join(h.strip() for h in header)[:300]})."
            )
        width = len(header)
        # A column the file lacks reads the "" appended to every row.
        pick = itemgetter(*(columns.get(name.casefold(), width) for name in (*wanted, "")))
        count = 0
        for cells in reader:
            if not "".join(cells).strip():
                continue
            count += 1
            check_count(count, f"line {reader.line_num}")
            if len(cells) != width:
                cells = cells[:width] + [""] * (width - len(cells))
            cells.append("")
            values = map(str.strip, pick(cells))  # one more than wanted: the "" of the pick
            yield CsvRow(reader.line_num, dict(zip(wanted, values, strict=False)))
    except csv.Error as error:
        raise FormatError(f"line {reader.line_num}: not valid CSV ({error}).") from None


def csv_header(text: str) -> list[str]:
    """The header row's names, stripped (an empty list for an empty file)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return [name.strip() for name in next(reader, [])]
    except csv.Error as error:
        raise FormatError(f"line 1: not valid CSV ({error}).") from None


def sniff_delimiter(text: str) -> str:
    """ "," unless the header line is clearly separated by ";" or tabs (spreadsheet exports)."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","
