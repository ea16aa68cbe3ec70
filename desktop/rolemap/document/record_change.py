"""RecordChange: one edit of tracking records as plain values, and what it did.

A change lists records to write and record ids to remove; `RecordCommand`
(document/commands.py) holds a forward and a backward change. Saving one
reports a `RecordDelta`: per kind, the ids added, updated and removed, which
the document then announces.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolemap.document.map_change import Records
from rolemap.domain.tracking import RecordKind

# The kinds by their old names, for views not yet converted to RecordKind.
TIME_ENTRIES, DELIVERIES, CHECKINS = (
    RecordKind.TIME_ENTRIES,
    RecordKind.DELIVERIES,
    RecordKind.CHECKINS,
)


@dataclass(frozen=True)
class RecordChange:
    """Records to write and record ids to remove; removals happen first."""

    put: Records = field(default_factory=Records)
    drop_time_entries: tuple[str, ...] = ()
    drop_deliveries: tuple[str, ...] = ()
    drop_checkins: tuple[str, ...] = ()

    def dropped(self, kind: RecordKind) -> tuple[str, ...]:
        """The ids of `kind` this change removes."""
        return {
            RecordKind.TIME_ENTRIES: self.drop_time_entries,
            RecordKind.DELIVERIES: self.drop_deliveries,
            RecordKind.CHECKINS: self.drop_checkins,
        }[kind]


@dataclass(frozen=True)
class RecordDelta:
    """What a saved change did: per kind, the ids added, updated and removed."""

    added: dict[RecordKind, tuple[str, ...]] = field(default_factory=dict)
    updated: dict[RecordKind, tuple[str, ...]] = field(default_factory=dict)
    removed: dict[RecordKind, tuple[str, ...]] = field(default_factory=dict)

    @property
    def kinds(self) -> list[RecordKind]:
        """The kinds with any change, in RecordKind order."""
        return [
            k for k in RecordKind if self.added.get(k) or self.updated.get(k) or self.removed.get(k)
        ]
