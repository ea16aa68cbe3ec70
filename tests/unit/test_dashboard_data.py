"""The dashboard's folded numbers: totals agree across charts; a crowded flow is merged."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from tests.support.generate import big_role_map, insert_time_entries, write_role

from rolemap.dashboard.data import MAX_PER_COLUMN, compute
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import date_range
from rolemap.store.database import open_store


def test_big_role_totals_agree_and_flow_is_capped(tmp_path: Path) -> None:
    store = open_store(tmp_path / "big.sqlite3", create=True)
    role_map = big_role_map(100, 200, seed=3)
    write_role(store, role_map)
    activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
    first, last = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    start = int(dt.datetime(2026, 1, 5).timestamp())
    insert_time_entries(store, activities, 2000, start, start + 60 * 86400, seed=3)
    store.close()
    conn = sqlite3.connect(tmp_path / "big.sqlite3")
    data = compute(conn, role_map, date_range(first, last), dt.UTC, start + 90 * 86400)
    conn.close()
    assert data.flow is not None
    assert all(len(column) <= MAX_PER_COLUMN for column in data.flow.columns)
    weekly_total = sum(sum(hours) for hours in data.weekly_category_hours.values())
    assert weekly_total == pytest.approx(data.total_hours)
    into_activities = sum(h for s, _, h in data.flow.bands if s.startswith("c:"))
    assert into_activities == pytest.approx(data.total_hours)
    assert sum(h for _, _, h in data.outcome_hours) == pytest.approx(data.total_hours)
    more = next(key for key, *_ in data.flow.columns[1] if key.startswith("more:"))
    assert data.flow.filters[more]["activity_ids"]
