"""A role's ordered rules for imported time, in the `time_rules` table.

The order is the person's: `position` 0, 1, 2 … without gaps, first match
wins (`domain.time_rules.map_entries`). The whole list is written at once
(`save_rules`), so an edit, its undo and a reorder are each one statement
list inside the caller's transaction, and the positions never collide. A
rule's activity is not a foreign key: a rule whose activity was deleted stays
stored and is passed over by the mapping until the delete is undone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from rolemap.domain.entities import new_id
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule
from rolemap.store.database import Store


class TimeRulesRepository:
    """Reads and writes the roles' time-mapping rules through one Store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def rules(self, role_id: str) -> list[TimeRule]:
        """The role's rules in order; a row no rule can be made of is passed over.

        Rows are written only through `save_rules`, so an unreadable one means
        another program wrote it: leaving it out keeps every import working.
        """
        rows = self._conn.execute(
            "SELECT field, how, value, activity_id FROM time_rules WHERE role_id = ? "
            "ORDER BY position, rowid",
            (role_id,),
        ).fetchall()
        found = []
        for field, how, value, activity_id in rows:
            try:
                found.append(TimeRule(RuleField(field), RuleHow(how), value, activity_id))
            except (ValueError, InvalidValueError):
                continue
        return found

    def save_rules(self, role_id: str, rules: Sequence[TimeRule]) -> None:
        """Replace the role's rules with `rules`, in that order (inside a transaction)."""
        self._conn.execute("DELETE FROM time_rules WHERE role_id = ?", (role_id,))
        self._conn.executemany(
            "INSERT INTO time_rules (id, role_id, position, field, how, value, activity_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (new_id(), role_id, position, r.field.value, r.how.value, r.value, r.activity_id)
                for position, r in enumerate(rules)
            ],
        )
