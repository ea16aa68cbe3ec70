"""Pages of records from the store: the query plans behind them, and the rows they give.

Every page of a big selection must be a search in an index that stops after
its rows: `EXPLAIN QUERY PLAN` must show no scan of the whole time_entries
table and no sort of every matching row, whatever the order, the filter and
the way the page is asked for (first, next by keyset, from the end, by offset).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.big_log import CATEGORY, BigLog, build_big_log, role_order_sql

from rolemap.domain.tracking import RecordKind
from rolemap.store.database import Store, open_store
from rolemap.store.record_keys import Row
from rolemap.store.record_orders import ORDERS
from rolemap.store.record_pages import SMALL, RecordPages
from rolemap.store.record_query import Reach, RecordQuery

END = int(dt.datetime(2024, 5, 14, tzinfo=dt.UTC).timestamp())
ENTRIES = 30_000


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> BigLog:
    return build_big_log(tmp_path_factory.mktemp("pages") / "log.sqlite3", ENTRIES, end=END)


@pytest.fixture
def store(log: BigLog, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "log.sqlite3"
    path.write_bytes(log.path.read_bytes())
    opened = open_store(path)
    yield opened
    opened.close()


def _nodes(conn: sqlite3.Connection, log: BigLog, order: str) -> tuple[str, ...]:
    """The role's activities, in title order for a by-node order."""
    rows = conn.execute(
        "SELECT id FROM nodes WHERE role_id = ? AND kind = 'activity' ORDER BY lower(title), id",
        (log.role_id,),
    )
    return tuple(r[0] for r in rows)


