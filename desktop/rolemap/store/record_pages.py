"""A role's tracking records a page at a time: sorted, filtered and counted in SQL.

The Track tab's tables show a *selection*: the records of some nodes (the
role's activities, outputs or outcomes, or those a filter keeps), inside a
range of dates, holding a text, in one order. A table never reads a whole
log: it asks how many rows the selection has (so the scroll bar is right),
and reads the rows it shows by keyset ("the 200 after this one") or, for a
jump, by offset from the nearer end of the selection.

Each order is an index (`record_orders`), so a page is a range search that
stops after its rows. The keys of an order end with the rowid, which every
index holds, so they are unique and a keyset never skips or repeats a row.

A *by-node* order (the Activity, Category, Output and Outcome columns) lists
the nodes in the order the caller gives and each node's records newest first,
so each node is a run of its own index, counted when first needed.

Which records belong to a role. Records name their node, not their role, and
testing each row's node against the role's (up to thousands of) nodes costs
a read of the table row per index entry. So the nodes *outside* the
selection decide (`Reach`): when they have no records in the range — one role
holds the whole log, the usual case — no test is made; when they have a few,
their rows are excluded by rowid, which every index holds; only when they
have many is each row's node tested.

A text filter (case-insensitive for ASCII letters, as SQLite's LIKE) has no
index to use: its count is one scan of the table, which keeps the hits when
they are few (they are then read by rowid) and stops early when they are many.

Measured at 1,000,000 entries, 2 cores: a count 13 ms (whole log) to 30 ms
(a date range), 95 ms through the activity index; a keyset page of 200 rows
0.3 ms; an offset of 500,000 rows 12 ms in the start index, but 760 ms when
each row's activity is tested; a text count 90 ms.
"""

from __future__ import annotations

import json
import os
import sqlite3
import string
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from rolemap.domain.tracking import RecordKind
from rolemap.store.database import open_reader
from rolemap.store.record_orders import ORDERS, TABLES, Record

Key = tuple[Any, ...]

# Beyond this many rows of the other nodes, excluding them by rowid costs more
# than testing each row's node.
FEW_OTHERS = 20_000
# A selection of at most this many rows is read through its nodes' index (or, for
# a text, one scan of the table) and sorted by SQLite: 3.6 µs a row, 18 ms at most,
# where walking an order's index would test each row of the log (40 ms for 5,000
# of 1,000,000). The tab reads such a selection whole, once.
SMALL = 5_000
MAX_PARTS = 4  # the parts a scan is counted in, at most (one a core)
_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # SQLite's NOCASE


@dataclass(frozen=True)
class RecordQuery:
    """A selection of records and its order.

    `nodes` are the nodes whose records show; for a by-node order, in the order
    their runs show. `low`/`high` bound the date column, [low, high): UTC
    seconds for time entries, ISO dates otherwise (None: open). A record holds
    the text when one of its text columns does, or its node is in `text_nodes`
    (a title or category that holds it). `descending` does not apply to a
    by-node order (the caller orders the nodes; each run is newest first).
    """

    kind: RecordKind
    nodes: tuple[str, ...]
    order: str
    descending: bool = True
    low: int | str | None = None
    high: int | str | None = None
    text: str = ""
    text_nodes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Row:
    """One record with its place in the order: `key` as SQL compares it, `rank` as Python does."""

    key: Key
    rank: Key
    record: Record
    node: str

    @property
    def id(self) -> str:
        """The record's id."""
        return self.record.id


