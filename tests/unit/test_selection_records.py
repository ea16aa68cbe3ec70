"""Every record of a selection, read a page at a time: the rows plain SQL gives, in its order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.big_log import BigLog, build_big_log, role_order_sql

from rolemap.domain.tracking import RecordKind
from rolemap.store.database import Store, open_store
from rolemap.store.record_pages import RecordPages
from rolemap.store.record_query import RecordQuery
from rolemap.store.selection_records import selection_records

END = int(dt.datetime(2024, 5, 14, tzinfo=dt.UTC).timestamp())


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> BigLog:
    # With the example role beside it: the selection keeps to the generated role's nodes.
    return build_big_log(tmp_path_factory.mktemp("export") / "log.sqlite3", 3000, end=END)


@pytest.fixture
def store(log: BigLog, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "log.sqlite3"
    path.write_bytes(log.path.read_bytes())
    opened = open_store(path)
    yield opened
    opened.close()


def _activities(store: Store, log: BigLog) -> tuple[str, ...]:
    """The role's activities in title order (the order of a by-node table's runs)."""
    rows = store.conn.execute(
        "SELECT id FROM nodes WHERE role_id = ? AND kind = 'activity' ORDER BY lower(title), id",
        (log.role_id,),
    )
    return tuple(r[0] for r in rows)


def _sql(store: Store, log: BigLog, column: str, descending: bool, where: str = "1") -> list[str]:
    sql = role_order_sql(column, descending, where)
    return [r[0] for r in store.conn.execute(sql, (log.role_id,))]


def _ids(store: Store, query: RecordQuery, page: int) -> list[str]:
    return [record.id for record in selection_records(store.conn, query, page)]


@pytest.mark.parametrize("page", [7, 2000])
def test_the_whole_role_oldest_first(store: Store, log: BigLog, page: int) -> None:
    query = RecordQuery(RecordKind.TIME_ENTRIES, _activities(store, log), "start", False)
    expected = _sql(store, log, "start", False)
    assert len(expected) == 3000
    assert _ids(store, query, page) == expected


def test_a_by_node_order_comes_run_after_run(store: Store, log: BigLog) -> None:
    query = RecordQuery(RecordKind.TIME_ENTRIES, _activities(store, log), "node", False)
    assert _ids(store, query, 7) == _sql(store, log, "activity", False)


def test_dates_a_text_and_some_nodes_keep_what_the_table_counts(store: Store, log: BigLog) -> None:
    chosen = _activities(store, log)[::3]
    low, high = END - 200 * 86400, END - 20 * 86400
    titles = dict(
        store.conn.execute("SELECT id, title FROM nodes WHERE kind = 'activity'").fetchall()
    )
    text_nodes = frozenset(n for n in chosen if "plan" in titles[n].casefold())
    query = RecordQuery(
        RecordKind.TIME_ENTRIES, chosen, "start", False, low, high, "plan", text_nodes
    )
    where = (
        f"e.activity_id IN ({','.join(repr(n) for n in chosen)}) "
        f"AND e.start >= {low} AND e.start < {high} "
        "AND (e.note LIKE '%plan%' OR n.title LIKE '%plan%')"
    )
    expected = _sql(store, log, "start", False, where)
    assert 0 < len(expected) < 3000
    assert _ids(store, query, 7) == expected
    assert len(expected) == RecordPages(store.conn, query).count()


def test_an_empty_selection_reads_nothing(store: Store, log: BigLog) -> None:
    assert _ids(store, RecordQuery(RecordKind.TIME_ENTRIES, (), "start", False), 7) == []
    runs = RecordQuery(RecordKind.TIME_ENTRIES, (), "node", False)
    assert _ids(store, runs, 7) == []
