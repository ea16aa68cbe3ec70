"""Time entries, deliveries and check-ins in SQLite (the tracking records).

Like the role repository, writes run inside `Store.transaction()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.store.database import Store

ENTRY_COLUMNS = "id, activity_id, start, duration, note, source, external_id, example"
DELIVERY_COLUMNS = "id, output_id, date, title, link, example"
CHECKIN_COLUMNS = "id, outcome_id, date, value, confidence, note, example"


class RecordRepository:
    """Reads and writes the tracking records of roles."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def time_entries(self, role_id: str) -> list[TimeEntry]:
        """A role's time entries, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_prefixed(ENTRY_COLUMNS, 'e')} FROM time_entries e "
            "JOIN nodes n ON n.id = e.activity_id WHERE n.role_id = ? ORDER BY e.start, e.id",
            (role_id,),
        ).fetchall()
        return [entry_of(r) for r in rows]

    def time_entries_between(
        self, role_id: str, start: int | None = None, end: int | None = None
    ) -> list[TimeEntry]:
        """A role's entries (a running one too) starting in [start, end) UTC, oldest first.

        None leaves that end of the range open.
        """
        rows = self._conn.execute(
            f"SELECT {_prefixed(ENTRY_COLUMNS, 'e')} FROM time_entries e "
            "JOIN nodes n ON n.id = e.activity_id WHERE n.role_id = ? "
            "AND e.start >= ? AND e.start < ? ORDER BY e.start, e.id",
            (role_id, -(2**62) if start is None else start, 2**62 if end is None else end),
        ).fetchall()
        return [entry_of(r) for r in rows]

    def time_entries_by_prefix(self, role_id: str, prefix: str, limit: int = 5) -> list[TimeEntry]:
        """The role's entries whose id starts with `prefix` (at most `limit`), by id."""
        rows = self._conn.execute(
            f"SELECT {_prefixed(ENTRY_COLUMNS, 'e')} FROM time_entries e "
            "JOIN nodes n ON n.id = e.activity_id WHERE n.role_id = ? "
            "AND e.id >= ? AND e.id < ? ORDER BY e.id LIMIT ?",
            (role_id, prefix, prefix + "\U0010ffff", limit),
        ).fetchall()
        return [entry_of(r) for r in rows]

    def shared_id_prefixes(self, prefixes: Iterable[str]) -> set[str]:
        """The prefixes that begin more than one time entry's id (one index seek each)."""
        shared = set()
        for prefix in set(prefixes):
            (count,) = self._conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM time_entries WHERE id >= ? AND id < ? "
                "LIMIT 2)",
                (prefix, prefix + "\U0010ffff"),
            ).fetchone()
            if count > 1:
                shared.add(prefix)
        return shared

    def latest_time_entry(self, role_id: str) -> TimeEntry | None:
        """The role's time entry that started last (running or finished)."""
        row = self._conn.execute(
            f"SELECT {_prefixed(ENTRY_COLUMNS, 'e')} FROM time_entries e "
            "JOIN nodes n ON n.id = e.activity_id WHERE n.role_id = ? "
            "ORDER BY e.start DESC, e.id DESC LIMIT 1",
            (role_id,),
        ).fetchone()
        return entry_of(row) if row else None

    def deliveries(self, role_id: str) -> list[Delivery]:
        """A role's deliveries, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_prefixed(DELIVERY_COLUMNS, 'd')} FROM deliveries d "
            "JOIN nodes n ON n.id = d.output_id WHERE n.role_id = ? ORDER BY d.date, d.id",
            (role_id,),
        ).fetchall()
        return [delivery_of(r) for r in rows]

    def checkins(self, role_id: str) -> list[CheckIn]:
        """A role's check-ins, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_prefixed(CHECKIN_COLUMNS, 'c')} FROM checkins c "
            "JOIN nodes n ON n.id = c.outcome_id WHERE n.role_id = ? ORDER BY c.date, c.id",
            (role_id,),
        ).fetchall()
        return [checkin_of(r) for r in rows]

    def put_time_entries(self, entries: Iterable[TimeEntry]) -> None:
        """Insert or replace time entries."""
        self._conn.executemany(
            f"INSERT OR REPLACE INTO time_entries ({ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            map(_entry_row, entries),
        )

    def put_deliveries(self, deliveries: Iterable[Delivery]) -> None:
        """Insert or replace deliveries."""
        self._conn.executemany(
            f"INSERT OR REPLACE INTO deliveries ({DELIVERY_COLUMNS}) VALUES (?,?,?,?,?,?)",
            map(_delivery_row, deliveries),
        )

    def put_checkins(self, checkins: Iterable[CheckIn]) -> None:
        """Insert or replace check-ins."""
        self._conn.executemany(
            f"INSERT OR REPLACE INTO checkins ({CHECKIN_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
            map(_checkin_row, checkins),
        )

    def insert_records(
        self,
        entries: Iterable[TimeEntry] = (),
        deliveries: Iterable[Delivery] = (),
        checkins: Iterable[CheckIn] = (),
    ) -> None:
        """Insert new records (an import): an id already in the file fails, never replaces."""
        self._conn.executemany(
            f"INSERT INTO time_entries ({ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            map(_entry_row, entries),
        )
        self._conn.executemany(
            f"INSERT INTO deliveries ({DELIVERY_COLUMNS}) VALUES (?,?,?,?,?,?)",
            map(_delivery_row, deliveries),
        )
        self._conn.executemany(
            f"INSERT INTO checkins ({CHECKIN_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
            map(_checkin_row, checkins),
        )

    def records_of_nodes(
        self, node_ids: Iterable[str]
    ) -> tuple[list[TimeEntry], list[Delivery], list[CheckIn]]:
        """The records attached to some nodes (to restore them when a delete is undone)."""
        ids = list(node_ids)
        marks = ",".join("?" * len(ids))
        entries = self._conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM time_entries WHERE activity_id IN ({marks})", ids
        ).fetchall()
        deliveries = self._conn.execute(
            f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE output_id IN ({marks})", ids
        ).fetchall()
        checkins = self._conn.execute(
            f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE outcome_id IN ({marks})", ids
        ).fetchall()
        return (
            [entry_of(r) for r in entries],
            [delivery_of(r) for r in deliveries],
            [checkin_of(r) for r in checkins],
        )

    def delete_records_of_nodes(self, node_ids: Iterable[str]) -> None:
        """Remove every record attached to these nodes."""
        ids = [(i,) for i in node_ids]
        self._conn.executemany("DELETE FROM time_entries WHERE activity_id = ?", ids)
        self._conn.executemany("DELETE FROM deliveries WHERE output_id = ?", ids)
        self._conn.executemany("DELETE FROM checkins WHERE outcome_id = ?", ids)

    # -- single records and the timer (the Track tab and `rolemap start/stop`) --

    def time_entry(self, entry_id: str) -> TimeEntry | None:
        """One time entry by id."""
        row = self._conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM time_entries WHERE id = ?", (entry_id,)
        ).fetchone()
        return entry_of(row) if row else None

    def delivery(self, delivery_id: str) -> Delivery | None:
        """One delivery by id."""
        row = self._conn.execute(
            f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,)
        ).fetchone()
        return delivery_of(row) if row else None

    def checkin(self, checkin_id: str) -> CheckIn | None:
        """One check-in by id."""
        row = self._conn.execute(
            f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE id = ?", (checkin_id,)
        ).fetchone()
        return checkin_of(row) if row else None

    def running_timers(self) -> list[TimeEntry]:
        """Open entries (duration NULL), newest first; at most one in a sound database."""
        rows = self._conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM time_entries WHERE duration IS NULL "
            "ORDER BY start DESC, id"
        ).fetchall()
        return [entry_of(r) for r in rows]

    def running_timer(self) -> TimeEntry | None:
        """The running timer's open entry, if a timer runs (in any role)."""
        running = self.running_timers()
        return running[0] if running else None

    def delete_time_entries(self, entry_ids: Iterable[str]) -> None:
        """Remove time entries by id."""
        self._conn.executemany("DELETE FROM time_entries WHERE id = ?", [(i,) for i in entry_ids])

    def delete_deliveries(self, delivery_ids: Iterable[str]) -> None:
        """Remove deliveries by id."""
        self._conn.executemany("DELETE FROM deliveries WHERE id = ?", [(i,) for i in delivery_ids])

    def delete_checkins(self, checkin_ids: Iterable[str]) -> None:
        """Remove check-ins by id."""
        self._conn.executemany("DELETE FROM checkins WHERE id = ?", [(i,) for i in checkin_ids])

    def count_time_entries(self, activity_ids: Iterable[str]) -> int:
        """How many time entries these activities have (to ask before deleting them)."""
        ids = list(activity_ids)
        marks = ",".join("?" * len(ids))
        row = self._conn.execute(
            f"SELECT count(*) FROM time_entries WHERE activity_id IN ({marks})", ids
        ).fetchone()
        return int(row[0])


def _entry_row(e: TimeEntry) -> tuple[Any, ...]:
    return (
        e.id,
        e.activity_id,
        e.start,
        e.duration,
        e.note,
        e.source,
        e.external_id,
        int(e.example),
    )


def _delivery_row(d: Delivery) -> tuple[Any, ...]:
    return (d.id, d.output_id, d.date, d.title, d.link, int(d.example))


def _checkin_row(c: CheckIn) -> tuple[Any, ...]:
    return (c.id, c.outcome_id, c.date, c.value, c.confidence, c.note, int(c.example))


def entry_of(r: tuple[Any, ...]) -> TimeEntry:
    return TimeEntry(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "manual", r[6], bool(r[7]))


def delivery_of(r: tuple[Any, ...]) -> Delivery:
    return Delivery(r[0], r[1], r[2], r[3] or "", r[4] or "", bool(r[5]))


def checkin_of(r: tuple[Any, ...]) -> CheckIn:
    return CheckIn(r[0], r[1], r[2], r[3], r[4], r[5] or "", bool(r[6]))


def _prefixed(columns: str, alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))
