"""Benchmark: the operating manual of a 500-node role with 100,000 time entries, as a whole
`rolemap manual` process (PDF; Markdown and HTML beside it, without targets).

The role also has a year of deliveries (with evidence links) and weekly
check-ins, so the evidence list and the trends are full-sized; the period is
the year, so every entry counts.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5
NODES, LINKS, ENTRIES = 500, 1000, 100_000


def build(db: Path) -> None:
    """The benchmark's database: the role, its entries, deliveries and check-ins."""
    from tests.support.generate import big_role_map, insert_time_entries, write_role

    from rolemap.domain.kinds import NodeKind
    from rolemap.domain.tracking import CheckIn, Delivery
    from rolemap.store.database import open_store
    from rolemap.store.record_repository import RecordRepository

    today = dt.date.today()
    first = today.replace(month=1, day=1)
    start = int(dt.datetime.combine(first, dt.time(), dt.UTC).timestamp())
    end = int(dt.datetime.combine(today, dt.time(), dt.UTC).timestamp()) + 86400
    store = open_store(db, create=True)
    role_map = big_role_map(NODES, LINKS, name="Big role")
    write_role(store, role_map)
    activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
    insert_time_entries(store, activities, ENTRIES, start, end)
    rng = random.Random(1)
    days = max(1, (today - first).days)
    deliveries = [
        Delivery(
            f"d{i}",
            output.id,
            (first + dt.timedelta(days=rng.randrange(days))).isoformat(),
            f"{output.title}, issue {i}",
            f"https://example.org/work/{i}",
        )
        for i, output in enumerate(role_map.nodes_of(NodeKind.OUTPUT) * 3)
    ]
    checkins = [
        CheckIn(f"c{o}-{w}", outcome.id, (first + dt.timedelta(weeks=w)).isoformat(), 10.0 + w)
        for o, outcome in enumerate(role_map.nodes_of(NodeKind.OUTCOME))
        for w in range(min(20, days // 7))
    ]
    with store.transaction():
        RecordRepository(store).insert_records((), deliveries, checkins)
    store.close()


def run(record: Callable[..., None]) -> None:
    """Median of five whole-process manuals per format; the PDF's target is 2.0 s."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.sqlite3"
        build(db)
        for suffix, target in (("pdf", 2.0), ("md", None), ("html", None)):
            out = Path(folder) / f"manual.{suffix}"
            command = [sys.executable, "-m", "rolemap", "manual", "--db", str(db)]
            command += ["-o", str(out), "--period", "year"]
            times = []
            for _ in range(RUNS):
                started = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                times.append(time.perf_counter() - started)
            record(
                f"operating manual {suffix.upper()}, 500 nodes, 100,000 entries (whole process)",
                statistics.median(times),
                "s",
                target,
            )


if __name__ == "__main__":
    run(lambda name, value, unit, target, higher_is_better=False: print(name, value, unit, target))
