"""The time roll-up and the figures read from it, against hand-computed totals.

Every test runs in a fixed zone (Europe/Berlin: DST from the last Sunday of
March, back on the last Sunday of October), so local days and ISO weeks are
the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import date_range
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.store import figures as q
from rolemap.store import rollup, schema
from rolemap.store.database import Store, open_store
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

BERLIN = ZoneInfo("Europe/Berlin")
H = 3600


def set_zone(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()


@pytest.fixture
def berlin() -> Iterator[None]:
    before = os.environ.get("TZ")
    set_zone("Europe/Berlin")
    yield
    set_zone(before)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> int:
    """UTC epoch seconds of a Berlin wall-clock time."""
    return int(dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN).timestamp())


def category_weeks(store: Store, first: dt.date, last: dt.date) -> list[tuple[dt.date, str, int]]:
    """(week, category, seconds) as the dashboard folds the weekly series."""
    role_map = RoleRepository(store).load_map("r")
    totals: dict[tuple[dt.date, str], int] = {}
    for week, activity, seconds in q.activity_week_seconds(
        store.conn, role_map, date_range(first, last), BERLIN, 0
    ):
        category = str(role_map.nodes[activity].detail("category") or "Other")
        totals[(week, category)] = totals.get((week, category), 0) + seconds
    return sorted((week, category, s) for (week, category), s in totals.items())


def seconds_in(store: Store, first: dt.date, last: dt.date, role: str = "r") -> dict[str, int]:
    return q.activity_seconds(store.conn, role, date_range(first, last))


def make_role(store: Store) -> RoleMap:
    role = Role("r", "Tester")
    nodes = [
        Node("a1", "r", NodeKind.ACTIVITY, "Reviews", details={"category": "Maker's work"}),
        Node("a2", "r", NodeKind.ACTIVITY, "1:1s", details={"category": "Relationships & trust"}),
        Node("a3", "r", NodeKind.ACTIVITY, "Loose", details={}),
        Node("o1", "r", NodeKind.OUTPUT, "Docs"),
        Node("o2", "r", NodeKind.OUTPUT, "Plans"),
        Node("g1", "r", NodeKind.OUTCOME, "Speed", details={"baseline": 1.0, "target": 5.0}),
    ]
    links = [Link("l1", "r", "a1", "o1"), Link("l2", "r", "o1", "g1")]
    role_map = RoleMap.build(role, nodes, links)
    with store.transaction():
        RoleRepository(store).insert_map(role_map)
    return role_map


@pytest.fixture
def zoned_store(berlin: None, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "q.sqlite3", create=True)
    make_role(opened)
    yield opened
    opened.close()


def put(store: Store, *entries: TimeEntry) -> None:
    with store.transaction():
        RecordRepository(store).put_time_entries(entries)


def rollup_rows(conn: sqlite3.Connection) -> dict[tuple[str, int], int]:
    rows = conn.execute("SELECT activity_id, day, seconds FROM time_rollup").fetchall()
    return {(a, d): s for a, d, s in rows}


def test_dst_days_are_23_and_25_hours(zoned_store: Store) -> None:
    def length(date: dt.date) -> int:
        row = zoned_store.conn.execute(
            "SELECT end_utc - start_utc FROM local_days WHERE day = ?", (q.local_day(date),)
        ).fetchone()
        return int(row[0])

    assert length(dt.date(2026, 3, 29)) == 23 * H
    assert length(dt.date(2026, 10, 25)) == 25 * H
    assert length(dt.date(2026, 6, 1)) == 24 * H


def test_entry_across_midnight_counts_on_both_days(zoned_store: Store) -> None:
    put(zoned_store, TimeEntry("e1", "a1", at(2026, 6, 3, 22), 4 * H))  # Wed 22:00 → Thu 02:00
    rows = rollup_rows(zoned_store.conn)
    assert rows == {
        ("a1", q.local_day(dt.date(2026, 6, 3))): 2 * H,
        ("a1", q.local_day(dt.date(2026, 6, 4))): 2 * H,
    }


def test_entry_across_the_week_edge_splits_between_weeks(zoned_store: Store) -> None:
    # Sunday 23:00 → Monday 01:30, the night DST ends is elsewhere: plain summer week.
    put(zoned_store, TimeEntry("e1", "a1", at(2026, 6, 7, 23), int(2.5 * H)))
    weeks = category_weeks(zoned_store, dt.date(2026, 6, 1), dt.date(2026, 6, 14))
    assert weeks == [
        (dt.date(2026, 6, 1), "Maker's work", 1 * H),
        (dt.date(2026, 6, 8), "Maker's work", int(1.5 * H)),
    ]


def test_dst_week_totals(zoned_store: Store) -> None:
    put(
        zoned_store,
        # Sunday 29 March 01:30 CET for 2 h of real time: ends 04:30 CEST, all on Sunday.
        TimeEntry("e1", "a1", at(2026, 3, 29, 1, 30), 2 * H),
        # Sunday 29 March 23:00 CEST for 2 h: 1 h on Sunday, 1 h on Monday 30th (next week).
        TimeEntry("e2", "a2", at(2026, 3, 29, 23), 2 * H),
        # Autumn: Sunday 25 October 00:00 to Monday 00:00 is 25 hours of real time.
        TimeEntry("e3", "a1", at(2026, 10, 25, 0), 25 * H),
    )
    march = category_weeks(zoned_store, dt.date(2026, 3, 23), dt.date(2026, 4, 5))
    assert march == [
        (dt.date(2026, 3, 23), "Maker's work", 2 * H),
        (dt.date(2026, 3, 23), "Relationships & trust", 1 * H),
        (dt.date(2026, 3, 30), "Relationships & trust", 1 * H),
    ]
    october = seconds_in(zoned_store, dt.date(2026, 10, 25), dt.date(2026, 10, 25))
    assert october == {"a1": 25 * H}
    assert seconds_in(zoned_store, dt.date(2026, 10, 26), dt.date(2026, 10, 26)) == {}


def test_weeks_without_entries_have_no_rows_but_are_listed(zoned_store: Store) -> None:
    put(
        zoned_store,
        TimeEntry("e1", "a1", at(2026, 6, 2, 9), H),
        TimeEntry("e2", "a3", at(2026, 6, 17, 9), 2 * H),
    )
    first, last = dt.date(2026, 6, 1), dt.date(2026, 6, 21)
    rows = q.activity_week_seconds(
        zoned_store.conn,
        RoleRepository(zoned_store).load_map("r"),
        date_range(first, last),
        BERLIN,
        0,
    )
    assert rows == [(dt.date(2026, 6, 1), "a1", H), (dt.date(2026, 6, 15), "a3", 2 * H)]
    assert q.weeks_between(first, last) == [
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 15),
    ]
    categories = category_weeks(zoned_store, first, last)
    assert categories[-1] == (dt.date(2026, 6, 15), "Other", 2 * H)


def test_running_timer_counts_once_stopped(zoned_store: Store) -> None:
    put(zoned_store, TimeEntry("t", "a1", at(2026, 6, 2, 9), None))
    assert rollup_rows(zoned_store.conn) == {}
    with zoned_store.transaction() as conn:
        conn.execute("UPDATE time_entries SET duration = ? WHERE id = 't'", (45 * 60,))
    assert rollup_rows(zoned_store.conn) == {("a1", q.local_day(dt.date(2026, 6, 2))): 45 * 60}


def test_replace_update_and_delete_keep_the_rollup(zoned_store: Store) -> None:
    day = q.local_day(dt.date(2026, 6, 2))
    put(zoned_store, TimeEntry("e", "a1", at(2026, 6, 2, 9), H))
    put(zoned_store, TimeEntry("e", "a2", at(2026, 6, 2, 9), 3 * H))  # INSERT OR REPLACE
    assert rollup_rows(zoned_store.conn) == {("a2", day): 3 * H}
    with zoned_store.transaction() as conn:
        conn.execute("DELETE FROM time_entries WHERE id = 'e'")
    assert rollup_rows(zoned_store.conn) == {}


def test_period_filters_and_role(zoned_store: Store) -> None:
    put(
        zoned_store,
        TimeEntry("e1", "a1", at(2026, 5, 31, 9), H),
        TimeEntry("e2", "a1", at(2026, 6, 1, 9), 2 * H),
        TimeEntry("e3", "a2", at(2026, 6, 30, 9), 3 * H),
        TimeEntry("e4", "a2", at(2026, 7, 1, 9), 4 * H),
    )
    totals = seconds_in(zoned_store, dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert totals == {"a1": 2 * H, "a2": 3 * H}
    assert seconds_in(zoned_store, dt.date(2026, 1, 1), dt.date(2027, 1, 1), role="other") == {}


def test_deliveries_per_week(zoned_store: Store) -> None:
    with zoned_store.transaction():
        RecordRepository(zoned_store).put_deliveries(
            [
                Delivery("d1", "o1", "2026-06-01"),
                Delivery("d2", "o1", "2026-06-07"),
                Delivery("d3", "o2", "2026-06-03"),
                Delivery("d4", "o1", "2026-06-08"),
                Delivery("d5", "o1", "2026-05-31"),
            ]
        )
    rows = q.delivery_week_counts(
        zoned_store.conn, "r", date_range(dt.date(2026, 6, 1), dt.date(2026, 6, 14))
    )
    assert rows == [
        (dt.date(2026, 6, 1), "o1", 2),
        (dt.date(2026, 6, 1), "o2", 1),
        (dt.date(2026, 6, 8), "o1", 1),
    ]


def test_checkins_include_the_last_one_before_the_period(zoned_store: Store) -> None:
    with zoned_store.transaction():
        RecordRepository(zoned_store).put_checkins(
            [
                CheckIn("c0", "g1", "2026-04-01", 1.0),
                CheckIn("c1", "g1", "2026-05-01", 2.0),
                CheckIn("c2", "g1", "2026-06-10", 3.0),
                CheckIn("c3", "g1", "2026-07-10", 4.0),
            ]
        )
    rows = q.checkin_series(
        zoned_store.conn, "r", date_range(dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    )
    assert rows == [("g1", dt.date(2026, 5, 1), 2.0), ("g1", dt.date(2026, 6, 10), 3.0)]


def test_zone_change_rebuilds_the_rollup(zoned_store: Store) -> None:
    put(zoned_store, TimeEntry("e1", "a1", at(2026, 6, 2, 1), H))  # 01:00 Berlin = 23:00 UTC
    assert set(rollup_rows(zoned_store.conn)) == {("a1", q.local_day(dt.date(2026, 6, 2)))}
    assert rollup.ensure_local_zone(zoned_store.conn) is False
    set_zone("UTC")
    assert rollup.ensure_local_zone(zoned_store.conn) is True
    assert set(rollup_rows(zoned_store.conn)) == {("a1", q.local_day(dt.date(2026, 6, 1)))}


def test_migration_backfills_existing_entries(berlin: None, tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=2)
    conn.execute("INSERT INTO roles (id, name, categories) VALUES ('r', 'R', '[]')")
    conn.execute("INSERT INTO nodes (id, role_id, kind, title) VALUES ('a1', 'r', 'activity', 'A')")
    conn.execute(
        "INSERT INTO time_entries (id, activity_id, start, duration) VALUES "
        f"('e1', 'a1', {at(2026, 6, 3, 22)}, {4 * H}), ('e2', 'a1', {at(2026, 6, 3, 9)}, NULL)"
    )
    conn.close()
    store = open_store(path)
    try:
        assert rollup_rows(store.conn) == {
            ("a1", q.local_day(dt.date(2026, 6, 3))): 2 * H,
            ("a1", q.local_day(dt.date(2026, 6, 4))): 2 * H,
        }
    finally:
        store.close()


# -- the roll-up equals a plain computation after any mix of writes -------------------


def oracle(entries: dict[str, tuple[str, int, int | None]]) -> dict[tuple[str, int], int]:
    """Split each finished entry at Berlin midnights with zoneinfo: the expected roll-up."""
    totals: dict[tuple[str, int], int] = {}
    for activity, start, duration in entries.values():
        if not duration or duration <= 0:
            continue
        end = start + duration
        cursor = start
        while cursor < end:
            date = dt.datetime.fromtimestamp(cursor, BERLIN).date()
            midnight = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(), BERLIN)
            piece_end = min(end, int(midnight.timestamp()))
            key = (activity, q.local_day(date))
            totals[key] = totals.get(key, 0) + piece_end - cursor
            cursor = piece_end
    return totals


BASE = at(2026, 3, 27)  # spans the spring DST change
operation = st.tuples(
    st.sampled_from(["put", "update", "delete"]),
    st.integers(0, 5),  # entry id
    st.sampled_from(["a1", "a2"]),
    st.integers(0, 5 * 86400),  # start offset
    st.one_of(st.none(), st.integers(0, 60 * H)),  # duration (None: a running timer)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operation, max_size=25))
def test_rollup_matches_a_plain_group_by(
    zoned_store: Store, ops: list[tuple[str, int, str, int, int | None]]
) -> None:
    conn = zoned_store.conn
    with zoned_store.transaction():
        conn.execute("DELETE FROM time_entries")
    expected: dict[str, tuple[str, int, int | None]] = {}
    for kind, number, activity, offset, duration in ops:
        entry_id = f"e{number}"
        with zoned_store.transaction():
            if kind == "put":
                RecordRepository(zoned_store).put_time_entries(
                    [TimeEntry(entry_id, activity, BASE + offset, duration)]
                )
                expected[entry_id] = (activity, BASE + offset, duration)
            elif kind == "update" and entry_id in expected:
                conn.execute(
                    "UPDATE time_entries SET activity_id = ?, duration = ? WHERE id = ?",
                    (activity, duration, entry_id),
                )
                expected[entry_id] = (activity, expected[entry_id][1], duration)
            elif kind == "delete":
                conn.execute("DELETE FROM time_entries WHERE id = ?", (entry_id,))
                expected.pop(entry_id, None)
    assert rollup_rows(conn) == oracle(expected)
    plain = conn.execute(
        "SELECT e.activity_id, d.day, SUM(MIN(e.start + e.duration, d.end_utc) - "
        "MAX(e.start, d.start_utc)) FROM time_entries e JOIN local_days d "
        "ON d.start_utc < e.start + e.duration AND d.end_utc > e.start "
        "WHERE e.duration > 0 GROUP BY e.activity_id, d.day"
    ).fetchall()
    assert rollup_rows(conn) == {(a, d): s for a, d, s in plain}
