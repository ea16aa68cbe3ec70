"""RoleBundle: everything one role holds, as file formats read and write it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from rolemap.domain.entities import new_id
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry


@dataclass
class RoleBundle:
    """A role's map plus its tracking records."""

    role_map: RoleMap
    time_entries: list[TimeEntry] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)

    def ids(self) -> Iterator[str]:
        """Every id the bundle would write: the role's, then its nodes', links', records'."""
        yield self.role_map.role.id
        yield from self.role_map.nodes
        yield from self.role_map.links
        for records in (self.time_entries, self.deliveries, self.checkins):
            yield from (record.id for record in records)

    def rekeyed(
        self, taken: Collection[str], fresh: Callable[[], str] = new_id
    ) -> tuple[RoleBundle, int]:
        """A copy in which every id in `taken`, or used twice in the bundle, is a fresh one.

        References follow their node. Returns the copy and how many ids changed
        (0: the bundle itself). An import gives the database's taken ids, so a
        file can never overwrite or move a record of another role.
        """
        seen: set[str] = set()
        changed = 0

        def key(old: str) -> str:
            nonlocal changed
            new = old
            if old in taken or old in seen:
                new = fresh()
                changed += 1
            seen.add(new)
            return new

        role_id = key(self.role_map.role.id)
        nodes = {node_id: key(node_id) for node_id in self.role_map.nodes}
        links = {link_id: key(link_id) for link_id in self.role_map.links}
        # By position, not by id: two records sharing an id both get their own.
        records = [
            [key(record.id) for record in kind]
            for kind in (self.time_entries, self.deliveries, self.checkins)
        ]
        if not changed:
            return self, 0
        role = dataclasses.replace(self.role_map.role, id=role_id)
        entries, deliveries, checkins = records
        role_map = RoleMap.build(
            role,
            (
                dataclasses.replace(n, id=nodes[n.id], role_id=role_id)
                for n in self.role_map.nodes.values()
            ),
            (
                dataclasses.replace(
                    k,
                    id=links[k.id],
                    role_id=role_id,
                    source=nodes[k.source],
                    target=nodes[k.target],
                )
                for k in self.role_map.links.values()
            ),
        )
        bundle = RoleBundle(
            role_map,
            [
                dataclasses.replace(e, id=i, activity_id=nodes[e.activity_id])
                for e, i in zip(self.time_entries, entries, strict=True)
            ],
            [
                dataclasses.replace(d, id=i, output_id=nodes[d.output_id])
                for d, i in zip(self.deliveries, deliveries, strict=True)
            ],
            [
                dataclasses.replace(c, id=i, outcome_id=nodes[c.outcome_id])
                for c, i in zip(self.checkins, checkins, strict=True)
            ],
        )
        return bundle, changed
