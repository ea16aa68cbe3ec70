"""Writing imported time: what is already there, what it overlaps, and the write itself.

An imported entry is found again by its `source` (the tool: "timew",
"ics", …) and `external_id` (the tool's stable id), so importing a file twice
adds nothing twice; the look-up is over the whole database, since an hour
spent in one role is not spent again in another. Overlaps are also found
across the whole database. `insert_entries` and `entry_writer` write new
entries through the roll-up's appending path (`rollup.appending`): through
the triggers for a few entries; for many, in batches that a thread of their
own writes while the roll-up's days are tallied beside them.

The person's calendar addresses (to leave out the events they declined) are a
preference of the whole database, `calendar-addresses`, a JSON list.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import operator
import sqlite3
import sys
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.tracking import EntryRow, TimeEntry
from rolemap.store.record_repository import ENTRY_COLUMNS
from rolemap.store.rollup import appending

CALENDAR_ADDRESSES = "calendar-addresses"
BATCH = 10_000
BULK_CACHE_KIB = -65536  # 64 MiB, allocated only as the pages are used
ROWS_PER_STATEMENT = 4000  # 32,000 parameters: SQLite takes up to 32,766 by default
# How long a thread may keep Python's lock while another waits for it, during a bulk write.
WRITER_SWITCH_SECONDS = 0.0002
_ROW_MARKS = ",".join("?" * len(ENTRY_COLUMNS.split(",")))
_ACTIVITY_START_DURATION = operator.itemgetter(1, 2, 3)  # of an `EntryRow`
_START = operator.attrgetter("start")


def imported_external_ids(
    conn: sqlite3.Connection, source: str, external_ids: Collection[str]
) -> set[str]:
    """The ids among `external_ids` that an entry from `source` already carries.

    Reading every id of the source through the (source, external_id) index costs
    ~0.8 µs a stored entry; looking each wanted id up costs ~1.6 µs an id. The
    cheaper is chosen by the number of each.
    """
    if not external_ids:
        return set()
    (stored,) = conn.execute(
        "SELECT count(*) FROM time_entries WHERE source = ?", (source,)
    ).fetchone()
    if not stored:
        return set()
    if stored < 2 * len(external_ids):
        rows = conn.execute(
            "SELECT external_id FROM time_entries WHERE source = ? AND external_id IS NOT NULL",
            (source,),
        )
        wanted = external_ids if isinstance(external_ids, set | frozenset) else set(external_ids)
        return {str(row[0]) for row in rows if row[0] in wanted}
    rows = conn.execute(
        "SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM time_entries "
        "WHERE source = ? AND external_id = value)",
        (json.dumps(list(external_ids)), source),
    )
    return {str(row[0]) for row in rows}


def overlapping(
    conn: sqlite3.Connection, spans: Sequence[tuple[int, int]], now: int
) -> list[str | None]:
    """For each (start, duration) span, the id of a stored entry it overlaps, or None.

    Two entries overlap when each starts before the other ends (touching is
    not overlapping). A running timer counts until `now` (at most 24 h, as the
    figures count it). Entries last at most 24 h, so only stored entries that
    start from a day before the first span can overlap; they are read once,
    sorted by start, and each span is one binary search over their running
    latest end.
    """
    if not spans:
        return []
    low = min(start for start, _ in spans) - MAX_ENTRY_SECONDS
    high = max(start + duration for start, duration in spans)
    rows = conn.execute(
        "SELECT id, start, coalesce(duration, min(max(? - start, 1), 86400)) FROM time_entries "
        "WHERE start >= ? AND start < ? ORDER BY start",
        (now, low, high),
    ).fetchall()
    if not rows:  # nothing stored near them (an import into a new role): 10 ms less
        return [None] * len(spans)
    starts: list[int] = []
    latest_end: list[int] = []  # the latest end among the entries up to here
    latest_id: list[str] = []
    end, owner = low - 1, ""
    for entry_id, start, duration in rows:
        if start + duration > end:
            end, owner = start + duration, str(entry_id)
        starts.append(int(start))
        latest_end.append(end)
        latest_id.append(owner)
    found: list[str | None] = []
    for start, duration in spans:
        before = bisect_left(starts, start + duration)  # stored entries starting before our end
        if before and latest_end[before - 1] > start and duration > 0:
            found.append(latest_id[before - 1])
        else:
            found.append(None)
    return found


@contextlib.contextmanager
def entry_writer(
    conn: sqlite3.Connection, expected: int, span: tuple[int, int] | None = None
) -> Iterator[Callable[[Sequence[EntryRow]], None]]:
    """A function that inserts batches of new time entries (inside a transaction), as rows.

    A row holds an entry's fields in `TimeEntry`'s order (`tracking.EntryRow`),
    which is the order of the table's columns. For many entries
    (`rollup.APPEND_IN_BULK_FROM`), each batch is written by a
    thread of its own while the caller prepares the next, a few thousand rows
    to an INSERT statement: SQLite lets go of Python's lock while it runs one,
    so on two cores the writes cost the caller next to nothing. (Row by row,
    `executemany` needs the lock back after every row: beside a caller mapping
    entries it wrote 10,000 rows in 0.16–0.38 s instead of 0.06 s; and many
    rows to a statement take 30 % less time than `executemany` anyway.) The
    caller must not use the connection until the block ends; the block waits
    for every batch, then raises the first batch's error. Fewer entries are
    written at once through the roll-up's triggers. An id in use fails, never
    replaces. `span`, if known, is the UTC seconds from the first start to the
    last end (the roll-up then reads only those days: `rollup.appending`).
    """
    with appending(conn, expected, span) as batches:
        if not batches.bulk:
            yield lambda rows: batches.append(lambda: _insert(conn, rows), len(rows))
            return
        (cache,) = conn.execute("PRAGMA cache_size").fetchone()
        # A bigger page cache for the batch: ~20 % less time for 100,000 entries.
        conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        # The writer needs Python's lock for a moment around each statement; a caller busy
        # mapping the next batch kept it waiting up to the switch interval (5 ms) each time,
        # and 100,000 entries' writes fell 0.15 s behind the caller.
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, WRITER_SWITCH_SECONDS))
        per = _rows_per_statement(conn)
        pending: list[Future[None]] = []
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolemap-writer") as pool:

                def write(rows: Sequence[EntryRow]) -> None:
                    statements = _statements(rows, per)
                    batches.count(map(_ACTIVITY_START_DURATION, rows))
                    pending.append(
                        pool.submit(batches.append, lambda: _run(conn, statements), len(rows))
                    )

                yield write
            for batch in pending:
                batch.result()
        finally:
            sys.setswitchinterval(switch)
            conn.execute(f"PRAGMA cache_size = {int(cache)}")


def insert_entries(conn: sqlite3.Connection, entries: Sequence[TimeEntry]) -> None:
    """Insert new time entries (inside a transaction); an id in use fails, never replaces."""
    starts = list(map(_START, entries))
    # No entry lasts over a day (the record rules); one that did would only cost time.
    span = (min(starts), max(starts) + MAX_ENTRY_SECONDS) if starts else None
    with entry_writer(conn, len(entries), span) as write:
        for start in range(0, len(entries), BATCH):
            write(entry_rows(entries[start : start + BATCH]))


def entry_rows(entries: Sequence[TimeEntry]) -> list[EntryRow]:
    """The entries as `entry_writer` takes them."""
    return [
        (e.id, e.activity_id, e.start, e.duration, e.note, e.source, e.external_id, e.example)
        for e in entries
    ]


def _insert(conn: sqlite3.Connection, rows: Sequence[EntryRow]) -> None:
    conn.executemany(f"INSERT INTO time_entries ({ENTRY_COLUMNS}) VALUES ({_ROW_MARKS})", rows)


def _rows_per_statement(conn: sqlite3.Connection) -> int:
    """As many rows to an INSERT as SQLite takes parameters for, up to `ROWS_PER_STATEMENT`."""
    width = len(_ROW_MARKS.split(","))
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, limit // width))


def _statements(rows: Sequence[EntryRow], per: int) -> list[tuple[str, tuple[object, ...]]]:
    """The INSERT statements of `rows`, `per` rows to one, with their parameters.

    Made by the caller, so that the writer's thread (the slower of the two)
    only runs them: 20 ms of 100,000 entries' writing.
    """
    return [
        (_insert_sql(len(part)), tuple(itertools.chain.from_iterable(part)))
        for part in (rows[start : start + per] for start in range(0, len(rows), per))
    ]


@functools.lru_cache(maxsize=8)
def _insert_sql(count: int) -> str:
    """An INSERT of `count` rows (the same text each time: SQLite's statement cache keeps it)."""
    marks = ",".join(itertools.repeat(f"({_ROW_MARKS})", count))
    return f"INSERT INTO time_entries ({ENTRY_COLUMNS}) VALUES {marks}"


def _run(conn: sqlite3.Connection, statements: list[tuple[str, tuple[object, ...]]]) -> None:
    for sql, parameters in statements:
        conn.execute(sql, parameters)


def change_mark(conn: sqlite3.Connection) -> tuple[int, int]:
    """What changes when anyone commits to the file: another connection, or this one.

    A plan made with one mark is still true while the mark is the same.
    """
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    return int(version), conn.total_changes


def calendar_addresses(conn: sqlite3.Connection) -> list[str]:
    """The person's calendar addresses as last given (an empty list if never, or unreadable)."""
    row = conn.execute(
        "SELECT value FROM preferences WHERE key = ?", (CALENDAR_ADDRESSES,)
    ).fetchone()
    try:
        value = json.loads(row[0]) if row else []
    except ValueError:
        return []
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item.strip()]


def save_calendar_addresses(conn: sqlite3.Connection, addresses: Sequence[str]) -> None:
    """Remember the person's calendar addresses (inside a transaction)."""
    conn.execute(
        "INSERT INTO preferences (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (CALENDAR_ADDRESSES, json.dumps(list(addresses), ensure_ascii=False)),
    )
