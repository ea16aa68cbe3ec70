"""One answer to "how much time, when": the report, the dashboard and the page agree.

Entries are generated across local midnights, week, month and year edges and
both DST changes, in a zone with DST (Europe/Berlin) and one with half-hour
offsets and DST (Australia/Adelaide). For every named period, the report's
seconds equal a brute-force split of the entries at local midnights, the
dashboard's weekly series sum to the same seconds, and the page prints the
same hours.
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

from rolemap.cli.report_format import report_json
from rolemap.dashboard.data import compute
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import PERIOD_NAMES, Period, period_of, split_by_day
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import TimeEntry
from rolemap.services.diagram_figures import diagram_figures
from rolemap.store.database import Store, open_store
from rolemap.store.figures import role_figures
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.store.rollup import ensure_local_zone

ZONES = ("Europe/Berlin", "Australia/Adelaide")
# Days around which entries are generated: DST changes in both zones, week,
# month and year edges.
EDGES = (
    dt.date(2026, 3, 29),  # Berlin springs forward (Sunday)
    dt.date(2026, 10, 25),  # Berlin falls back
    dt.date(2026, 4, 5),  # Adelaide falls back
    dt.date(2026, 10, 4),  # Adelaide springs forward
    dt.date(2026, 11, 30),  # a Monday, and a month's end the day after
    dt.date(2026, 12, 31),  # the year's end
)


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield ZoneInfo(request.param)
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def role_store(zone: ZoneInfo, tmp_path: Path) -> Iterator[tuple[Store, RoleMap]]:
    store = open_store(tmp_path / f"truth-{zone.key.replace('/', '-')}.sqlite3", create=True)
    role = Role("r", "Truth")
    role_map = RoleMap.build(
        role,
        [
            Node("a1", "r", NodeKind.ACTIVITY, "Build", details={"category": "Maker's work"}),
            Node("a2", "r", NodeKind.ACTIVITY, "Talk", details={"category": "Admin & email"}),
            Node("g", "r", NodeKind.OUTCOME, "Goal"),
        ],
        [Link("l", "r", "a1", "g")],
    )
    with store.transaction():
        RoleRepository(store).insert_map(role_map)
    ensure_local_zone(store.conn)
    yield store, role_map
    store.close()


entry = st.tuples(
    st.sampled_from(EDGES),
    st.integers(-30 * 3600, 30 * 3600),  # start offset from the edge's local midnight
    st.integers(1, 24 * 3600),  # duration
    st.sampled_from(["a1", "a2"]),
)


def _expected(entries: list[TimeEntry], period: Period, tz: dt.tzinfo) -> dict[str, int]:
    totals: dict[str, int] = {}
    for e in entries:
        assert e.duration is not None
        for day, seconds in split_by_day(e.start, e.duration, tz):
            if period.contains(day):
                totals[e.activity_id] = totals.get(e.activity_id, 0) + seconds
    return totals


def _hours_text(seconds: int) -> str:
    value = seconds / 3600
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(entry, min_size=1, max_size=8), st.sampled_from(EDGES), st.integers(-1, 1))
def test_report_dashboard_and_page_agree_to_the_second(
    role_store: tuple[Store, RoleMap],
    zone: ZoneInfo,
    drawn: list[tuple[dt.date, int, int, str]],
    edge: dt.date,
    shift: int,
) -> None:
    store, role_map = role_store
    entries = [
        TimeEntry(
            f"e{i}",
            activity,
            int(dt.datetime.combine(day, dt.time(), zone).timestamp()) + offset,
            duration,
        )
        for i, (day, offset, duration, activity) in enumerate(drawn)
    ]
    with store.transaction() as conn:
        conn.execute("DELETE FROM time_entries")
        RecordRepository(store).put_time_entries(entries)
    today = edge + dt.timedelta(days=shift)
    now = int(dt.datetime.combine(today, dt.time(12), zone).timestamp())
    for name in PERIOD_NAMES:
        period = period_of(name, today)
        expected = _expected(entries, period, zone)
        figures = role_figures(store.conn, role_map, period, zone, now)
        assert dict(figures.activity_seconds) == expected, name
        assert report_json(figures)["total_seconds"] == sum(expected.values())
        page = diagram_figures(figures)
        if expected:
            for activity, seconds in expected.items():
                assert page.nodes[activity] == f"{_hours_text(seconds)} h", name
        if period.start is None:
            continue
        reader = sqlite3.connect(store.path)
        try:
            board = compute(reader, role_map, period, zone, now)
        finally:
            reader.close()
        weekly = sum(sum(h) for h in board.weekly_category_hours.values())
        assert round(weekly * 3600) == sum(expected.values()), name
