"""The example role's sample records: four weeks before the first start, plausible, marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rolemap.domain.examples import sample_records
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import date_range
from rolemap.interchange import rolemap_json
from rolemap.services.transfer import seed_example
from rolemap.store import figures as q
from rolemap.store.database import open_store

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "engineering-manager.json"
)
TODAY = dt.date(2026, 11, 25)


def example_map():  # type: ignore[no-untyped-def]
    return rolemap_json.loads(EXAMPLE.read_text(encoding="utf-8"))[0].role_map


def test_records_cover_the_four_weeks_before_today() -> None:
    role_map = example_map()
    samples = sample_records(role_map, TODAY)
    first = TODAY - dt.timedelta(days=28)
    starts = [dt.datetime.fromtimestamp(e.start).date() for e in samples.time_entries]
    assert min(starts) >= first and max(starts) < TODAY
    assert all(e.example and e.duration and e.duration > 0 for e in samples.time_entries)
    assert all(
        d.example and first.isoformat() <= d.date < TODAY.isoformat() for d in samples.deliveries
    )
    assert all(c.example and c.date < TODAY.isoformat() for c in samples.checkins)
    outcomes = {n.id for n in role_map.nodes_of(NodeKind.OUTCOME)}
    assert {c.outcome_id for c in samples.checkins} == outcomes
    assert len(samples.checkins) == 4 * len(outcomes)


def test_hours_follow_the_plan_roughly() -> None:
    role_map = example_map()
    samples = sample_records(role_map, TODAY)
    for activity in role_map.nodes_of(NodeKind.ACTIVITY):
        hours = sum(e.duration or 0 for e in samples.time_entries if e.activity_id == activity.id)
        weekly = hours / 3600 / 4
        planned = activity.detail("planned_hours")
        assert 0.3 * planned <= weekly <= 2.0 * planned, activity.title


def test_same_day_same_records() -> None:
    role_map = example_map()
    assert sample_records(role_map, TODAY) == sample_records(role_map, TODAY)


def test_first_start_fills_the_dashboard(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite3", create=True, seed=lambda s: seed_example(s, TODAY))
    try:
        role_id = store.conn.execute("SELECT id FROM roles").fetchone()[0]
        four_weeks = date_range(TODAY - dt.timedelta(days=28), TODAY)
        hours = q.activity_seconds(store.conn, role_id, four_weeks)
        assert len(hours) == 8 and sum(hours.values()) > 60 * 3600
        assert q.delivery_week_counts(store.conn, role_id, four_weeks)
        assert q.checkin_series(store.conn, role_id, four_weeks)
    finally:
        store.close()