class Reach(Enum):
    """How a statement keeps to the selection's nodes (see the module docstring)."""

    ALL = "all"  # no other node has records in the range: no test
    EXCLUDE = "exclude"  # the other nodes' few rows are excluded by rowid
    INCLUDE = "include"  # each row's node is tested


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
        self._nodes_json = json.dumps(list(query.nodes))
        self._text_nodes_json = json.dumps(sorted(query.text_nodes))
        self._pattern = "%" + _escape_like(query.text) + "%" if query.text else ""
        self.reach = Reach.ALL
        self._others_json = "[]"
        self._others_rows = 0
        self.check_reach()
        self._total: int | None = None
        self._hits: str | None = None  # the rowids of a text's few hits (JSON), once counted

    def again(self) -> RecordPages:
        """The same selection read afresh (after changes it could not follow)."""
        return RecordPages(self.conn, self.query)

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
            # One scan either way; it stops early when the hits are many, and otherwise
            # keeps them, so that reading them is a search by rowid, not a second scan.
            where = " AND ".join(self._conditions(None, params))
            scan = f"FROM {t.name} AS t NOT INDEXED WHERE {where}"
            found = [
                r[0] for r in self.conn.execute(f"SELECT t.rowid {scan} LIMIT {SMALL + 1}", params)
            ]
            if len(found) <= SMALL:
                self._hits = json.dumps(found)
                return len(found)
            return self._count_in_parts(scan, params)
        if self.reach is Reach.INCLUDE:
            return sum(self.node_count(node) for node in self.query.nodes)
        ranged = self._range("t", params)
        if ranged:
            sql = (
                f"SELECT COUNT(*) FROM {t.name} AS t INDEXED BY {t.when_index} "
                f"WHERE {' AND '.join(ranged)}"
            )
        else:  # SQLite counts the smallest index's cells without reading them
            sql = f"SELECT COUNT(*) FROM {t.name}"
        return self._one(sql, params) - self._others_rows

    def _count_in_parts(self, scan: str, params: dict[str, Any]) -> int:
        """Count a scan of the table in parts by rowid, one a core, each on its own connection.

        A text has no index to count by: one scan of a million entries takes
        130 ms, two halves side by side 65 ms (SQLite lets go of the GIL).
        """
        parts = min(os.cpu_count() or 1, MAX_PARTS)
        path = self._path()
        if parts < 2 or path is None:
            return self._one(f"SELECT COUNT(*) {scan}", params)
        # One aggregate a statement: SQLite finds a lone MIN or MAX at the end of the
        # table, but scans it for both together (70 ms).
        low = self.conn.execute(f"SELECT MIN(rowid) FROM {self.table.name}").fetchone()[0]
        if low is None:
            return 0
        high = self.conn.execute(f"SELECT MAX(rowid) FROM {self.table.name}").fetchone()[0] + 1
        edges = [low + (high - low) * i // parts for i in range(parts + 1)]
        sql = f"SELECT COUNT(*) {scan} AND t.rowid >= :part_low AND t.rowid < :part_high"

        def part(i: int) -> int:
            conn = open_reader(path)
            try:
                bounds = {"part_low": edges[i], "part_high": edges[i + 1]}
                return int(conn.execute(sql, {**params, **bounds}).fetchone()[0])
            finally:
                conn.close()

        with ThreadPoolExecutor(parts) as pool:
            return sum(pool.map(part, range(parts)))

    def _path(self) -> Path | None:
        """The database file, for connections of other threads (None: in memory)."""
        for _seq, name, file in self.conn.execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file)
        return None

    def node_count(self, node: str) -> int:
        """How many records of the selection belong to one node (a by-node run)."""
        params: dict[str, Any] = {}
        where = self._conditions(node, params)
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
        return [self._row(r) for r in self.conn.execute(sql, params)]

    def rows_by_id(self, ids: Iterable[str]) -> list[tuple[Row, bool]]:
        """The records with these ids that exist, each with whether the selection holds it."""
        params: dict[str, Any] = {"ids": json.dumps(list(ids))}
        fits = " AND ".join(self._conditions(None, params, exact=True)) or "1"
        sql = (
            f"SELECT {self._select()}, ({fits}) FROM {self.table.name} AS t "
            "WHERE t.id IN (SELECT value FROM json_each(:ids))"
        )
        return [(self._row(r[:-1]), bool(r[-1])) for r in self.conn.execute(sql, params)]

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
        t = self.table
        wanted = set(self.query.nodes)
        kind = t.node_kind.value
        others = [
            str(i)
            for (i,) in self.conn.execute("SELECT id FROM nodes WHERE kind = ?", (kind,))
            if i not in wanted
        ]
        self._total = None
        self.reach, self._others_json, self._others_rows = Reach.ALL, "[]", 0
        if not others:
            return
        params: dict[str, Any] = {"others": json.dumps(others), "cap": FEW_OTHERS}
        ranged = self._range("o", params)
        where = " AND ".join([f"o.{t.node} IN (SELECT value FROM json_each(:others))", *ranged])
        found = self._one(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {t.name} AS o INDEXED BY {t.node_index} "
            f"WHERE {where} LIMIT :cap)",
            params,
        )
        if found == 0:
            return
        if found < FEW_OTHERS:
            self.reach, self._others_json, self._others_rows = (
                Reach.EXCLUDE,
                params["others"],
                found,
            )
        else:
            self.reach = Reach.INCLUDE

    # -- SQL -------------------------------------------------------------------------------------

    def _statement(
        self, run: str | None, after: Key | None, *, forward: bool, count: bool
    ) -> tuple[str, dict[str, Any]]:
        t, order = self.table, self.order
        params: dict[str, Any] = {}
        if run is None and len(self.query.nodes) == 1 and self._keys_of_runs():
            run = self.query.nodes[0]  # one node's records in date order: its own index
        where = self._conditions(run, params)
        sql_descending = self.descending == forward
        if after is not None:
            where.append(self._after(after, sql_descending, params))
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
        ordering = ", ".join(f"{k}{direction}" for k in (*self._keys("t"), "t.rowid"))
        sql = (
            f"SELECT {self._select()} FROM {t.name} AS t {source} "
            f"WHERE {condition} ORDER BY {ordering}"
        )
        return sql, params

    def _small(self) -> bool:
        return self.count() <= SMALL

    def _keys_of_runs(self) -> bool:
        return self.order.keys == ORDERS[self.query.kind]["node"].keys

    def _select(self) -> str:
        columns = ", ".join(f"t.{c.strip()}" for c in self.table.columns.split(","))
        return f"{', '.join(self._keys('t'))}, t.rowid, {columns}"

    def _keys(self, alias: str) -> list[str]:
        return [key.format(t=alias) for key in self.order.keys]

    def _range(self, alias: str, params: dict[str, Any]) -> list[str]:
        where = []
        if self.query.low is not None:
            params["low"] = self.query.low
            where.append(f"{alias}.{self.table.when} >= :low")
        if self.query.high is not None:
            params["high"] = self.query.high
            where.append(f"{alias}.{self.table.when} < :high")
        return where

    def _conditions(
        self, run: str | None, params: dict[str, Any], *, exact: bool = False
    ) -> list[str]:
        """The selection's conditions on rows `t`; `run` narrows them to one node's records.

        `exact` tests each row's node whatever the reach (for rows read by id).
        """
        t = self.table
        where = self._range("t", params)
        if run is not None:
            params["run"] = run
            where.append(f"t.{t.node} = :run")
        elif exact or self.reach is Reach.INCLUDE:
            params["nodes"] = self._nodes_json
            where.append(f"t.{t.node} IN (SELECT value FROM json_each(:nodes))")
        elif self.reach is Reach.EXCLUDE:
            params["others"] = self._others_json
            inner = " AND ".join(
                [f"o.{t.node} IN (SELECT value FROM json_each(:others))", *self._range("o", {})]
            )
            where.append(
                f"t.rowid NOT IN (SELECT o.rowid FROM {t.name} AS o "
                f"INDEXED BY {t.node_index} WHERE {inner})"
            )
        if self.query.text and run not in self.query.text_nodes:
            # ESCAPE and the title test cost 20 and 50 ms a million rows: only when needed.
            params["text"] = self._pattern
            escape = " ESCAPE '\\'" if self._pattern != f"%{self.query.text}%" else ""
            found = [f"t.{c} LIKE :text{escape}" for c in t.text]
            if self.query.text_nodes and run is None:
                params["text_nodes"] = self._text_nodes_json
                found.append(f"t.{t.node} IN (SELECT value FROM json_each(:text_nodes))")
            where.append(f"({' OR '.join(found)})")
        return where

    def _after(self, key: Key, sql_descending: bool, params: dict[str, Any]) -> str:
        """Rows past `key` in the direction read: a range on the first key, ties broken by the rest.

        Spelt out rather than as a row value, `(a, b) < (?, ?)`, which SQLite
        cannot match to an index on expressions (it scanned: 54 ms instead of 0.2 ms).
        """
        names = [*self._keys("t"), "t.rowid"]
        sign = "<" if sql_descending else ">"
        for i, value in enumerate(key):
            params[f"k{i}"] = value
        tail = f"{names[-1]} {sign} :k{len(names) - 1}"
        for i in range(len(names) - 2, -1, -1):
            tail = f"{names[i]} {sign} :k{i} OR ({names[i]} = :k{i} AND ({tail}))"
        return f"{names[0]} {sign}= :k0 AND ({tail})"

    def _row(self, r: Sequence[Any]) -> Row:
        width = len(self.order.keys) + 1
        key = tuple(r[:width])
        rank = tuple(
            v.translate(_FOLD) if i in self.order.folded and isinstance(v, str) else v
            for i, v in enumerate(key)
        )
        record = self.table.make(tuple(r[width:]))
        return Row(key, rank, record, str(r[width + 1]))

    def _one(self, sql: str, params: dict[str, Any]) -> int:
        row = self.conn.execute(sql, params).fetchone()
        return int(row[0])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
