"""Dashboard refresh over 1,000,000 time entries: from a period change to the last chart drawn.

Also measured, for the roll-up's design: the same year's category × week
aggregate as a plain scan of `time_entries` (what the roll-up replaces) and
the cost of the roll-up's triggers when inserting the million entries.

    .venv/bin/python tests/benchmarks/bench_dashboard.py     (prints the figures)
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
RUNS = 7
Record = Callable[..., None]


def _wait(tab: object, action: Callable[[], None]) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    tab.refreshed.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(60_000, loop.quit)
    started = time.perf_counter()
    action()
    loop.exec()
    elapsed = time.perf_counter() - started
    tab.refreshed.disconnect(loop.quit)  # type: ignore[attr-defined]
    return elapsed


def run(record: Record) -> None:
    """Build the million-entry database, then time period switches to "this year"."""
    from PySide6.QtWidgets import QApplication
    from tests.support.generate import big_role_map, insert_time_entries, write_role

    from rolemap.dashboard.dashboard_tab import DashboardTab
    from rolemap.document.document import RoleDocument
    from rolemap.domain.kinds import NodeKind
    from rolemap.store.database import open_store

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite3", create=True)
        role_map = big_role_map(100, 200, seed=5, name="Benchmark")
        write_role(store, role_map)
        activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
        end = int(time.time())
        started = time.perf_counter()
        insert_time_entries(store, activities, ENTRIES, end - 4 * 365 * 86400, end, seed=5)
        record(
            "dashboard: insert 1,000,000 entries in bulk (one roll-up rebuild)",
            time.perf_counter() - started,
            "s",
            None,
        )
        rollup_rows = store.conn.execute("SELECT COUNT(*) FROM time_rollup").fetchone()[0]
        record("dashboard: roll-up rows for 1,000,000 entries", float(rollup_rows), "rows", None)

        # One entry at a time, as the window saves it: the triggers keep the roll-up.
        saves = []
        for i in range(200):
            started = time.perf_counter()
            with store.transaction() as conn:
                conn.execute(
                    "INSERT INTO time_entries (id, activity_id, start, duration) "
                    "VALUES (?, ?, ?, ?)",
                    (f"one-{i}", activities[i % len(activities)], end - i * 5000, 5400),
                )
            saves.append(time.perf_counter() - started)
        record(
            "dashboard: save one entry with its roll-up (p95)",
            statistics.quantiles(saves, n=20)[-1] * 1000,
            "ms",
            None,
        )

        year_start = int(dt.datetime(dt.date.today().year, 1, 1).timestamp())
        scans = []
        for _ in range(3):
            started = time.perf_counter()
            store.conn.execute(
                "SELECT (e.start - ?) / 604800 AS week, json_extract(n.details, '$.category'), "
                "SUM(e.duration) FROM time_entries e JOIN nodes n ON n.id = e.activity_id "
                "WHERE e.start >= ? AND n.role_id = ? GROUP BY week, 2",
                (year_start, year_start, role_map.role.id),
            ).fetchall()
            scans.append(time.perf_counter() - started)
        record(
            "dashboard: a year's category × week as a plain scan (no roll-up)",
            statistics.median(scans) * 1000,
            "ms",
            None,
        )

        document = RoleDocument(store)
        document.switch_role(role_map.role.id)
        tab = DashboardTab(document)
        tab.resize(1200, 1600)
        _wait(tab, tab.show)  # first show: imports pyqtgraph, builds the charts
        times = []
        for _ in range(RUNS):
            _wait(tab, lambda: tab.set_period("week"))
            times.append(_wait(tab, lambda: tab.set_period("year")))
        record(
            "dashboard: refresh all charts on switching to this year, 1,000,000 entries",
            statistics.median(times) * 1000,
            "ms",
            100.0,
        )
        tab.close()
        tab.deleteLater()
        store.close()
    del app


if __name__ == "__main__":

    def show(
        name: str, value: float, unit: str, target: float | None, higher_is_better: bool = False
    ) -> None:
        goal = f" (target {target:g} {unit})" if target is not None else ""
        print(f"{name}: {value:.1f} {unit}{goal}")

    run(show)
