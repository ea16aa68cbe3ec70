"""Mapping imported items onto a role's activities, fast, and the names people assign.

`EntryMapping` gives what `domain.time_rules.map_entries` gives (a property test
holds them equal) without its per-item cost; `name_rules` turns the names a
person assigns in the preview into rules for that run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.errors import DomainError
from rolemap.domain.record_rules import check_entry
from rolemap.domain.text import clean_text
from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.domain.time_rules import (
    RuleField,
    RuleHow,
    TimeRule,
    map_entries,
)
from rolemap.domain.tracking import EntryRow, TimeEntry
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
    TimeSource,
)

# A title no real item has (every reader refuses control characters) and that no rule reads.
_STAND_IN = "\x00"
_JOIN = " · "
# The variant digit of a UUID (10xx): the random digit's last two bits kept.
_VARIANT = {f"{n:x}": "89ab"[n % 4] for n in range(16)}
# The same for an id's bytes: the one that holds the version (0100: random) and the variant.
_VERSION_4 = bytes(0x40 | (byte & 0x0F) for byte in range(256))
_VARIANT_10 = bytes(0x80 | (byte & 0x3F) for byte in range(256))
# Where each of an id's 32 hex digits goes among its 36 characters (the dashes between).
_ID_COLUMNS = [digit + sum(digit >= dash for dash in (8, 12, 16, 20)) for digit in range(32)]
# `source.value` of an enum member costs 0.4 µs (a property); a dict look-up 0.03.
_SOURCE_VALUES = {source: source.value for source in TimeSource}
ZERO_LENGTH = "zero length"
REPEATED = "repeated in the file"


@dataclass(frozen=True, slots=True)
class SkipTotal:
    """What was left out for one reason ("all-day", "already imported", …)."""

    reason: str
    entries: int
    seconds: int


class EntryMapping:
    """`map_entries` for many entries, with the title and note left out where they cannot matter.

    `map_entries` remembers each distinct entry, title and note included, so
    100,000 Timewarrior intervals that each carry their own annotation cost
    33,000 rule walks (0.25 s of an import's 1.5 s). Rules never read the
    note, and read the title only through title rules or a title equal to an
    activity's: where neither holds, every entry with the same project, tags,
    calendar and attendees goes the same way, so one stand-in (its title
    `_STAND_IN`, no note) is mapped for all of them and the note is put back
    together around the stand-in's, the way `map_entries` writes it (title,
    project, tags, note, joined by " · "). tests/unit/test_time_import.py
    checks the result against `map_entries` for any entries and rules.
    """

    def __init__(self, activities: Mapping[str, str], rules: Sequence[TimeRule]) -> None:
        self._activities = activities
        self._rules = rules
        self._titles = {title.strip().casefold() for title in activities.values()}
        self._fast = not any(rule.field is RuleField.TITLE for rule in rules)
        self._decided: dict[tuple[object, ...], tuple[str | None, str]] = {}

    def __call__(self, entries: Sequence[ForeignEntry]) -> list[tuple[str | None, str]]:
        """(activity id or None, note) for each entry, as `map_entries` decides them."""
        if not self._fast:
            return [
                (m.activity_id, m.note) for m in map_entries(entries, self._activities, self._rules)
            ]
        slow = [
            e for e in entries if e.title.strip().casefold() in self._titles and e.title.strip()
        ]
        exact = iter(map_entries(slow, self._activities, self._rules))
        decided = self._decided
        found: list[tuple[str | None, str]] = []
        for entry in entries:
            title = entry.title.strip()
            if title and title.casefold() in self._titles:
                match = next(exact)
                found.append((match.activity_id, match.note))
                continue
            key = (entry.project, entry.tags, entry.calendar, entry.attendees)
            shared = decided.get(key)
            if shared is None:
                shared = decided[key] = self._stand_in(entry)
            activity_id, rest = shared
            note = entry.note.strip()
            if title or note:
                found.append((activity_id, _JOIN.join(p for p in (title, rest, note) if p)))
            else:
                found.append((activity_id, rest))
        return found

    def _stand_in(self, entry: ForeignEntry) -> tuple[str | None, str]:
        """The decision for entries like `entry`, and the middle of their note."""
        stand_in = entry._replace(title=_STAND_IN, note="")
        (match,) = map_entries([stand_in], self._activities, self._rules)
        rest = match.note.removeprefix(_STAND_IN).removeprefix(_JOIN)
        return match.activity_id, rest


class Tally:
    """Entries and seconds left out, by reason, in the order the reasons first came."""

    def __init__(self) -> None:
        self._counts: dict[str, list[int]] = {}

    def add(self, reason: str, seconds: int, entries: int = 1) -> None:
        count = self._counts.setdefault(reason, [0, 0])
        count[0] += entries
        count[1] += max(0, seconds)

    def totals(self) -> list[SkipTotal]:
        return [SkipTotal(reason, n, s) for reason, (n, s) in self._counts.items()]


def fresh_entries(
    entries: Sequence[ForeignEntry], skipped: Tally
) -> tuple[list[ForeignEntry], dict[str, set[str]]]:
    """The entries with a length, each external id once (the first time it comes); and
    their external ids by source, as the store looks them up."""
    seen: dict[str, set[str]] = {}  # by source value: hashing the enum costs 1 µs an entry
    kept = []
    for entry in entries:
        if entry.duration <= 0:
            skipped.add(ZERO_LENGTH, 0)
            continue
        ids = seen.get(entry.source)
        if ids is None:
            ids = seen[entry.source] = set()
        if entry.external_id in ids:
            skipped.add(REPEATED, entry.duration)
            continue
        ids.add(entry.external_id)
        kept.append(entry)
    return kept, seen


def checked_rows(
    mapped: Sequence[tuple[ForeignEntry, str, str]], ids: Iterator[str]
) -> list[EntryRow]:
    """The time entries to write as rows (`tracking.EntryRow`), each checked by the record
    rules, each with the next of `ids`.

    Raises FormatError naming the first entry a rule refuses.

    An entry whose start and length are plainly inside what
    `record_rules.check_entry` takes (ints, more than zero and at most 24 h, ending
    by the last moment kept) skips the call; any other goes through it, which
    accepts it or gives the rule's message. 0.1 s less for 100,000 entries.
    """
    rows: list[EntryRow] = []
    earliest, latest, longest, sources = EARLIEST, LATEST, MAX_ENTRY_SECONDS, _SOURCE_VALUES
    # `ids` goes on for the batches after this one: it need not end with `mapped`.
    for (entry, activity_id, note), new_id in zip(mapped, ids, strict=False):
        start, duration = entry.start, entry.duration
        try:
            row = (
                new_id,
                activity_id,
                start,
                duration,
                _clean_note(note) if note else "",
                sources[entry.source],
                entry.external_id,
                False,
            )
            if not (
                type(start) is int
                and type(duration) is int
                and 0 < duration <= longest
                and earliest <= start
                and start + duration <= latest
            ):
                check_entry(TimeEntry(*row))
        except DomainError as error:
            raise FormatError(f"{entry.where}: {error}") from None
        rows.append(row)
    if len(rows) != len(mapped):
        raise ValueError("fewer ids than entries")
    return rows


def ascending_ids(count: int) -> Iterator[str]:
    """`count` new random UUIDs (version 4, like `fresh_ids`), in ascending order.

    Entries are written oldest first, so that the store's indexes on the start
    grow at one end; ids that ascend with them let the primary key's index do
    the same (SQLite's time for 100,000 entries: 0.56 s with ids in random
    order, 0.45 s). Each id is as random as any: sorting only chooses which
    entry gets which, so their first 8 digits stay as distinct.

    The digits are laid out a column at a time (each of the 32 digits of every
    id with one slice), then split and sorted: 55 ms for 100,000 ids, where
    formatting each one and sorting took 80.
    """
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = raw[6::16].translate(_VERSION_4)
    raw[8::16] = raw[8::16].translate(_VARIANT_10)
    digits = raw.hex().encode("ascii")
    text = bytearray(b"-" * (37 * count))  # 36 characters and a line break each
    for digit, column in enumerate(_ID_COLUMNS):
        text[column::37] = digits[digit::32]
    text[36::37] = b"\n" * count
    ids = text.decode("ascii").split("\n")[:count]
    ids.sort()
    return iter(ids)


@lru_cache(maxsize=4096)
def _clean_note(note: str) -> str:
    return clean_text(note, "The note")


def fresh_ids(count: int) -> list[str]:
    """`count` new random UUIDs (version 4, like `entities.new_id`) as text.

    From one read of the system's random source: `uuid.uuid4()` costs 4.4 µs an
    id, 0.44 s for 100,000 entries (a third of the import's budget); this 0.7 µs.
    Time-ordered ids (version 7) would let the primary key's index grow at one
    end (0.15 s less for 100,000 entries), but their first 8 digits would be
    the same for every entry of an import, and `rolemap log --list` shows
    entries by those; `ascending_ids` gets most of that gain without it.
    """
    digits = os.urandom(16 * count).hex()
    return [
        f"{d[:8]}-{d[8:12]}-4{d[13:16]}-{_VARIANT[d[16]]}{d[17:20]}-{d[20:]}"
        for d in (digits[i : i + 32] for i in range(0, 32 * count, 32))
    ]


def entry_name(entry: ForeignEntry) -> str:
    """What an imported entry is called in messages: its title, project or tags."""
    return entry.title or entry.project or " ".join(entry.tags)


# -- names ----------------------------------------------------------------------------------


def name_rules(
    assigned: Sequence[tuple[str, str]], foreign: ForeignFile | None = None
) -> list[TimeRule]:
    """The rules that send each (name, activity id) pair's name to its activity.

    A name the person assigns may be a project, a tag or a title (Watson has
    projects, Timewarrior tags, a calendar titles): one rule, equal text
    ignoring case, for each field that holds the name in `foreign` (each
    field when it is not given, or holds it nowhere). Every rule costs each
    distinct item a comparison: three per name made mapping 100,000
    Timewarrior intervals 0.1 s slower.
    """
    wanted = {name.strip().casefold() for name, _ in assigned}
    held = _fields_holding(foreign, wanted) if foreign is not None and assigned else {}
    rules = []
    for name, activity_id in assigned:
        found = held.get(name.strip().casefold())
        for rule_field in (RuleField.PROJECT, RuleField.TAG, RuleField.TITLE):
            if found is None or rule_field in found:
                rules.append(TimeRule(rule_field, RuleHow.TEXT, name, activity_id))
    return rules


def _fields_holding(foreign: ForeignFile, wanted: set[str]) -> dict[str, set[RuleField]]:
    """Each of the `wanted` names (stripped, any case) → the fields it appears in, in the file."""
    held: dict[str, set[RuleField]] = {}
    entries = foreign.entries
    for rule_field, names in (
        (RuleField.PROJECT, set(map(attrgetter("project"), entries))),
        (RuleField.TAG, {tag for tags in set(map(attrgetter("tags"), entries)) for tag in tags}),
        (RuleField.TITLE, set(map(attrgetter("title"), entries))),
    ):
        for name in wanted.intersection(map(str.casefold, map(str.strip, names))):
            held.setdefault(name, set()).add(rule_field)
    return held
