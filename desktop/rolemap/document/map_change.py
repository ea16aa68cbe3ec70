"""MapChange: one edit of a role map as plain values, and its exact inverse.

Every command is a MapChange forward and its inverse backward; applying
either is one store transaction followed by the model update and signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolemap.domain.entities import Link, Node
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, RecordKind, TimeEntry


@dataclass(frozen=True)
class Records:
    """Tracking records carried by a change (those of deleted nodes, for undo)."""

    time_entries: tuple[TimeEntry, ...] = ()
    deliveries: tuple[Delivery, ...] = ()
    checkins: tuple[CheckIn, ...] = ()

    @classmethod
    def one(cls, record: TimeEntry | Delivery | CheckIn) -> Records:
        """Records holding just `record`."""
        if isinstance(record, TimeEntry):
            return cls(time_entries=(record,))
        if isinstance(record, Delivery):
            return cls(deliveries=(record,))
        return cls(checkins=(record,))

    def __bool__(self) -> bool:
        return bool(self.time_entries or self.deliveries or self.checkins)

    def of(
        self, kind: RecordKind
    ) -> tuple[TimeEntry, ...] | tuple[Delivery, ...] | tuple[CheckIn, ...]:
        """The records of one kind."""
        if kind is RecordKind.TIME_ENTRIES:
            return self.time_entries
        return self.deliveries if kind is RecordKind.DELIVERIES else self.checkins

    def ids(self, kind: RecordKind) -> tuple[str, ...]:
        """The ids of the records of one kind."""
        return tuple(record.id for record in self.of(kind))


@dataclass(frozen=True)
class MapChange:
    """Nodes and links to write, ids to remove, and records to restore or drop.

    Removals happen before writes: links, then records, then nodes go; nodes,
    records, then links come.
    """

    put_nodes: tuple[Node, ...] = ()
    drop_nodes: tuple[str, ...] = ()
    put_links: tuple[Link, ...] = ()
    drop_links: tuple[str, ...] = ()
    put_records: Records = field(default_factory=Records)
    drop_records_of: tuple[str, ...] = ()

    def inverse(self, before: RoleMap, records: Records | None = None) -> MapChange:
        """The change that undoes this one, given the map as it was before it.

        `records` are the records that dropping `drop_records_of` removes.
        """
        return MapChange(
            put_nodes=tuple(before.nodes[i] for i in self.drop_nodes)
            + tuple(before.nodes[n.id] for n in self.put_nodes if n.id in before.nodes),
            drop_nodes=tuple(n.id for n in self.put_nodes if n.id not in before.nodes),
            put_links=tuple(before.links[i] for i in self.drop_links)
            + tuple(before.links[k.id] for k in self.put_links if k.id in before.links),
            drop_links=tuple(k.id for k in self.put_links if k.id not in before.links),
            put_records=records or Records(),
            drop_records_of=tuple(
                {e.activity_id for e in self.put_records.time_entries}
                | {d.output_id for d in self.put_records.deliveries}
                | {c.outcome_id for c in self.put_records.checkins}
            ),
        )
