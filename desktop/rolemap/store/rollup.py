"""The daily roll-up of tracked time, kept by SQLite triggers in the entry's own transaction.

`time_rollup(activity_id, day, seconds)` holds, for each activity and each
*local* calendar day, the seconds of finished time entries that fall on that
day. An entry that spans local midnight is split at midnight; a running timer
(NULL duration) counts once it is stopped. The dashboard reads a year from a
few thousand roll-up rows instead of scanning a million entries.

Why local days: weeks are ISO weeks in local time, and a UTC-day (or UTC-hour)
roll-up cannot be bucketed exactly into them (zones at +5:30 or +5:45 split UTC
hours; DST moves the edges). `local_days(day, start_utc, end_utc)` maps each
local day number (days since 1970-01-01 in the local calendar) to the UTC
seconds where it begins and ends, so the triggers split entries with plain
SQL, DST days of 23 or 25 hours included. The table is computed from the C
library's local time (what `datetime.fromtimestamp` shows) for 1970–2100;
`ensure_local_zone` rebuilds it and the roll-up when the machine's zone changes.

The triggers fire on INSERT, UPDATE and DELETE. `INSERT OR REPLACE` removes
the old row without firing delete triggers unless `recursive_triggers` is on,
which `database.connect` sets for every Rolemap connection.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

FIRST_YEAR = 1970
LAST_YEAR = 2100  # a year beyond domain.record_rules.LATEST, so every entry it allows shows
_DAY = 86400
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()

# The local days an entry touches: a local day lies within one UTC day of
# UTC day t // 86400 (offsets are between −12 h and +14 h).
_PIECES = """
    SELECT {row}.activity_id, d.day,
           {sign}(MIN({row}.start + {row}.duration, d.end_utc) - MAX({row}.start, d.start_utc))
    FROM local_days d
    WHERE d.day BETWEEN {row}.start / 86400 - 1 AND ({row}.start + {row}.duration) / 86400 + 1
      AND d.start_utc < {row}.start + {row}.duration AND d.end_utc > {row}.start
"""


def _add(row: str, sign: str) -> str:
    return (
        "INSERT INTO time_rollup (activity_id, day, seconds)"
        + _PIECES.format(row=row, sign=sign)
        + " ON CONFLICT (activity_id, day) DO UPDATE SET seconds = seconds + excluded.seconds;"
    )


def _tidy(row: str) -> str:
    return (
        f"DELETE FROM time_rollup WHERE activity_id = {row}.activity_id "
        f"AND day BETWEEN {row}.start / 86400 - 1 AND ({row}.start + {row}.duration) / 86400 + 1 "
        "AND seconds = 0;"
    )


TRIGGERS: tuple[str, ...] = (
    f"""CREATE TRIGGER time_rollup_insert AFTER INSERT ON time_entries
        WHEN NEW.duration > 0 BEGIN {_add("NEW", "+")} END""",
    f"""CREATE TRIGGER time_rollup_delete AFTER DELETE ON time_entries
        WHEN OLD.duration > 0 BEGIN {_add("OLD", "-")} {_tidy("OLD")} END""",
    f"""CREATE TRIGGER time_rollup_update_old AFTER UPDATE OF activity_id, start, duration
        ON time_entries WHEN OLD.duration > 0 BEGIN {_add("OLD", "-")} {_tidy("OLD")} END""",
    f"""CREATE TRIGGER time_rollup_update_new AFTER UPDATE OF activity_id, start, duration
        ON time_entries WHEN NEW.duration > 0 BEGIN {_add("NEW", "+")} END""",
)


TRIGGER_NAMES = (
    "time_rollup_insert",
    "time_rollup_delete",
    "time_rollup_update_old",
    "time_rollup_update_new",
)


def create_rollup(conn: sqlite3.Connection) -> None:
    """Make the roll-up tables and triggers and fill them (migration 3; inside its transaction)."""
    conn.execute(
        "CREATE TABLE local_days (day INTEGER PRIMARY KEY, "
        "start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE local_zone (id INTEGER PRIMARY KEY CHECK (id = 1), signature TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE time_rollup (activity_id TEXT NOT NULL, day INTEGER NOT NULL, "
        "seconds INTEGER NOT NULL, PRIMARY KEY (activity_id, day)) WITHOUT ROWID"
    )
    for trigger in TRIGGERS:
        conn.execute(trigger)
    _fill_local_days(conn)
    rebuild_rollup(conn)


@contextlib.contextmanager
def bulk_writes(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Write many entries without the per-row triggers, then rebuild the roll-up once.

    Use inside a transaction (the triggers' removal, the writes, the rebuild and
    the triggers' return commit together). The triggers cost ~40 µs an entry;
    for a million entries one GROUP BY afterwards is several times faster.
    """
    for name in TRIGGER_NAMES:
        conn.execute(f"DROP TRIGGER {name}")
    yield conn
    rebuild_rollup(conn)
    for trigger in TRIGGERS:
        conn.execute(trigger)


