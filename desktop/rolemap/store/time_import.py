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
import itertools
import json
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.tracking import TimeEntry
from rolemap.store.record_repository import ENTRY_COLUMNS
from rolemap.store.rollup import appending

CALENDAR_ADDRESSES = "calendar-addresses"
BATCH = 10_000
BULK_CACHE_KIB = -65536  # 64 MiB, allocated only as the pages are used
ROWS_PER_STATEMENT = 4000  # 32,000 parameters: SQLite takes up to 32,766 by default
_ROW_MARKS = ",".join("?" * len(ENTRY_COLUMNS.split(",")))


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
    conn: sqlite3.Connection, expected: int
) -> Iterator[Callable[[Sequence[TimeEntry]], None]]:
    """A function that inserts batches of new time entries (inside a transaction).

    For many entries (`rollup.APPEND_IN_BULK_FROM`), each batch is written by a
    thread of its own while the caller prepares the next, a few thousand rows
    to an INSERT statement: SQLite lets go of Python's lock while it runs one,
    so on two cores the writes cost the caller next to nothing. (Row by row,
    `executemany` needs the lock back after every row: beside a caller mapping
    entries it wrote 10,000 rows in 0.16–0.38 s instead of 0.06 s; and many
    rows to a statement take 30 % less time than `executemany` anyway.) The
    caller must not use the connection until the block ends; the block waits
    for every batch, then raises the first batch's error. Fewer entries are
    written at once through the roll-up's triggers. An id in use fails, never
    replaces.
    """
    with appending(conn, expected) as batches:
        if not batches.bulk:
            yield lambda entries: batches.append(lambda: _insert(conn, entries), len(entries))
            return
        (cache,) = conn.execute("PRAGMA cache_size").fetchone()
        # A bigger page cache for the batch: ~20 % less time for 100,000 entries.
        conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        pending: list[Future[None]] = []
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolemap-writer") as pool:

                def write(entries: Sequence[TimeEntry]) -> None:
                    rows = _rows(entries)
                    batches.count([(e.activity_id, e.start, e.duration) for e in entries])
                    pending.append(
                        pool.submit(batches.append, lambda: _insert_many(conn, rows), len(rows))
                    )

                yield write
            for batch in pending:
                batch.result()
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")


def insert_entries(conn: sqlite3.Connection, entries: Sequence[TimeEntry]) -> None:
    """Insert new time entries (inside a transaction); an id in use fails, never replaces."""
    with entry_writer(conn, len(entries)) as write:
        for start in range(0, len(entries), BATCH):
            write(entries[start : start + BATCH])


def _rows(entries: Sequence[TimeEntry]) -> list[tuple[object, ...]]:
    return [
        (e.id, e.activity_id, e.start, e.duration, e.note, e.source, e.external_id, int(e.example))
        for e in entries
    ]


def _insert(conn: sqlite3.Connection, entries: Sequence[TimeEntry]) -> None:
    conn.executemany(
        f"INSERT INTO time_entries ({ENTRY_COLUMNS}) VALUES ({_ROW_MARKS})", _rows(entries)
    )


def _insert_many(conn: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert rows a few thousand to a statement (as many as SQLite takes parameters for)."""
    width = len(_ROW_MARKS.split(","))
    per = max(
        1, min(ROWS_PER_STATEMENT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    )
    for start in range(0, len(rows), per):
        part = rows[start : start + per]
        conn.execute(
            f"INSERT INTO time_entries ({ENTRY_COLUMNS}) VALUES "
            + ",".join(itertools.repeat(f"({_ROW_MARKS})", len(part))),
            tuple(itertools.chain.from_iterable(part)),
        )


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
