"""Counting a text's hits in a whole table: in parts on other threads, the first hits at once.

A text has no index to count by, so its count is a scan of the table: 70 to
130 ms for a million time entries, by how often the text's first letter
comes up. The table is scanned in parts by rowid, one a core, each on a
memory-mapped connection of its own (SQLite lets go of the GIL while it
scans). Each part first keeps its first `limit + 1` hits, then counts the
rest.

`at_least()` waits only for those first hits. When the hits are few, that
is all of them (kept, so that reading them is a search by rowid); when they
are many, it is a lower bound a table can show at once, while `total`
brings the whole count when the parts are done. `cancel()` stops a count no
one wants any more (another filter was typed), so that it does not slow the
next one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rolemap.store.database import open_reader


def _yield_to_window() -> None:
    """Lower a counting thread's priority: the rest of a count runs while the window paints
    the first hits, and on two cores the paint should not wait for it (Linux: per thread)."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux: as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


# Counts outlive the selection that started them by the moment a cancel takes:
# room for a new count's parts beside an old one's.
_POOL = ThreadPoolExecutor(8, thread_name_prefix="rolemap-count", initializer=_yield_to_window)
PROGRESS_STEPS = 100_000  # SQLite engine steps between two looks at a cancel


_RUNNING: weakref.WeakSet[TextCount] = weakref.WeakSet()


def cancel_all() -> None:
    """Cancel every count under way (the window is closing: the exit waits for none)."""
    for counting in list(_RUNNING):
        counting.cancel()


class CountCancelledError(Exception):
    """The count was cancelled before it finished."""


class TextCount:
    """The hits of `scan` (a FROM … WHERE clause on table alias `t`) among rowids [low, high).

    Args:
        path: the database file (each part opens its own connection).
        scan: the clause, with named parameters in `params`.
        low, high: the rowids to scan, [low, high).
        parts: how many parts to scan side by side.
        limit: hits a part keeps before it only counts.
    """

    def __init__(
        self,
        path: Path,
        scan: str,
        params: dict[str, Any],
        low: int,
        high: int,
        *,
        parts: int,
        limit: int,
    ) -> None:
        self._path, self._scan, self._params, self._limit = path, scan, params, limit
        self._lock = threading.Lock()
        self._cancelled = False
        self._open: list[sqlite3.Connection] = []
        edges = [low + (high - low) * i // parts for i in range(parts + 1)]
        self._first: list[Future[list[int]]] = [Future() for _ in range(parts)]
        self.total: Future[int] = Future()
        self._left = parts
        self._sum = 0
        _RUNNING.add(self)
        for i in range(parts):
            _POOL.submit(self._part, i, edges[i], edges[i + 1])

    def at_least(self) -> tuple[int, bool, list[int] | None]:
        """(hits found, whether that is all of them, and if it is, their rowids).

        Waits for each part's first hits only.
        """
        found = [first.result() for first in self._first]
        complete = all(len(hits) <= self._limit for hits in found)
        hits = [rowid for part in found for rowid in part]
        return len(hits), complete, hits if complete else None

    def cancel(self) -> None:
        """Stop the parts still scanning; `total` then fails with CountCancelledError."""
        with self._lock:
            self._cancelled = True
            for conn in self._open:
                conn.interrupt()

    def _stop_asked(self) -> int:
        """SQLite's progress handler: non-zero stops the statement under way."""
        return 1 if self._cancelled else 0

    def _part(self, i: int, low: int, high: int) -> None:
        try:
            count = self._count_part(i, low, high)
        except BaseException as error:  # handed to whoever waits
            failure = CountCancelledError() if self._cancelled else error
            if not self._first[i].done():
                self._first[i].set_exception(failure)
            self._finish(None, failure)
        else:
            self._finish(count, None)

    def _count_part(self, i: int, low: int, high: int) -> int:
        conn = open_reader(self._path, mapped=True)
        # An interrupt reaches only a statement already running: a cancel between the
        # first hits and the count would be lost. The handler stops any statement
        # begun after it too (asked every 100,000 steps of SQLite's engine, ~1 ms).
        conn.set_progress_handler(self._stop_asked, PROGRESS_STEPS)
        try:
            with self._lock:
                if self._cancelled:
                    raise CountCancelledError()
                self._open.append(conn)
            hits = first_hits(conn, self._scan, self._params, low, high, self._limit)
            self._first[i].set_result(hits)
            if len(hits) <= self._limit:
                return len(hits)
            # The scan goes in rowid order: the rest come after the last hit kept.
            return len(hits) + count_hits(conn, self._scan, self._params, hits[-1] + 1, high)
        finally:
            with self._lock:
                if conn in self._open:
                    self._open.remove(conn)
            conn.close()

    def _finish(self, count: int | None, error: BaseException | None) -> None:
        with self._lock:
            self._left -= 1
            self._sum += count or 0
            if self.total.done():
                return
            if error is not None:
                self.total.set_exception(error)
            elif self._left == 0:
                self.total.set_result(self._sum)


def first_hits(
    conn: sqlite3.Connection, scan: str, params: dict[str, Any], low: int, high: int, limit: int
) -> list[int]:
    """The rowids of the first `limit + 1` hits of `scan` among rowids [low, high), in order.

    One row of JSON, not a row a hit: two parts fetching rows into Python pass
    the GIL to and fro at each row, 25 ms for 10,000 hits, not 5.
    """
    first = f"SELECT t.rowid {scan} AND t.rowid >= :part_low AND t.rowid < :part_high"
    select = f"SELECT json_group_array(rowid) FROM ({first} LIMIT {limit + 1})"
    bounds = {**params, "part_low": low, "part_high": high}
    return list(json.loads(conn.execute(select, bounds).fetchone()[0]))


def count_hits(
    conn: sqlite3.Connection, scan: str, params: dict[str, Any], low: int, high: int
) -> int:
    """How many hits `scan` has among rowids [low, high)."""
    sql = f"SELECT COUNT(*) {scan} AND t.rowid >= :part_low AND t.rowid < :part_high"
    return int(conn.execute(sql, {**params, "part_low": low, "part_high": high}).fetchone()[0])
