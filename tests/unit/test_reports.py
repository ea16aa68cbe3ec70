"""The figures' SQL aggregates and the report against totals worked out by hand, in Berlin."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rolemap.cli.report_format import report_json
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import date_range, period_of
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.store.figures import (
    activity_seconds,
    category_seconds,
    delivery_counts,
    latest_checkins,
    role_figures,
    seconds_between,
)
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local zone is Berlin (the roll-up follows the C library's zone)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _at(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=BERLIN).timestamp())


def _by_title(role_map: Any, kind: NodeKind) -> dict[str, str]:
    return {n.title: n.id for n in role_map.nodes_of(kind)}


def test_report_matches_hand_totals(store: Any, berlin: None) -> None:
    role_map = RoleRepository(store).load_map(RoleRepository(store).list_roles()[0].id)
    act = _by_title(role_map, NodeKind.ACTIVITY)
    out = _by_title(role_map, NodeKind.OUTPUT)
    goal = _by_title(role_map, NodeKind.OUTCOME)
    code, one_on_one, email = act["Code reviews"], act["Weekly 1:1s"], act["Email & status updates"]
    entries = [
        # Monday 25 March 2024 (the DST week), two hours of code review.
        TimeEntry("e1", code, _at(2024, 3, 25, 10, 0), 7200),
        # Sunday 24 March 23:00 → Monday 01:00: one hour in the week before, one in this one.
        TimeEntry("e2", one_on_one, _at(2024, 3, 24, 23, 0), 7200),
        # Saturday 30 March 23:30 → Sunday 03:30 local is 3 real hours (02:00 jumps to 03:00).
        TimeEntry("e3", email, _at(2024, 3, 30, 23, 30), 3 * 3600),
        # The next week's Monday: outside the week.
        TimeEntry("e4", code, _at(2024, 4, 1, 9, 0), 1800),
        # A running timer (not in the roll-up; added up to `now`).
        TimeEntry("e5", email, _at(2024, 3, 31, 20, 0), None),
    ]
    records = RecordRepository(store)
    with store.transaction() as conn:
        for table in ("time_entries", "deliveries", "checkins"):  # the example's sample data
            conn.execute(f"DELETE FROM {table}")
        records.put_time_entries(entries)
        records.put_deliveries(
            [
                Delivery("d1", out["Design docs"], "2024-03-26"),
                Delivery("d2", out["Design docs"], "2024-03-29"),
                Delivery("d3", out["Design docs"], "2024-04-02"),
            ]
        )
        records.put_checkins(
            [
                CheckIn("c1", goal["Team retention ≥ 90 %"], "2024-03-20", 84.0),
                CheckIn("c2", goal["Team retention ≥ 90 %"], "2024-03-28", 86.0, 0.7),
                CheckIn("c3", goal["Team retention ≥ 90 %"], "2024-04-03", 88.0),
            ]
        )
    week = period_of("week", dt.date(2024, 3, 27))
    now = _at(2024, 3, 31, 21, 30)  # the timer has run 1.5 h, inside the week

    report = role_figures(store.conn, role_map, week, BERLIN, now)
    assert activity_seconds(store.conn, role_map.role.id, week) == {
        code: 7200,
        one_on_one: 3600,
        email: 3 * 3600,
    }
    assert report.activity_seconds == {code: 7200, one_on_one: 3600, email: 3 * 3600 + 5400}
    assert category_seconds(store.conn, role_map.role.id, week) == {
        "Knowledge transfer & development": 7200,
        "Relationships & trust": 3600,
        "Admin & email": 3 * 3600,
    }
    assert report.total_seconds == 7200 + 3600 + 3 * 3600 + 5400
    assert delivery_counts(store.conn, role_map.role.id, week) == {out["Design docs"]: 2}
    latest = latest_checkins(store.conn, role_map.role.id, week.end)
    assert latest[goal["Team retention ≥ 90 %"]].value == 86.0
    start, end = week.utc_bounds(BERLIN)
    assert start is not None and end is not None
    assert seconds_between(store.conn, role_map.role.id, start, end) == activity_seconds(
        store.conn, role_map.role.id, week
    )

    data = report_json(report)
    assert data["period"] == {
        "name": "week",
        "from": "2024-03-25",
        "to": "2024-03-31",
        "timezone": "Europe/Berlin",
    }
    assert data["total_hours"] == pytest.approx(7.5)
    # Email leads to no outcome: purposeful = (2 + 1) / 7.5.
    assert data["purposeful_share"] == pytest.approx(3 / 7.5, abs=1e-4)
    assert data["running_timer"]["elapsed_hours"] == 1.5
    assert data["categories"][0]["category"] == "Admin & email"
    design = next(o for o in data["outputs"] if o["title"] == "Design docs")
    assert design["deliveries"] == 2
    retention = next(o for o in data["outcomes"] if o["title"] == "Team retention ≥ 90 %")
    assert retention["latest_checkin"]["value"] == 86.0
    assert sum(o["attributed_hours"] for o in data["outcomes"]) == pytest.approx(
        data["attributed_hours"], abs=0.01
    )

    everything = role_figures(store.conn, role_map, period_of("all", dt.date.today()), BERLIN, now)
    assert everything.total_seconds == 7200 + 7200 + 3 * 3600 + 1800 + 5400
    one_day = role_figures(
        store.conn, role_map, date_range(dt.date(2024, 3, 24), dt.date(2024, 3, 24)), BERLIN, now
    )
    assert one_day.activity_seconds == {one_on_one: 3600}
