"""The orders of the Track tables and the indexes behind them, table by table.

Each order is the key a page is sorted by, spelt as its index spells it
(SQLite matches an index on an expression only to the same expression), and
ends, in `record_keys`, with the rowid, which every index holds:

    time entries  start → (start)                idx_time_entries_start
                  duration → (duration, start)    idx_time_entries_duration   (v8)
                  end → (start + duration, start) idx_time_entries_end        (v8)
                  note → (note NOCASE, start)     idx_time_entries_note       (v8)
                  by node → (activity_id, start)  idx_time_entries_activity_id_start
    deliveries    date (v8), by node (output, date); the rest sorted by SQLite
    check-ins     date (v8), by node (outcome, date); the rest sorted by SQLite

The small tables' text and number columns have no index: a role has
hundreds of deliveries and check-ins, not a million.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import CheckIn, Delivery, RecordKind, TimeEntry
from rolemap.store.record_repository import (
    CHECKIN_COLUMNS,
    DELIVERY_COLUMNS,
    ENTRY_COLUMNS,
    checkin_of,
    delivery_of,
    entry_of,
)

Record = TimeEntry | Delivery | CheckIn


@dataclass(frozen=True)
class Table:
    """A table of records: its node and date columns, its text columns, its two indexes."""

    name: str
    node: str  # the column naming the record's node
    node_kind: NodeKind
    when: str  # the column the date range bounds: start (UTC seconds) or date (ISO)
    columns: str  # the record's columns, as `make` takes them
    text: tuple[str, ...]  # the columns the text filter searches
    when_index: str
    node_index: str
    make: Callable[[tuple[Any, ...]], Record]


@dataclass(frozen=True)
class Order:
    """One order of a table: its key expressions (the rowid follows) and the index behind it."""

    keys: tuple[str, ...]
    index: str | None  # None: SQLite sorts the selection (the small tables' text columns)
    by_node: bool = False
    folded: tuple[int, ...] = ()  # the keys compared without case (NOCASE)


TABLES: dict[RecordKind, Table] = {
    RecordKind.TIME_ENTRIES: Table(
        "time_entries",
        "activity_id",
        NodeKind.ACTIVITY,
        "start",
        ENTRY_COLUMNS,
        ("note",),
        "idx_time_entries_start",
        "idx_time_entries_activity_id_start",
        entry_of,
    ),
    RecordKind.DELIVERIES: Table(
        "deliveries",
        "output_id",
        NodeKind.OUTPUT,
        "date",
        DELIVERY_COLUMNS,
        ("title", "link"),
        "idx_deliveries_date",
        "idx_deliveries_output_id_date",
        delivery_of,
    ),
    RecordKind.CHECKINS: Table(
        "checkins",
        "outcome_id",
        NodeKind.OUTCOME,
        "date",
        CHECKIN_COLUMNS,
        ("note",),
        "idx_checkins_date",
        "idx_checkins_outcome_id_date",
        checkin_of,
    ),
}

_NOTE = "IFNULL({t}.note, '') COLLATE NOCASE"
ORDERS: dict[RecordKind, dict[str, Order]] = {
    RecordKind.TIME_ENTRIES: {
        "start": Order(("{t}.start",), "idx_time_entries_start"),
        "duration": Order(("IFNULL({t}.duration, -1)", "{t}.start"), "idx_time_entries_duration"),
        "end": Order(("{t}.start + IFNULL({t}.duration, 0)", "{t}.start"), "idx_time_entries_end"),
        "note": Order((_NOTE, "{t}.start"), "idx_time_entries_note", folded=(0,)),
        "node": Order(("{t}.start",), "idx_time_entries_activity_id_start", by_node=True),
    },
    RecordKind.DELIVERIES: {
        "date": Order(("{t}.date",), "idx_deliveries_date"),
        "node": Order(("{t}.date",), "idx_deliveries_output_id_date", by_node=True),
        "title": Order(("IFNULL({t}.title, '') COLLATE NOCASE",), None, folded=(0,)),
        "link": Order(("IFNULL({t}.link, '')",), None),
    },
    RecordKind.CHECKINS: {
        "date": Order(("{t}.date",), "idx_checkins_date"),
        "node": Order(("{t}.date",), "idx_checkins_outcome_id_date", by_node=True),
        "value": Order(("{t}.value",), None),
        "confidence": Order(("IFNULL({t}.confidence, -1)",), None),
        "note": Order((_NOTE,), None, folded=(0,)),
    },
}
