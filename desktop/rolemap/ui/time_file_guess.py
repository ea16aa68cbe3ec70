"""Which tool a file of time comes from, told by its name and its first bytes.

The import's first page (`ui/time_source_form.py`) guesses the format as
soon as a file is chosen, so that the person only has to correct it. A
calendar and a Watson frames file show in their names; a JSON file is a
Timewarrior export or Watson's frames by its first brackets; a CSV is Toggl's
or Clockify's by the columns only their detailed reports have, else any CSV.
Only the first `SNIFF_BYTES` are read, cut at the last whole line, so that a
year of time costs no more to guess than a day.
"""

from __future__ import annotations

from pathlib import Path

from rolemap.interchange.errors import FormatError
from rolemap.interchange.generic_csv import sniff_columns
from rolemap.services.time_files import TimeFormat

SNIFF_BYTES = 64 * 1024


def guess_format(path: Path) -> TimeFormat | None:
    """The format a file most likely is, from its name and first bytes; None if unsure."""
    if path.is_dir():
        return TimeFormat.TIMEW
    suffix = path.suffix.lower()
    if suffix in (".ics", ".ical", ".ifb", ".icalendar"):
        return TimeFormat.ICS
    if path.name == "frames":
        return TimeFormat.WATSON
    head = file_head(path)
    if suffix == ".json" or head[:1] == "[":
        compact = "".join(head[:200].split())
        if compact.startswith("[["):
            return TimeFormat.WATSON
        if compact.startswith("[{") or compact == "[]":
            return TimeFormat.TIMEW
        return None
    if suffix in (".csv", ".tsv", ".txt"):
        header = {name.strip().casefold() for name in csv_header(head)}
        if "duration (h)" in header or "duration (decimal)" in header:
            return TimeFormat.CLOCKIFY
        if {"start date", "start time", "duration"} <= header:
            return TimeFormat.TOGGL
        return TimeFormat.CSV
    return None


def file_head(path: Path) -> str:
    """The file's first bytes as text, cut at the last whole line ("" if unreadable)."""
    try:
        with path.open("rb") as file:
            data = file.read(SNIFF_BYTES)
    except OSError:
        return ""
    if len(data) == SNIFF_BYTES and b"\n" in data:
        data = data[: data.rindex(b"\n") + 1]
    return data.decode("utf-8-sig", errors="replace")


def csv_header(head: str) -> list[str]:
    """The column names of the CSV that `head` begins (none if it is no CSV)."""
    try:
        return sniff_columns(head.encode("utf-8"))
    except FormatError:
        return []
