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
