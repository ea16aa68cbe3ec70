"""Generated roles and logs for tests and benchmarks: large, valid, reproducible.

`big_role_map(5000, 10000)` gives a role whose links all obey the lane rule;
`insert_time_entries(store, ids, 1_000_000)` fills the log in one transaction.
"""

from __future__ import annotations

import random
import uuid

from rolemap.domain import geometry
from rolemap.domain.entities import DEFAULT_CATEGORIES, Link, Node, Role
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.lane_rule import ALLOWED
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.role_repository import RoleRepository
from rolemap.store.rollup import bulk_writes

SHARES = ((NodeKind.ACTIVITY, 0.4), (NodeKind.OUTPUT, 0.35), (NodeKind.OUTCOME, 0.25))


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def big_role_map(n_nodes: int, n_links: int, seed: int = 0, name: str = "") -> RoleMap:
    """A role with `n_nodes` nodes in three lanes and up to `n_links` valid links."""
    rng = random.Random(seed)
    role = Role(id=_uuid(rng), name=name or f"Generated {n_nodes}")
    nodes: list[Node] = []
    by_kind: dict[NodeKind, list[Node]] = {}
    for kind, share in SHARES:
        count = max(1, round(n_nodes * share)) if kind is not NodeKind.OUTCOME else 0
        if kind is NodeKind.OUTCOME:
            count = max(1, n_nodes - len(nodes))
        lane: list[Node] = []
        for i in range(count):
            details = default_details(kind)
            if kind is NodeKind.ACTIVITY:
                details["category"] = DEFAULT_CATEGORIES[i % len(DEFAULT_CATEGORIES)].name
            lane.append(
                Node(
                    id=_uuid(rng),
                    role_id=role.id,
                    kind=kind,
                    title=f"{kind.label} {i + 1}",
                    x=geometry.home_x(kind),
                    y=geometry.LANE_TOP + i * (geometry.NODE_HEIGHT + geometry.NODE_GAP),
                    details=details,
                )
            )
        by_kind[kind] = lane
        nodes.extend(lane)
    pairs = [(s, t) for s, t in ALLOWED if by_kind.get(s) and by_kind.get(t)]
    links: dict[tuple[str, str], Link] = {}
    attempts = 0
    while len(links) < n_links and attempts < n_links * 5:
        attempts += 1
        source_kind, target_kind = rng.choice(pairs)
        sources, targets = by_kind[source_kind], by_kind[target_kind]
        # Mostly near neighbours, as real maps are: keeps the picture readable.
        i = rng.randrange(len(sources))
        j = min(len(targets) - 1, max(0, int(i * len(targets) / len(sources)) + rng.randint(-3, 3)))
        source, target = sources[i], targets[j]
        if (source.id, target.id) not in links:
            links[(source.id, target.id)] = Link(_uuid(rng), role.id, source.id, target.id)
    return RoleMap.build(role, nodes, links.values())


def write_role(store: Store, role_map: RoleMap) -> None:
    """Save a generated role in one transaction."""
    with store.transaction():
        RoleRepository(store).insert_map(role_map)


def insert_time_entries(
    store: Store,
    activity_ids: list[str],
    count: int,
    start: int,
    end: int,
    seed: int = 0,
) -> None:
    """Add `count` time entries (15 min – 3 h) spread over [start, end) UTC seconds.

    Plain executemany in one transaction: sqlite-utils' insert_all is ~10× slower here.
    """
    rng = random.Random(seed)
    rows = (
        (
            f"gen-{seed}-{i}",
            rng.choice(activity_ids),
            rng.randrange(start, end),
            rng.randrange(15, 181) * 60,
        )
        for i in range(count)
    )
    # The roll-up's per-row triggers would cost ~40 µs an entry: rebuild it once instead.
    with store.transaction() as conn, bulk_writes(conn):
        conn.executemany(
            "INSERT INTO time_entries (id, activity_id, start, duration, source) "
            "VALUES (?, ?, ?, ?, 'manual')",
            rows,
        )