def _plan(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> list[str]:
    return [str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def _selections(conn: sqlite3.Connection, log: BigLog) -> Iterator[tuple[str, RecordQuery]]:
    everything = _nodes(conn, log, "start")
    category = conn.execute(
        f"SELECT {CATEGORY} FROM nodes n WHERE n.id = ?", (everything[3],)
    ).fetchone()[0]
    same = tuple(
        r[0]
        for r in conn.execute(
            f"SELECT n.id FROM nodes n WHERE n.role_id = ? AND n.kind = 'activity' "
            f"AND {CATEGORY} = ? ORDER BY lower(n.title), n.id",
            (log.role_id, category),
        )
    )
    year = (END - 365 * 86400, END)
    for order in ORDERS[RecordKind.TIME_ENTRIES]:
        yield f"{order}: the role", RecordQuery(RecordKind.TIME_ENTRIES, everything, order)
        yield (
            f"{order}: a year",
            RecordQuery(RecordKind.TIME_ENTRIES, everything, order, False, *year),
        )
        yield f"{order}: a category", RecordQuery(RecordKind.TIME_ENTRIES, same, order)
        yield (
            f"{order}: one activity",
            RecordQuery(RecordKind.TIME_ENTRIES, everything[:1], order, True, *year),
        )
        yield (  # most notes hold an "e": the hits are too many to read at once
            f"{order}: a text found often",
            RecordQuery(RecordKind.TIME_ENTRIES, everything, order, text="e"),
        )


def test_no_page_of_a_big_selection_scans_or_sorts_the_time_entries(
    store: Store, log: BigLog
) -> None:
    conn = store.conn
    checked = 0
    for name, query in _selections(conn, log):
        pages = RecordPages(conn, query)
        runs: list[str | None] = list(query.nodes[:2]) if pages.order.by_node else [None]
        for run in runs:
            size = pages.count() if run is None else pages.node_count(run)
            first = pages.read(run, limit=50)
            assert first, name
            statements = [
                pages.statement(run, None),
                pages.statement(run, first[-1].key),
                pages.statement(run, None, forward=False),
                pages.statement(run, first[-1].key, forward=False),
                pages.statement(run, None, offset=size // 2),
            ]
            for sql, params in statements:
                plan = _plan(conn, sql, params)
                assert "SCAN t" not in plan, (name, plan)  # a scan of the whole table
                if size > SMALL or run is not None:
                    assert not any("TEMP B-TREE FOR ORDER BY" in line for line in plan), (
                        name,
                        size,
                        plan,
                    )
                    assert any(line.startswith(("SEARCH t", "SCAN t USING")) for line in plan)
                checked += 1
    assert checked > 100


def test_a_text_found_seldom_costs_one_scan(store: Store, log: BigLog) -> None:
    """No index finds a part of a note: one scan counts the hits and keeps the few it found,
    which are then read by rowid."""
    conn = store.conn
    query = RecordQuery(
        RecordKind.TIME_ENTRIES, _nodes(conn, log, "start"), "start", text="retro b"
    )
    pages = RecordPages(conn, query)
    assert 0 < pages.count() <= SMALL
    plan = _plan(conn, *pages.statement(None, None, limit=pages.count()))
    assert plan[0].startswith("SEARCH t USING INTEGER PRIMARY KEY"), plan
    expected = [
        r[0]
        for r in conn.execute(
            role_order_sql("start", True, "e.note LIKE '%retro b%'"), (log.role_id,)
        )
    ]
    assert [row.id for row in pages.read(None, limit=pages.count())] == expected


@pytest.mark.parametrize("text", ["retro b", "incident"])
def test_one_core_counts_a_text_as_the_parts_do(
    store: Store, log: BigLog, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same count and the same kept hits, scanned in one part on the window's connection."""
    from rolemap.store import record_pages

    conn = store.conn
    nodes = _nodes(conn, log, "start")
    query = RecordQuery(RecordKind.TIME_ENTRIES, nodes, "start", text=text)
    in_parts = RecordPages(conn, query)
    counted = in_parts.count()
    monkeypatch.setattr(record_pages, "MAX_PARTS", 1)
    alone = RecordPages(conn, query)
    assert alone.count() == counted
    expected = conn.execute(
        f"SELECT COUNT(*) FROM time_entries WHERE note LIKE '%{text}%'"
    ).fetchone()[0]
    assert counted == expected
    limit = min(counted, SMALL)
    assert alone.read(None, limit=limit) == in_parts.read(None, limit=limit)


def test_counts_read_an_index_not_the_table(store: Store, log: BigLog) -> None:
    conn = store.conn
    traced: list[str] = []
    conn.set_trace_callback(traced.append)
    try:
        for name, query in _selections(conn, log):
            if query.text:
                continue  # a text has no index: its count is one scan, by design
            traced.clear()
            RecordPages(conn, query).count()
            for sql in traced:
                if sql.startswith("SELECT COUNT(*)"):
                    plan = [str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
                    assert "SCAN t" not in plan and "SCAN time_entries" not in plan, (name, plan)
    finally:
        conn.set_trace_callback(None)


def _walk(pages: RecordPages, page: int = 700) -> list[str]:
    """Every row of a selection, page after page by keyset."""
    rows: list[Row] = []
    while True:
        more = pages.read(None, after=rows[-1].key if rows else None, limit=page)
        rows += more
        if len(more) < page:
            return [row.id for row in rows]


@pytest.mark.parametrize("order", ["start", "duration", "end", "note"])
@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_give_the_order_plain_sql_gives(
    store: Store, log: BigLog, order: str, descending: bool
) -> None:
    conn = store.conn
    query = RecordQuery(RecordKind.TIME_ENTRIES, _nodes(conn, log, order), order, descending)
    expected = [r[0] for r in conn.execute(role_order_sql(order, descending), (log.role_id,))]
    pages = RecordPages(conn, query)
    assert pages.count() == len(expected) == ENTRIES
    assert pages.reach is Reach.EXCLUDE  # the example role's entries are kept out by rowid
    assert _walk(pages) == expected
    backwards = pages.read(None, forward=False, limit=300)
    assert [row.id for row in backwards] == expected[::-1][:300]
    assert [row.id for row in pages.read(None, offset=12_345, limit=10)] == expected[12_345:12_355]


def test_reach_follows_the_records_of_other_nodes(store: Store, log: BigLog) -> None:
    conn = store.conn
    mine = _nodes(conn, log, "start")
    assert RecordPages(conn, RecordQuery(RecordKind.TIME_ENTRIES, mine, "start")).reach is (
        Reach.EXCLUDE
    )
    with store.transaction():
        conn.execute(
            "DELETE FROM time_entries WHERE activity_id NOT IN "
            "(SELECT id FROM nodes WHERE role_id = ?)",
            (log.role_id,),
        )
    assert RecordPages(conn, RecordQuery(RecordKind.TIME_ENTRIES, mine, "start")).reach is (
        Reach.ALL
    )
    few = RecordPages(conn, RecordQuery(RecordKind.TIME_ENTRIES, mine[:3], "start"))
    assert few.reach is Reach.INCLUDE  # the other 37 activities hold many
    expected = [
        r[0]
        for r in conn.execute(
            role_order_sql("start", True, "e.activity_id IN (?, ?, ?)"), (log.role_id, *mine[:3])
        )
    ]
    assert few.count() == len(expected) and _walk(few) == expected


@pytest.mark.parametrize(
    ("kind", "order", "sql"),
    [
        (RecordKind.DELIVERIES, "date", "d.date {d}, d.rowid {d}"),
        (RecordKind.DELIVERIES, "title", "lower(d.title) {d}, d.rowid {d}"),
        (RecordKind.CHECKINS, "value", "d.value {d}, d.rowid {d}"),
        (RecordKind.CHECKINS, "date", "d.date {d}, d.rowid {d}"),
    ],
)
def test_the_small_tables_page_in_their_orders(
    store: Store, log: BigLog, kind: RecordKind, order: str, sql: str
) -> None:
    conn = store.conn
    table, nodes = (
        ("deliveries", log.outputs) if kind is RecordKind.DELIVERIES else ("checkins", log.outcomes)
    )
    node = "output_id" if kind is RecordKind.DELIVERIES else "outcome_id"
    for descending in (True, False):
        ordering = sql.format(d="DESC" if descending else "ASC")
        expected = [
            r[0]
            for r in conn.execute(
                f"SELECT d.id FROM {table} d JOIN nodes n ON n.id = d.{node} "
                f"WHERE n.role_id = ? ORDER BY {ordering}",
                (log.role_id,),
            )
        ]
        pages = RecordPages(conn, RecordQuery(kind, tuple(nodes), order, descending))
        assert pages.count() == len(expected) == 300
        assert _walk(pages, page=40) == expected


def test_rows_by_id_say_whether_the_selection_holds_them(store: Store, log: BigLog) -> None:
    conn = store.conn
    mine = _nodes(conn, log, "start")
    pages = RecordPages(
        conn, RecordQuery(RecordKind.TIME_ENTRIES, mine[:1], "start", text="incident")
    )
    ids = [r[0] for r in conn.execute("SELECT id FROM time_entries LIMIT 400")]
    found = pages.rows_by_id(ids)
    assert len(found) == 400
    for row, fits in found:
        assert fits == (row.node == mine[0] and "incident" in str(row.record.note)), row
