"""A Track table's selection, and the conditions of a WHERE clause that spell it out.

A selection (`RecordQuery`) is the records of some nodes (the role's
activities, outputs or outcomes, or those a filter keeps), inside a range of
dates, holding a text, in one order. `RecordConditions` turns what it holds
into conditions on a table's rows, for `record_pages` to count and read by;
they are kept apart from the pages so that what a selection holds reads in one
place, whatever order it is read in.

Which records belong to a role. Records name their node, not their role, and
testing each row's node against the role's (up to thousands of) nodes costs
a read of the table row per index entry. So the nodes *outside* the
selection decide (`Reach`): when they have no records in the range — one role
holds the whole log, the usual case — no test is made; when they have a few,
their rows are excluded by rowid, which every index holds; only when they
have many is each row's node tested.

A text is found case-insensitively for ASCII letters, as SQLite's LIKE does.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import Enum
from typing import Any

from rolemap.domain.tracking import RecordKind
from rolemap.store.record_orders import Table

# Beyond this many rows of the other nodes, excluding them by rowid costs more
# than testing each row's node.
FEW_OTHERS = 20_000


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


class Reach(Enum):
    """How a statement keeps to the selection's nodes (see the module docstring)."""

    ALL = "all"  # no other node has records in the range: no test
    EXCLUDE = "exclude"  # the other nodes' few rows are excluded by rowid
    INCLUDE = "include"  # each row's node is tested


class RecordConditions:
    """The conditions of one selection on its table's rows, and how they keep to its nodes.

    `reach` starts as ALL; `check_reach` decides it from the other nodes' records.

    Args:
        table: the table the selection's records are in.
        query: the selection.
    """

    def __init__(self, table: Table, query: RecordQuery) -> None:
        self.table = table
        self.query = query
        self._nodes_json = json.dumps(list(query.nodes))
        self._text_nodes_json = json.dumps(sorted(query.text_nodes))
        self._pattern = "%" + _escape_like(query.text) + "%" if query.text else ""
        self.reach = Reach.ALL
        self._others_json = "[]"
        self.others_rows = 0  # the other nodes' rows in the range, when excluded by rowid

    def check_reach(self, conn: sqlite3.Connection) -> None:
        """Decide again how conditions keep to the selection's nodes (after records moved in)."""
        t = self.table
        wanted = set(self.query.nodes)
        kind = t.node_kind.value
        others = [
            str(i)
            for (i,) in conn.execute("SELECT id FROM nodes WHERE kind = ?", (kind,))
            if i not in wanted
        ]
        self.reach, self._others_json, self.others_rows = Reach.ALL, "[]", 0
        if not others:
            return
        params: dict[str, Any] = {"others": json.dumps(others), "cap": FEW_OTHERS}
        ranged = self.range("o", params)
        where = " AND ".join([f"o.{t.node} IN (SELECT value FROM json_each(:others))", *ranged])
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {t.name} AS o INDEXED BY {t.node_index} "
            f"WHERE {where} LIMIT :cap)"
        )
        found = int(conn.execute(sql, params).fetchone()[0])
        if found == 0:
            return
        if found < FEW_OTHERS:
            self.reach, self._others_json, self.others_rows = (
                Reach.EXCLUDE,
                params["others"],
                found,
            )
        else:
            self.reach = Reach.INCLUDE

    def range(self, alias: str, params: dict[str, Any]) -> list[str]:
        """The date range's conditions on rows `alias`, its bounds added to `params`."""
        where = []
        if self.query.low is not None:
            params["low"] = self.query.low
            where.append(f"{alias}.{self.table.when} >= :low")
        if self.query.high is not None:
            params["high"] = self.query.high
            where.append(f"{alias}.{self.table.when} < :high")
        return where

    def conditions(
        self, run: str | None, params: dict[str, Any], *, exact: bool = False
    ) -> list[str]:
        """The selection's conditions on rows `t`; `run` narrows them to one node's records.

        `exact` tests each row's node whatever the reach (for rows read by id).
        """
        t = self.table
        where = self.range("t", params)
        if run is not None:
            params["run"] = run
            where.append(f"t.{t.node} = :run")
        elif exact or self.reach is Reach.INCLUDE:
            params["nodes"] = self._nodes_json
            where.append(f"t.{t.node} IN (SELECT value FROM json_each(:nodes))")
        elif self.reach is Reach.EXCLUDE:
            params["others"] = self._others_json
            inner = " AND ".join(
                [f"o.{t.node} IN (SELECT value FROM json_each(:others))", *self.range("o", {})]
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


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
