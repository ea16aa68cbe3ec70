"""Every record of a selection, in its order, read a page at a time: for exports.

A Track table reads only the rows it shows (`record_pages`); an export of
what the table shows wants them all. They are read here through the same
selection, so a file holds exactly the records the table counts, by keyset
pages of the selection's order (each page a range search of its index), and
a by-node order run after run, as the table shows them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from rolemap.store.database import open_reader
from rolemap.store.record_orders import Record
from rolemap.store.record_pages import RecordPages
from rolemap.store.record_query import RecordQuery

PAGE = 2000  # rows a read


def selection_records(
    conn: sqlite3.Connection, query: RecordQuery, page: int = PAGE
) -> Iterator[Record]:
    """The records of the selection `query`, in its order (by-node: run after run).

    Args:
        conn: the connection to read through (reads only, outside transactions).
        query: the selection and its order, as a table has it.
        page: rows to read at a time.
    """
    pages = RecordPages(conn, query)
    runs: tuple[str | None, ...] = query.nodes if pages.order.by_node else (None,)
    for run in runs:
        rows = pages.read(run, limit=page)
        while rows:
            yield from (row.record for row in rows)
            if len(rows) < page:
                break
            rows = pages.read(run, after=rows[-1].key, limit=page)


def snapshot_reader(path: Path) -> sqlite3.Connection:
    """A connection of its own that reads one snapshot of the file, taken now.

    For an export read between the window's events: entries logged meanwhile
    are not in it. WAL takes the snapshot at the transaction's first read.

    Raises:
        sqlite3.Error: no second reader can be had (a folder that cannot hold -shm).
    """
    reader = open_reader(path)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT 1 FROM roles LIMIT 1").fetchall()
    except sqlite3.Error:
        reader.close()
        raise
    return reader
