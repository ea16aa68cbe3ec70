"""The example role's sample records: every time entry, delivery and check-in marked example."""

from __future__ import annotations

import sqlite3

from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.store.record_repository import (
    CHECKIN_COLUMNS,
    DELIVERY_COLUMNS,
    ENTRY_COLUMNS,
    checkin_of,
    delivery_of,
    entry_of,
)


def example_records(
    conn: sqlite3.Connection,
) -> tuple[list[TimeEntry], list[Delivery], list[CheckIn]]:
    """Every record marked as example data (Edit → Remove example data takes them away)."""
    entries = conn.execute(f"SELECT {ENTRY_COLUMNS} FROM time_entries WHERE example = 1")
    deliveries = conn.execute(f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE example = 1")
    checkins = conn.execute(f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE example = 1")
    return (
        [entry_of(r) for r in entries],
        [delivery_of(r) for r in deliveries],
        [checkin_of(r) for r in checkins],
    )
