"""Reviews: opening a quarter's review over 1,000,000 time entries; diffing two big snapshots.

1. A generated role of 100 activities, outputs and outcomes (200 links), a
   million time entries over four years, deliveries and weekly check-ins; a
   finished review of the quarter before (its snapshot is what question 4
   compares with). Timed: `review_session.review_sheet` on the review in
   progress from the quarter's first day to today, as the Review tab and
   `rolemap review show` open it: the period's figures (store.figures over
   the daily roll-up), check-ins, the last review's snapshot read back and
   diffed, the evidence and the suggestions. Target ≤ 200 ms. Then an answer
   saved as typed, 200 times: the 95th percentile against autosave's 5 ms.
2. Two snapshots of a 5,000-node, 10,000-link map, the second with 5 % of
   its nodes renamed, 2 % moved between categories, 2 % removed, 2 % added
   and links to match, stored as the JSON text a finished review keeps.
   Timed: reading both back, the diff and the person's view of it. Target
   ≤ 100 ms. The diff of the two maps alone is recorded beside it.

    .venv/bin/python tests/benchmarks/bench_review.py     (prints the figures)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
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
RUNS = 9
Record = Callable[..., None]


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm: the page cache, the zone check
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _quarter_review(record: Record) -> None:
    from tests.support.generate import big_role_map, insert_time_entries, write_role

    from rolemap.domain.kinds import NodeKind
    from rolemap.domain.periods import local_zone, period_of
    from rolemap.services import review_session as session
    from rolemap.store.database import open_store
    from rolemap.store.role_repository import RoleRepository

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite3", create=True)
        role_map = big_role_map(100, 200, seed=5, name="Benchmark")
        write_role(store, role_map)
        activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
        now = int(time.time())
        started = time.perf_counter()
        insert_time_entries(store, activities, ENTRIES, now - 4 * 365 * 86400, now, seed=5)
        print(f"  (1,000,000 entries written in {time.perf_counter() - started:.0f} s)")
        _records(store, role_map)
        clock = session.Clock(now, local_zone())
        quarter = period_of("quarter", clock.today)
        assert quarter.start is not None
        role_map = RoleRepository(store).load_map(role_map.role.id)
        before = quarter.start - dt.timedelta(days=1)
        last, _ = session.start_review(
            store, role_map, clock, before.replace(day=1) - dt.timedelta(days=61), before
        )
        session.finish_review(store, role_map, last, clock)
        review, _ = session.start_review(store, role_map, clock, quarter.start, clock.today)
        sheet = session.review_sheet(store, role_map, review, clock)
        assert sheet.evidence is not None and sheet.evidence.total_hours > 0
        assert sheet.evidence.changes is not None
        record(
            "review: open a quarter's review, 1,000,000 entries",
            _median_ms(lambda: session.review_sheet(store, role_map, review, clock)),
            "ms",
            200.0,
        )
        saves = []
        text = ""
        for i in range(200):  # an answer typed word by word, each keystroke pause a save
            text += f"word{i} "
            started = time.perf_counter()
            session.set_answer(store, review, 1 + i % 4, text)
            saves.append(time.perf_counter() - started)
        record(
            "review: save an answer as typed (p95)",
            statistics.quantiles(saves, n=20)[-1] * 1000,
            "ms",
            5.0,
        )
        store.close()


def _records(store: object, role_map: object) -> None:
    """Deliveries (a few a week per output) and weekly check-ins for four years."""
    from rolemap.domain.kinds import NodeKind
    from rolemap.domain.record_rules import checkin, delivery
    from rolemap.domain.role_map import RoleMap
    from rolemap.store.database import Store
    from rolemap.store.record_repository import RecordRepository

    assert isinstance(store, Store) and isinstance(role_map, RoleMap)
    rng = random.Random(5)
    today = dt.date.today()
    days = [today - dt.timedelta(days=i) for i in range(4 * 365)]
    deliveries = [
        delivery(o.id, rng.choice(days).isoformat(), "Delivered")
        for o in role_map.nodes_of(NodeKind.OUTPUT)
        for _ in range(600)
    ]
    checkins = [
        checkin(x.id, (today - dt.timedelta(days=7 * w)).isoformat(), rng.uniform(0, 100))
        for x in role_map.nodes_of(NodeKind.OUTCOME)
        for w in range(4 * 52)
    ]
    with store.transaction():
        RecordRepository(store).insert_records([], deliveries, checkins)


def _changed_copy(role_map: object, seed: int = 3) -> object:
    """The map a quarter later: 5 % renamed, 2 % recategorised, 2 % removed, 2 % added."""
    from rolemap.domain.entities import Link, Node
    from rolemap.domain.kinds import NodeKind
    from rolemap.domain.role_map import RoleMap

    assert isinstance(role_map, RoleMap)
    rng = random.Random(seed)
    nodes = dict(role_map.nodes)
    ids = sorted(nodes)
    count = len(ids)
    for node_id in rng.sample(ids, count // 20):
        nodes[node_id] = dataclasses.replace(nodes[node_id], title=nodes[node_id].title + " (v2)")
    activities = [i for i in ids if nodes[i].kind is NodeKind.ACTIVITY]
    for node_id in rng.sample(activities, count // 50):
        node = nodes[node_id]
        nodes[node_id] = dataclasses.replace(node, details={**node.details, "category": "Other"})
    for node_id in rng.sample(ids, count // 50):
        del nodes[node_id]
    added = [
        Node(f"new-{i}", role_map.role.id, NodeKind.ACTIVITY, f"New {i}", y=float(i))
        for i in range(count // 50)
    ]
    nodes.update((n.id, n) for n in added)
    links = {i: k for i, k in role_map.links.items() if k.source in nodes and k.target in nodes}
    outputs = [i for i in nodes if nodes[i].kind is NodeKind.OUTPUT]
    for node in added:
        link = Link(f"link-{node.id}", role_map.role.id, node.id, rng.choice(outputs))
        links[link.id] = link
    return RoleMap(role_map.role, nodes, links)


def _snapshot_diff(record: Record) -> None:
    from tests.support.generate import big_role_map

    from rolemap.domain.map_changes import describe
    from rolemap.domain.map_diff import apply_diff, diff
    from rolemap.domain.role_map import RoleMap
    from rolemap.interchange.snapshot_diff import snapshot_diff
    from rolemap.interchange.snapshot_json import map_to_json

    before = big_role_map(5000, 10000, seed=1)
    after = _changed_copy(before)
    assert isinstance(after, RoleMap)
    texts = [  # as a finished review keeps them
        json.dumps(map_to_json(m), ensure_ascii=False, separators=(",", ":"))
        for m in (before, after)
    ]

    def from_snapshots() -> object:
        found = snapshot_diff(json.loads(texts[0]), json.loads(texts[1]))
        return describe(found.diff, found.before, found.after)

    changes = from_snapshots()
    assert apply_diff(before, diff(before, after)) == after
    print(f"  ({len(texts[0]) / 1e6:.1f} MB a snapshot; {changes.count} changes)")  # type: ignore[attr-defined]
    record(
        "review: diff two 5,000-node snapshots (read back, diff, describe)",
        _median_ms(from_snapshots),
        "ms",
        100.0,
    )
    record(
        "review: of which the diff of the two maps in memory",
        _median_ms(lambda: diff(before, after)),
        "ms",
        None,
    )


def run(record: Record) -> None:
    """Both figures."""
    _snapshot_diff(record)
    _quarter_review(record)


if __name__ == "__main__":

    def show(
        name: str, value: float, unit: str, target: float | None, higher_is_better: bool = False
    ) -> None:
        goal = f" (target {target:g} {unit})" if target is not None else ""
        print(f"{name}: {value:.1f} {unit}{goal}")

    run(show)
