"""A long time log for the Track tab's tests and benchmark: a generated role with notes, built fast.

`build_big_log(path, 100_000, end=…)` makes a database holding, unless told
otherwise, the example role and a generated role of 40 activities (seven
categories) whose log spans the two years before `end`, most entries with a
note, and a few hundred deliveries and check-ins. Written in one transaction
through the bulk path (the roll-up rebuilt once): 100,000 entries in ~2 s.

`role_order_sql` is the plain SQL a table's order must agree with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from tests.support.generate import big_role_map, write_role

from rolemap.domain.kinds import NodeKind
from rolemap.store.database import open_store
from rolemap.store.rollup import bulk_writes

WORDS = [
    "review",
    "planning",
    "sync",
    "hiring",
    "design",
    "bugfix",
    "customer",
    "call",
    "docs",
    "onboarding",
    "interview",
    "retro",
    "roadmap",
    "budget",
    "incident",
    "release",
]
SPAN = 2 * 365 * 86400


@dataclass(frozen=True)
class BigLog:
    """What was built: the generated role, its activities, outputs and outcomes."""

    path: Path
    role_id: str
    activities: list[str]
    outputs: list[str]
    outcomes: list[str]


def build_big_log(
    path: Path, entries: int, *, end: int, seed: int = 7, example: bool = True
) -> BigLog:
    """A database at `path` with a generated role holding `entries` time entries before `end`."""
    from rolemap.services.transfer import seed_example

    store = open_store(path, create=True, seed=seed_example if example else None)
    try:
        role_map = big_role_map(100, 200, seed=seed, name="Big log")
        write_role(store, role_map)
        activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
        outputs = [n.id for n in role_map.nodes_of(NodeKind.OUTPUT)]
        outcomes = [n.id for n in role_map.nodes_of(NodeKind.OUTCOME)]
        rng = random.Random(seed)
        rows = (
            (
                f"big-{seed}-{i}",
                rng.choice(activities),
                rng.randrange(end - SPAN, end - 4 * 3600),
                rng.randrange(1, 13) * 15 * 60,
                " ".join(rng.sample(WORDS, 3)) if rng.random() < 0.7 else "",
            )
            for i in range(entries)
        )
        with store.transaction() as conn, bulk_writes(conn):
            conn.executemany(
                "INSERT INTO time_entries (id, activity_id, start, duration, note, source) "
                "VALUES (?, ?, ?, ?, ?, 'manual')",
                rows,
            )
        days = [f"{2000 + d // 365:04d}-{d % 12 + 1:02d}-{d % 28 + 1:02d}" for d in range(400)]
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO deliveries (id, output_id, date, title) VALUES (?, ?, ?, ?)",
                [
                    (f"d{i}", rng.choice(outputs), rng.choice(days), f"Delivery {i}")
                    for i in range(300)
                ],
            )
            conn.executemany(
                "INSERT INTO checkins (id, outcome_id, date, value) VALUES (?, ?, ?, ?)",
                [(f"c{i}", rng.choice(outcomes), rng.choice(days), float(i)) for i in range(300)],
            )
    finally:
        store.close()
    return BigLog(path, role_map.role.id, activities, outputs, outcomes)


CATEGORY = "COALESCE(NULLIF(json_extract(n.details, '$.category'), ''), 'Other')"
ENTRY_ORDERS = {
    "start": "e.start {d}, e.rowid {d}",
    "duration": "IFNULL(e.duration, -1) {d}, e.start {d}, e.rowid {d}",
    "end": "e.start + IFNULL(e.duration, 0) {d}, e.start {d}, e.rowid {d}",
    "note": "lower(e.note) {d}, e.start {d}, e.rowid {d}",
    "activity": "lower(n.title) {d}, n.id {d}, e.start DESC, e.rowid DESC",
    "category": f"lower({CATEGORY}) {{d}}, lower(n.title) {{d}}, n.id {{d}}, "
    "e.start DESC, e.rowid DESC",
}


def role_order_sql(column: str, descending: bool, where: str = "1") -> str:
    """The ids of a role's time entries (parameter: the role id) in a table's order."""
    order = ENTRY_ORDERS[column].format(d="DESC" if descending else "ASC")
    return (
        "SELECT e.id FROM time_entries e JOIN nodes n ON n.id = e.activity_id "
        f"WHERE n.role_id = ? AND ({where}) ORDER BY {order}"
    )
