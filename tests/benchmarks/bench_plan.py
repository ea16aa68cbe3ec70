"""The week's plan over 1,000,000 time entries: the refresh after logging one entry.

The Plan view refreshes after every save; it calls `services.week_plan.week_view`,
which reads the week from the daily roll-up through `store.figures`. Measured
here exactly as the view calls it, after each of 50 single-entry saves (the
save is the same transaction `rolemap log` makes). Also recorded, without
targets: a year of plan history (the "plan vs actual" chart), the quarter's
checklist, and composing the printed week.

    .venv/bin/python tests/benchmarks/bench_plan.py     (prints the figures)
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "desktop"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ENTRIES = 1_000_000
SAVES = 50
Record = Callable[..., None]


def run(record: Record) -> None:
    """Build a million-entry database with a year of plans, then time the refreshes."""
    from tests.support.generate import big_role_map, insert_time_entries, write_role

    from rolemap.domain import record_rules
    from rolemap.domain.kinds import NodeKind
    from rolemap.domain.periods import local_zone
    from rolemap.domain.quarter import Quarter
    from rolemap.domain.week_plan import PlannedOutput, Week, prefill
    from rolemap.services.quarter_checklist import quarter_checklist
    from rolemap.services.week_plan import plan_history, this_week, week_view
    from rolemap.store.database import open_store
    from rolemap.store.plan_repository import PlanRepository
    from rolemap.store.record_repository import RecordRepository

    tz = local_zone()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite3", create=True)
        role_map = big_role_map(100, 200, seed=11, name="Benchmark")
        write_role(store, role_map)
        activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
        outputs = [n.id for n in role_map.nodes_of(NodeKind.OUTPUT)]
        outcomes = [n.id for n in role_map.nodes_of(NodeKind.OUTCOME)]
        now = int(time.time())
        insert_time_entries(store, activities, ENTRIES, now - 4 * 365 * 86400, now, seed=11)
        _add_records(store, outputs, outcomes, now)
        week = this_week(tz, now)
        plans = PlanRepository(store)
        with store.transaction():
            for back in range(52):
                plan = prefill(role_map, week.shifted(-back))
                for i, activity in enumerate(activities):
                    plan = plan.with_hours(activity, 1 + i % 4)
                for output in outputs[:6]:
                    plan = plan.with_output(PlannedOutput(output, 2))
                for outcome in outcomes[:3]:
                    plan = plan.with_focus(outcome)
                plans.put_plan(plan)

        records = RecordRepository(store)
        week_view(store, role_map, week, tz=tz, now=now)  # the zone check's first look
        refreshes, rounds = [], []
        for i in range(SAVES):
            started = time.perf_counter()
            entry = record_rules.time_entry(activities[i % len(activities)], now - 3600, 1800)
            with store.transaction():
                records.put_time_entries([entry])
            saved = time.perf_counter()
            report = week_view(store, role_map, week, tz=tz, now=now)
            done = time.perf_counter()
            refreshes.append(done - saved)
            rounds.append(done - started)
        assert report.actual_hours > 0
        record(
            "plan: the week's refresh after logging one entry, 1,000,000 entries",
            statistics.median(refreshes) * 1000,
            "ms",
            50.0,
        )
        record(
            "plan: the same refresh, 95th percentile",
            statistics.quantiles(refreshes, n=20)[-1] * 1000,
            "ms",
            None,
        )
        record(
            "plan: log one entry and refresh the week (save + refresh)",
            statistics.median(rounds) * 1000,
            "ms",
            None,
        )

        first = Week.of(dt.date.fromordinal(week.monday.toordinal() - 364))
        histories = []
        for _ in range(5):
            started = time.perf_counter()
            history = plan_history(store, role_map, first, week, tz=tz, now=now)
            histories.append(time.perf_counter() - started)
        assert len(history) == 52
        record(
            "plan: a year of plan vs actual (52 planned weeks), 1,000,000 entries",
            statistics.median(histories) * 1000,
            "ms",
            None,
        )

        checklists = []
        quarter = Quarter.of(week.monday)
        for _ in range(5):
            started = time.perf_counter()
            quarter_checklist(store, role_map, quarter, tz=tz, now=now, keep=False)
            checklists.append(time.perf_counter() - started)
        record(
            "plan: the quarter's checklist decided from the data, 1,000,000 entries",
            statistics.median(checklists) * 1000,
            "ms",
            None,
        )

        from PySide6.QtGui import QGuiApplication

        from rolemap.render.metrics import TextMeasure
        from rolemap.render.week_page import compose_week

        app = QGuiApplication.instance() or QGuiApplication([])
        measure = TextMeasure()
        pages = []
        for _ in range(5):
            started = time.perf_counter()
            compose_week(report, measure=measure)
            pages.append(time.perf_counter() - started)
        record(
            "plan: compose the printed week (40 activities)",
            statistics.median(pages) * 1000,
            "ms",
            None,
        )
        store.close()
        del app


def _add_records(store: object, outputs: list[str], outcomes: list[str], now: int) -> None:
    """5,000 deliveries and 5,000 check-ins over the same four years (a busy role's share)."""
    import random

    from rolemap.store.database import Store

    assert isinstance(store, Store)
    rng = random.Random(11)
    today = dt.date.fromtimestamp(now)

    def day() -> str:
        return (today - dt.timedelta(days=rng.randrange(4 * 365))).isoformat()

    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO deliveries (id, output_id, date) VALUES (?, ?, ?)",
            [(f"d{i}", rng.choice(outputs), day()) for i in range(5000)],
        )
        conn.executemany(
            "INSERT INTO checkins (id, outcome_id, date, value) VALUES (?, ?, ?, ?)",
            [(f"c{i}", rng.choice(outcomes), day(), rng.random() * 100) for i in range(5000)],
        )


if __name__ == "__main__":

    def show(
        name: str, value: float, unit: str, target: float | None, higher_is_better: bool = False
    ) -> None:
        goal = f" (target {target:g} {unit})" if target is not None else ""
        print(f"{name}: {value:.1f} {unit}{goal}")

    run(show)