# Below this many new entries the per-row triggers are as fast as anything (~10 µs an
# entry): dropping and making them again is a schema change every other connection
# re-prepares its statements for, which is not worth saving 10 ms.
APPEND_IN_BULK_FROM = 1000


class Appending:
    """New entries written in batches with the roll-up kept exact (see `appending`).

    In bulk, `count` adds a batch's days to a tally kept in Python (on the
    caller's thread, while another writes the previous batch) and `finish`
    writes the tally: a few thousand (activity, day) rows. Counting them in
    SQL afterwards (`_add_rows_after`, one GROUP BY) took 0.2 s for 100,000
    entries, all of it after the last batch; in Python, beside the writes, 0.1 s
    that nobody waits for.
    """

    def __init__(
        self, conn: sqlite3.Connection, bulk: bool, span: tuple[int, int] | None = None
    ) -> None:
        self.conn = conn
        self.bulk = bulk
        self._before: int | None = None
        self._count = 0
        self._days = _DayTally(conn, span) if bulk else None

    def count(self, entries: Iterable[tuple[str, int, int | None]]) -> None:
        """Tally the days of (activity id, start, duration) rows about to be appended."""
        if self._days is not None:
            self._days.add(entries)

    def append(self, insert: Callable[[], object], count: int) -> None:
        """Run `insert`, which adds `count` new rows (already counted) to `time_entries`."""
        if self.bulk and self._before is None:
            (self._before,) = self.conn.execute(
                "SELECT coalesce(max(rowid), 0) FROM time_entries"
            ).fetchone()
        insert()
        self._count += count

    def finish(self) -> None:
        """Put the new rows' days into the roll-up.

        New rows take max(rowid) + 1, so they are exactly those above the max
        before the first batch: unless rowids ran out (2^63) and SQLite chose
        free ones at random, or a batch wrote another number of rows than it
        said. Then the whole roll-up is rebuilt.
        """
        if not self.bulk or self._before is None:
            return
        (added,) = self.conn.execute(
            "SELECT count(*) FROM time_entries WHERE rowid > ?", (self._before,)
        ).fetchone()
        if added != self._count or self._days is None:
            rebuild_rollup(self.conn)
        elif not self._days.write(self.conn):
            _add_rows_after(self.conn, self._before)


