"""Removing the example role's sample records as one undoable step.

The sample time entries, deliveries and check-ins carry `example = 1`.
`RemoveExampleDataCommand` deletes them in one transaction and keeps the
rows, so undo puts them back exactly (same ids, same values).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from rolemap.store.errors import StoreError

if TYPE_CHECKING:
    from rolemap.document.document import RoleDocument

TABLES = ("time_entries", "deliveries", "checkins")


def example_rows(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """table → (column names, rows) of every record marked as example data."""
    found: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for table in TABLES:
        cursor = conn.execute(f"SELECT * FROM {table} WHERE example = 1")
        columns = [c[0] for c in cursor.description]
        found[table] = (columns, cursor.fetchall())
    return found


class RemoveExampleDataCommand(QUndoCommand):
    """Delete the example records; undo restores them."""

    def __init__(
        self, document: RoleDocument, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
    ) -> None:
        super().__init__("Remove example data")
        self._document = document
        self.rows = rows

    def redo(self) -> None:
        self._run(lambda conn: _delete(conn))

    def undo(self) -> None:
        self._run(lambda conn: _insert(conn, self.rows))

    def _run(self, change: Any) -> None:
        try:
            with self._document.store.transaction() as conn:
                change(conn)
        except StoreError as error:
            self._document.edit_failed.emit(str(error))
            self.setObsolete(True)
            return
        self._document.records_changed.emit("all")


def _delete(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        conn.execute(f"DELETE FROM {table} WHERE example = 1")


def _insert(
    conn: sqlite3.Connection, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
) -> None:
    for table, (columns, values) in rows.items():
        if values:
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)


def remove_example_data(document: RoleDocument) -> bool:
    """Push the removal onto the current role's undo stack; False if there is none to remove."""
    rows = example_rows(document.store.conn)
    if not any(values for _, values in rows.values()):
        document.edit_refused.emit("There is no example data to remove.")
        return False
    if not document.has_role:
        return False
    document.undo_stack.push(RemoveExampleDataCommand(document, rows))
    return True
