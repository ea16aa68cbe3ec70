"""Time from other tools: the neutral values every time parser yields, and their shared checks.

Each source module (`ics`, `toggl_csv`, `clockify_csv`, `timewarrior`,
`watson`, `generic_csv`) turns a file's bytes into one `ForeignFile`: the
`ForeignEntry` values to import and the `Skipped` items left out on purpose,
each with its reason. A broken file raises `FormatError` naming the line or
event; no other exception leaves a parser.

What every source shares:

- `start` is UTC epoch seconds, between 1970-01-02 and 2099-12-31.
- `duration` is seconds, 0 to 24 h. Zero is allowed (an event with neither
  DTEND nor DURATION); Rolemap's record rules refuse a zero-length entry, so
  the importer leaves those out. Over 24 h is refused with a `FormatError`,
  except in a calendar, where a multi-day event is skipped instead.
- `title` is the text a rule matches ("title" field): the Toggl/Clockify
  description, the event summary, the Timewarrior annotation; Watson has none.
- `note` is free text kept for the entry's note and never matched (the
  generic CSV's note column).
- `external_id` is stable across re-exports of the same item, so that
  importing a file twice adds nothing twice (with `source`).
- `where` names the item for messages: "line 12", "event 3 (UID …)".

The CSV tables, dates and times of day of the spreadsheet-like sources are
read by `time_cells`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from rolemap.domain.durations import MAX_ENTRY_SECONDS, format_duration
from rolemap.domain.text import CONTROL
from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.interchange import safe_json
from rolemap.interchange.errors import FormatError
from rolemap.interchange.safe_json import decode_utf8
from rolemap.interchange.safe_json import paused_gc as paused_gc  # where the parsers take it

MAX_BYTES = 200 * 1024 * 1024
_UNSAFE = CONTROL
MAX_ITEMS = 2_000_000


class TimeSource(StrEnum):
    """Which kind of file an entry came from (stored as the time entry's `source`)."""

    ICS = "ics"
    TOGGL = "toggl"
    CLOCKIFY = "clockify"
    TIMEW = "timew"
    WATSON = "watson"
    CSV = "csv"


class ForeignEntry(NamedTuple):
    """One finished piece of time read from another tool's file.

    A NamedTuple rather than a frozen dataclass: as immutable and typed, and
    built in 0.24 µs instead of 2.1 µs, a fifth of the parse time of 100,000
    Timewarrior intervals.
    """

    start: int
    duration: int
    title: str
    external_id: str
    source: TimeSource
    where: str
    project: str = ""
    tags: tuple[str, ...] = ()
    calendar: str = ""
    attendees: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item left out on purpose: `reason` is "all-day", "declined", "cancelled", "free", …."""

    title: str
    start: int | None
    duration: int
    reason: str
    where: str


@dataclass(slots=True)
class ForeignFile:
    """Everything one file gave: the entries to import and what was left out, in file order."""

    entries: list[ForeignEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OutgoingEntry:
    """A Rolemap time entry on its way out to another tool.

    `activity` is the activity's title, `note` the entry's note and `tags`
    extra labels (a category, say) for the formats that carry tags.
    """

    start: int
    duration: int
    activity: str
    note: str = ""
    tags: tuple[str, ...] = ()


# -- shared checks --------------------------------------------------------------------------


def decode_text(data: bytes, what: str) -> str:
    """`data` as text: UTF-8 with or without a byte-order mark; else FormatError."""
    return decode_utf8(data, what, MAX_BYTES)


def check_count(count: int, where: str) -> None:
    """Refuse a file with more items than one import takes."""
    if count > MAX_ITEMS:
        raise FormatError(
            f"{where}: the file holds more than {MAX_ITEMS:,} items; "
            "import it in parts (a year at a time)."
        )


def check_span(start: int, duration: int, where: str) -> None:
    """Refuse a start outside 1970-01-02..2099-12-31 or a duration outside 0..24 h."""
    if not EARLIEST <= start < LATEST:
        raise FormatError(f"{where}: the date is outside 1970-01-02 … 2099-12-31.")
    if duration < 0:
        raise FormatError(f"{where}: the entry ends before it starts.")
    if duration > MAX_ENTRY_SECONDS:
        raise FormatError(
            f"{where}: the entry lasts {format_duration(duration)}; Rolemap takes entries "
            "of at most 24 h (split it, or fix a timer left running)."
        )


def check_texts(result: ForeignFile, *texts: str) -> ForeignFile:
    """`result`, unless a name or note holds a control character or a lone surrogate.

    The database cannot store a lone surrogate (from a JSON `\\ud800`) and a terminal
    would obey a control character. `texts` are the files: when they hold neither (nor a
    JSON escape of one), which is nearly always, no entry needs looking at.
    """
    if not any(safe_json.may_hold_unsafe(t) for t in texts):
        return result
    for entry in result.entries:
        _refuse_unsafe(
            entry.where, entry.title, entry.project, entry.calendar, entry.note, *entry.tags
        )
    for skipped in result.skipped:
        _refuse_unsafe(skipped.where, skipped.title)
    return result


def _refuse_unsafe(where: str, *texts: str) -> None:
    found = _UNSAFE.search("".join(texts))
    if found:
        character = found.group()
        kind = "a lone surrogate" if "\ud800" <= character <= "\udfff" else "a control character"
        raise FormatError(f"{where}: the text holds {kind} (U+{ord(character):04X}).")


def stable_id(*parts: str) -> str:
    """A short digest of `parts` that is the same on every run and machine."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def utc_epoch(moment: dt.datetime, where: str) -> int:
    """Epoch seconds of an aware datetime; FormatError if it cannot be represented."""
    try:
        return int(moment.timestamp())
    except (OverflowError, ValueError, OSError):
        raise FormatError(f"{where}: the date is outside 1970-01-02 … 2099-12-31.") from None


def load_json(text: str, what: str) -> Any:
    """Parse JSON text the careful way (`safe_json`); the entries' texts are checked later."""
    with paused_gc():
        return safe_json.load_json(text, what, check_text=False)