class _DayTally:
    """Seconds per (activity, local day), counted as the roll-up's SQL counts them.

    An entry counts on every local day it overlaps, with the part of it that
    falls on that day: the `_PIECES` query in Python. The days come from
    `local_days`: all of them (47,000 rows, 35 ms), or those of `span`, the UTC
    seconds the entries fall in if the caller knows. Should the days not
    follow each other without a gap (never, as `local_day_rows` makes them),
    or an entry fall outside `span`, `write` declines and the SQL counts instead.
    """

    def __init__(self, conn: sqlite3.Connection, span: tuple[int, int] | None = None) -> None:
        where, bounds = "", []
        if span is not None:  # a local day lies within a day of the UTC day (see _PIECES)
            where, bounds = "WHERE day BETWEEN ? AND ?", [span[0] // _DAY - 1, span[1] // _DAY + 1]
        rows = conn.execute(
            f"SELECT day, start_utc, end_utc FROM local_days {where} ORDER BY day", bounds
        ).fetchall()
        self._days = [int(r[0]) for r in rows]
        self._starts = [int(r[1]) for r in rows]
        self._ends = [int(r[2]) for r in rows]
        first = self._days[0] if rows else 0
        self._sound = self._ends[:-1] == self._starts[1:] and self._days == list(
            range(first, first + len(rows))
        )
        self._span = span
        self._seconds: dict[tuple[str, int], int] = {}

    def add(self, entries: Iterable[tuple[str, int, int | None]]) -> None:
        starts, ends, days, seconds = self._starts, self._ends, self._days, self._seconds
        last = len(starts)
        for activity_id, start, duration in entries:
            if not duration or duration <= 0:
                continue
            end = start + duration
            i = bisect_right(starts, start) - 1
            if i >= 0 and end <= ends[i]:  # inside one day, as most are: 2× faster this way
                key = (activity_id, days[i])
                seconds[key] = seconds.get(key, 0) + duration
                continue
            if self._span is not None and not self._span[0] <= start < end <= self._span[1]:
                self._sound = False  # its days may not have been read
                continue
            i = max(0, i)
            while i < last and starts[i] < end:
                if ends[i] > start:
                    key = (activity_id, days[i])
                    seconds[key] = seconds.get(key, 0) + min(end, ends[i]) - max(start, starts[i])
                i += 1

    def write(self, conn: sqlite3.Connection) -> bool:
        """Add the tally to `time_rollup`; False (nothing written) if the days were not sound."""
        if not self._sound:
            return False
        conn.executemany(
            "INSERT INTO time_rollup (activity_id, day, seconds) VALUES (?, ?, ?) "
            "ON CONFLICT (activity_id, day) DO UPDATE SET seconds = seconds + excluded.seconds",
            [(activity_id, day, total) for (activity_id, day), total in self._seconds.items()],
        )
        return True


@contextlib.contextmanager
def appending(
    conn: sqlite3.Connection, expected: int, span: tuple[int, int] | None = None
) -> Iterator[Appending]:
    """Insert about `expected` new entries with the roll-up exact, the fastest way for their number.

    Inside the block only `Appending.append` writes to `time_entries` (no
    update or delete), each batch told to `Appending.count` first. From
    `APPEND_IN_BULK_FROM` entries on, the triggers are dropped and the new
    entries' days are added when the block ends, so the cost follows the
    entries written, not the database (`bulk_writes` rebuilds the whole
    roll-up: 100,000 entries into a file of a million would cost a million
    entries' rebuild). Fewer entries go through the triggers. Use inside a
    transaction; on an error the rollback restores all. `span`, if known: the
    UTC seconds from the first start to the last end (`_DayTally`).
    """
    bulk = expected >= APPEND_IN_BULK_FROM
    if bulk:
        for name in TRIGGER_NAMES:
            conn.execute(f"DROP TRIGGER {name}")
    batches = Appending(conn, bulk, span)
    yield batches
    if bulk:
        batches.finish()
        for trigger in TRIGGERS:
            conn.execute(trigger)


def _add_rows_after(conn: sqlite3.Connection, rowid: int) -> None:
    """Add the days of the entries whose rowid is above `rowid` to the roll-up."""
    conn.execute(
        "INSERT INTO time_rollup (activity_id, day, seconds) "
        "SELECT e.activity_id, d.day, "
        "SUM(MIN(e.start + e.duration, d.end_utc) - MAX(e.start, d.start_utc)) "
        "FROM time_entries e JOIN local_days d "
        "ON d.day BETWEEN e.start / 86400 - 1 AND (e.start + e.duration) / 86400 + 1 "
        "AND d.start_utc < e.start + e.duration AND d.end_utc > e.start "
        "WHERE e.rowid > ? AND e.duration > 0 GROUP BY e.activity_id, d.day "
        "ON CONFLICT (activity_id, day) DO UPDATE SET seconds = seconds + excluded.seconds",
        (rowid,),
    )


def rebuild_rollup(conn: sqlite3.Connection) -> None:
    """Recompute the whole roll-up from the entries (one GROUP BY; run inside a transaction)."""
    conn.execute("DELETE FROM time_rollup")
    conn.execute(
        "INSERT INTO time_rollup (activity_id, day, seconds) "
        "SELECT e.activity_id, d.day, "
        "SUM(MIN(e.start + e.duration, d.end_utc) - MAX(e.start, d.start_utc)) "
        "FROM time_entries e JOIN local_days d "
        "ON d.day BETWEEN e.start / 86400 - 1 AND (e.start + e.duration) / 86400 + 1 "
        "AND d.start_utc < e.start + e.duration AND d.end_utc > e.start "
        "WHERE e.duration > 0 GROUP BY e.activity_id, d.day"
    )


def zone_signature() -> str:
    """What identifies the local time zone (cheap: ~260 offset samples and the names)."""
    samples = [
        time.localtime(((year - FIRST_YEAR) * 365 + half * 182) * _DAY).tm_gmtoff
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for half in (0, 1)
    ]
    return json.dumps([os.environ.get("TZ", ""), list(time.tzname), samples])


def ensure_local_zone(conn: sqlite3.Connection) -> bool:
    """Rebuild the local days and the roll-up if the zone changed; True if it did.

    Runs its own transaction; call it outside one (the dashboard does, before reading).
    A read-only file is left as it is (False).
    """
    signature = zone_signature()
    row = conn.execute("SELECT signature FROM local_zone WHERE id = 1").fetchone()
    if row is not None and row[0] == signature:
        return False
    # The days and the roll-up are derived data: a connection opened read-only
    # for a report may still bring them up to date for this zone.
    query_only = conn.execute("PRAGMA query_only").fetchone()[0]
    conn.execute("PRAGMA query_only = OFF")
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error) and "read-only" not in str(error):
                raise
            # A file nobody here may write keeps the days of the zone it was last
            # written in; its figures are read as they are.
            return False
        try:
            conn.execute("DELETE FROM local_days")
            _fill_local_days(conn, signature)
            rebuild_rollup(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.execute(f"PRAGMA query_only = {int(query_only)}")
    return True


def _fill_local_days(conn: sqlite3.Connection, signature: str | None = None) -> None:
    conn.executemany("INSERT INTO local_days VALUES (?, ?, ?)", local_day_rows())
    conn.execute(
        "INSERT OR REPLACE INTO local_zone (id, signature) VALUES (1, ?)",
        (signature or zone_signature(),),
    )


def local_day_rows(
    first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> list[tuple[int, int, int]]:
    """(local day number, UTC start, UTC end) for every day of the years, in this process's zone.

    Offsets are sampled weekly; only weeks where the offset changes are worked
    out day by day with mktime (mktime costs ~9 µs a call, 47,000 calls would
    cost 0.4 s; this way the table takes ~40 ms).
    """
    import datetime as dt

    first = dt.date(first_year, 1, 1).toordinal() - _EPOCH_ORDINAL
    last = dt.date(last_year, 12, 31).toordinal() - _EPOCH_ORDINAL
    # Sample every 7th day; a day whose neighbouring samples differ is computed exactly.
    samples = {d: time.localtime(d * _DAY).tm_gmtoff for d in range(first - 7, last + 9, 7)}
    starts: list[int] = []
    offset = samples[first - 7]
    for day in range(first, last + 2):
        base = first - 7 + ((day - first + 7) // 7) * 7
        before, after = samples[base], samples.get(base + 7, samples[base])
        near = samples.get(base - 7, before)
        if before == after == near:
            offset = before
            starts.append(day * _DAY - offset)
        else:
            date = dt.date.fromordinal(day + _EPOCH_ORDINAL)
            starts.append(int(time.mktime((date.year, date.month, date.day, 0, 0, 0, 0, 0, -1))))
    return [(first + i, starts[i], starts[i + 1]) for i in range(len(starts) - 1)]
