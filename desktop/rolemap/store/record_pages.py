"""A role's tracking records a page at a time: sorted, filtered and counted in SQL.

The Track tab's tables show a *selection*: the records of some nodes, inside
a range of dates, holding a text, in one order (`record_query` spells out
what it holds). A table never reads a whole log: it asks how many rows the
selection has (so the scroll bar is right), and reads the rows it shows by
keyset ("the 200 after this one", `record_keys`) or, for a jump, by offset
from the nearer end of the selection.

Each order is an index (`record_orders`), so a page is a range search that
stops after its rows.

A *by-node* order (the Activity, Category, Output and Outcome columns) lists
the nodes in the order the caller gives and each node's records newest first,
so each node is a run of its own index, counted when first needed.

A text filter (case-insensitive for ASCII letters, as SQLite's LIKE) has no
index to use: its count is a scan of the table in parts on other threads
(text_count.py), which keeps the hits when they are few (they are then read
by rowid). When they are many, `first_count` gives what was found at once,
so that a table shows the first hits while the rest are counted.

Measured at 1,000,000 entries, 2 cores: a count 13 ms (whole log) to 30 ms
(a date range), 95 ms through the activity index; a keyset page of 200 rows
0.3 ms; an offset of 500,000 rows 12 ms in the start index, but 760 ms when
each row's activity is tested; a text count 60–90 ms, its first hits 10 ms.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rolemap.store.record_keys import Key, RecordKeys, Row
from rolemap.store.record_orders import ORDERS, TABLES
from rolemap.store.record_query import Reach, RecordConditions, RecordQuery
from rolemap.store.text_count import CountCancelledError, TextCount, count_hits, first_hits

# A selection of at most this many rows is read through its nodes' index (or, for
# a text, one scan of the table) and sorted by SQLite: 3.6 µs a row, 18 ms at most,
# where walking an order's index would test each row of the log (40 ms for 5,000
# of 1,000,000). The tab reads such a selection whole, once.
SMALL = 5_000
MAX_PARTS = 4  # the parts a scan is counted in, at most (one a core)


class RecordPages:
    """The SQL of one selection: counts, pages by keyset or offset, rows by id.

    Args:
        conn: the connection to read through (reads only, outside transactions).
        query: the selection and its order.
    """

    def __init__(self, conn: sqlite3.Connection, query: RecordQuery) -> None:
        self.conn = conn
        self.query = query
        self.table = TABLES[query.kind]
        self.order = ORDERS[query.kind][query.order]
        self.where = RecordConditions(self.table, query)
        self.keys = RecordKeys(self.table, self.order)
        self.check_reach()
        self._total: int | None = None
        self._hits: str | None = None  # the rowids of a text's few hits (JSON), once counted
        self._counting: TextCount | None = None  # a text's count under way (`first_count`)
        self._lower: int | None = None  # what it had found at once: more than SMALL

    def again(self) -> RecordPages:
        """The same selection read afresh (after changes it could not follow)."""
        return RecordPages(self.conn, self.query)

    @property
    def reach(self) -> Reach:
        """How statements keep to the selection's nodes (see `record_query`)."""
        return self.where.reach

    @property
    def jumps_slowly(self) -> bool:
        """Whether a jump deep into the selection tests each row it passes (100 ms and more)."""
        return (self.reach is Reach.INCLUDE or bool(self.query.text)) and not self._small()

    @property
    def descending(self) -> bool:
        """Whether keys fall down the rows (by-node runs are newest first)."""
        return True if self.order.by_node else self.query.descending

    # -- counting -----------------------------------------------------------------------------

    def count(self) -> int:
        """How many records the selection holds."""
        if self._total is None:
            self._total = self._count()
        return self._total

    def _count(self) -> int:
        t = self.table
        params: dict[str, Any] = {}
        if self.query.text:
            return self._count_text()
        if self.reach is Reach.INCLUDE:
            return sum(self.node_count(node) for node in self.query.nodes)
        ranged = self.where.range("t", params)
        if ranged:
            sql = (
                f"SELECT COUNT(*) FROM {t.name} AS t INDEXED BY {t.when_index} "
                f"WHERE {' AND '.join(ranged)}"
            )
        else:  # SQLite counts the smallest index's cells without reading them
            sql = f"SELECT COUNT(*) FROM {t.name}"
        return self._one(sql, params) - self.where.others_rows

    def first_count(self) -> tuple[int, TextCount | None]:
        """The count at once, or for a text with many hits a lower bound and the count to come.

        A table shows the lower bound while the parts of the scan count the rest
        (text_count.py); the caller takes the whole count with `assume_count`.
        Only a text in an order that is not by node is counted so; anything
        else is counted here and now.
        """
        if self._total is not None or not self.query.text or self.order.by_node:
            return self.count(), None
        counting = self._text_count()
        if isinstance(counting, int):
            self._total = counting
            return counting, None
        found, complete, hits = counting.at_least()
        if complete:
            self._total = found
            self._keep(hits)
            return found, None
        self._counting, self._lower = counting, found
        return found, counting

    def _count_text(self) -> int:
        counting = self._counting or self._text_count()
        if isinstance(counting, int):
            return counting
        found, complete, hits = counting.at_least()
        if complete:
            self._keep(hits)
            return found
        try:
            return counting.total.result()
        except CountCancelledError:
            self._counting = None
            return self._count_text()

    def _text_count(self) -> TextCount | int:
        """A text's count started in parts on other threads; counted here (an int) when the
        database is in memory or the machine has one core."""
        params: dict[str, Any] = {}
        where = " AND ".join(self.where.conditions(None, params))
        scan = f"FROM {self.table.name} AS t NOT INDEXED WHERE {where}"
        # One aggregate a statement: SQLite finds a lone MIN or MAX at the end of the
        # table, but scans it for both together (70 ms).
        low = self.conn.execute(f"SELECT MIN(rowid) FROM {self.table.name}").fetchone()[0]
        if low is None:
            return 0
        high = self.conn.execute(f"SELECT MAX(rowid) FROM {self.table.name}").fetchone()[0] + 1
        parts = min(os.cpu_count() or 1, MAX_PARTS)
        path = self._path()
        if parts > 1 and path is not None:
            return TextCount(path, scan, params, low, high, parts=parts, limit=SMALL)
        # One scan either way, as a part of a TextCount: the first hits, then only a count.
        hits = first_hits(self.conn, scan, params, low, high, SMALL)
        if len(hits) <= SMALL:
            self._keep(hits)
            return len(hits)
        return len(hits) + count_hits(self.conn, scan, params, hits[-1] + 1, high)

    def _keep(self, hits: list[int] | None) -> None:
        """Keep a text's few hits, so that reading them is a search by rowid."""
        if hits is not None and len(hits) <= SMALL:
            self._hits = json.dumps(hits)

    def _path(self) -> Path | None:
        """The database file, for connections of other threads (None: in memory)."""
        for _seq, name, file in self.conn.execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file)
        return None

    def node_count(self, node: str) -> int:
        """How many records of the selection belong to one node (a by-node run)."""
        params: dict[str, Any] = {}
        where = self.where.conditions(node, params)
        sql = (
            f"SELECT COUNT(*) FROM {self.table.name} AS t INDEXED BY {self.table.node_index} "
            f"WHERE {' AND '.join(where)}"
        )
        return self._one(sql, params)

    def count_before(self, run: str | None, key: Key) -> int:
        """How many records of the selection (or of one node's run) come before `key`."""
        sql, params = self._statement(run, key, forward=False, count=True)
        return self._one(sql, params)

    def assume_count(self, total: int) -> None:
        """Take the caller's count of the selection (it follows the rows by id)."""
        self._total = total
        self._hits = None

    def counted_as(self, other: RecordPages, total: int, counting: TextCount | None) -> None:
        """Take the count of `other`, the same selection in another order: `total`, or while a
        text's count is under way (`counting`), what it found at once; and a text's few hits."""
        if counting is not None:
            self._counting, self._lower = counting, total
            return
        self.assume_count(total)
        if other._total == total:
            self._hits = other._hits  # all of them still: any change let them go

    def adjust_count(self, delta: int) -> None:
        """Follow a change the caller made sense of (rows added or removed) without a recount."""
        if self._total is not None:
            self._total += delta
        self._hits = None  # rows came or went: the hits found are not all of them

    # -- reading --------------------------------------------------------------------------------

    def read(
        self,
        run: str | None = None,
        *,
        after: Key | None = None,
        forward: bool = True,
        offset: int = 0,
        limit: int = 200,
    ) -> list[Row]:
        """Rows of the selection (or of one node's run), in display order or its reverse.

        Args:
            run: the node of one run of a by-node order; None for the whole selection.
            after: start after the row with this key (keyset); None: from the first.
            forward: in display order; False reads from the last row up.
            offset: rows to skip first.
            limit: rows to read at most.
        """
        sql, params = self.statement(run, after, forward=forward, offset=offset, limit=limit)
        return [self.keys.row(r) for r in self.conn.execute(sql, params)]

    def rows_by_id(self, ids: Iterable[str]) -> list[tuple[Row, bool]]:
        """The records with these ids that exist, each with whether the selection holds it."""
        params: dict[str, Any] = {"ids": json.dumps(list(ids))}
        fits = " AND ".join(self.where.conditions(None, params, exact=True)) or "1"
        sql = (
            f"SELECT {self.keys.select()}, ({fits}) FROM {self.table.name} AS t "
            "WHERE t.id IN (SELECT value FROM json_each(:ids))"
        )
        return [(self.keys.row(r[:-1]), bool(r[-1])) for r in self.conn.execute(sql, params)]

    def statement(
        self,
        run: str | None,
        after: Key | None,
        *,
        forward: bool = True,
        offset: int = 0,
        limit: int = 200,
    ) -> tuple[str, dict[str, Any]]:
        """The SQL and parameters of a page (`read`), for EXPLAIN QUERY PLAN in tests."""
        sql, params = self._statement(run, after, forward=forward, count=False)
        params.update(offset=offset, limit=limit)
        return f"{sql} LIMIT :limit OFFSET :offset", params

    def check_reach(self) -> None:
        """Decide again how statements keep to the selection's nodes (after records moved in)."""
        self._total = None
        self.where.check_reach(self.conn)

    # -- SQL -------------------------------------------------------------------------------------

    def _statement(
        self, run: str | None, after: Key | None, *, forward: bool, count: bool
    ) -> tuple[str, dict[str, Any]]:
        t, order = self.table, self.order
        params: dict[str, Any] = {}
        if run is None and len(self.query.nodes) == 1 and self._keys_of_runs():
            run = self.query.nodes[0]  # one node's records in date order: its own index
        where = self.where.conditions(run, params)
        sql_descending = self.descending == forward
        if after is not None:
            where.append(self.keys.after(after, sql_descending, params))
        if run is not None:
            source = f"INDEXED BY {t.node_index}"
        elif self.query.text and self._small():
            if self._hits is not None:  # the few hits the count found
                params["hits"] = self._hits
                where.append("t.rowid IN (SELECT value FROM json_each(:hits))")
                source = ""
            else:
                source = "NOT INDEXED"  # one scan finds them; SQLite sorts the few
        elif self.reach is Reach.INCLUDE and self._small():
            source = f"INDEXED BY {t.node_index}"
        else:
            source = f"INDEXED BY {order.index}" if order.index else ""
        condition = " AND ".join(where) or "1"
        if count:
            return f"SELECT COUNT(*) FROM {t.name} AS t {source} WHERE {condition}", params
        direction = " DESC" if sql_descending else ""
        ordering = ", ".join(f"{k}{direction}" for k in (*self.keys.expressions("t"), "t.rowid"))
        sql = (
            f"SELECT {self.keys.select()} FROM {t.name} AS t {source} "
            f"WHERE {condition} ORDER BY {ordering}"
        )
        return sql, params

    def _small(self) -> bool:
        if self._total is None and self._lower is not None:
            return False  # a text's count under way has found more than SMALL already
        return self.count() <= SMALL

    def _keys_of_runs(self) -> bool:
        return self.order.keys == ORDERS[self.query.kind]["node"].keys

    def _one(self, sql: str, params: dict[str, Any]) -> int:
        row = self.conn.execute(sql, params).fetchone()
        return int(row[0])
