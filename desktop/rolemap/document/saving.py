"""Saving a change in one transaction: the store half of applying an undo command.

`save_map_change` and `save_record_change` write a change and report which
records it added, updated and removed (a `RecordDelta`), so that the
document, once the commit succeeded, can update its model and announce
exactly what changed. They raise StoreError (nothing was written) or, for a
rule that can only be checked inside the transaction, TimerConflictError
(rolled back).
"""

from __future__ import annotations

from collections.abc import Callable

from rolemap.document.map_change import MapChange, Records
from rolemap.document.record_change import RecordChange, RecordDelta
from rolemap.domain.errors import DomainError
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, RecordKind, TimeEntry
from rolemap.store.database import Store
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

Ids = dict[RecordKind, tuple[str, ...]]


class TimerConflictError(DomainError):
    """The change would leave two timers running (checked inside the transaction)."""


def save_map_change(
    store: Store,
    roles: RoleRepository,
    records: RecordRepository,
    change: MapChange,
    before: RoleMap,
) -> RecordDelta:
    """Write `change` to a map that is `before` now, in one transaction."""
    with store.transaction():
        roles.delete_links(change.drop_links)
        removed: Ids = {}
        if change.drop_records_of:
            entries, deliveries, checkins = records.records_of_nodes(change.drop_records_of)
            gone = Records(tuple(entries), tuple(deliveries), tuple(checkins))
            removed = {kind: gone.ids(kind) for kind in RecordKind if gone.ids(kind)}
            records.delete_records_of_nodes(change.drop_records_of)
        roles.delete_nodes(change.drop_nodes)
        # What the model already has is updated, never re-created: a node
        # deleted meanwhile by another program stays deleted (ConflictError).
        roles.update_nodes(n for n in change.put_nodes if n.id in before.nodes)
        roles.insert_nodes(n for n in change.put_nodes if n.id not in before.nodes)
        added, updated = _put_records(records, change.put_records)
        roles.update_links(k for k in change.put_links if k.id in before.links)
        roles.insert_links(k for k in change.put_links if k.id not in before.links)
    return RecordDelta(added, updated, removed)


def save_record_change(
    store: Store, records: RecordRepository, change: RecordChange
) -> RecordDelta:
    """Write `change` in one transaction; a second running timer rolls it back."""
    with store.transaction():
        records.delete_time_entries(change.drop_time_entries)
        records.delete_deliveries(change.drop_deliveries)
        records.delete_checkins(change.drop_checkins)
        added, updated = _put_records(records, change.put)
        if change.put.time_entries and len(records.running_timers()) > 1:
            raise TimerConflictError("A timer is already running: stop it first.")
    removed = {kind: change.dropped(kind) for kind in RecordKind if change.dropped(kind)}
    return RecordDelta(added, updated, removed)


def _put_records(records: RecordRepository, put: Records) -> tuple[Ids, Ids]:
    """Write `put`; the ids of the records it added and of those it replaced, per kind."""
    added: Ids = {}
    updated: Ids = {}
    for kind in RecordKind:
        ids = put.ids(kind)
        if not ids:
            continue
        stored = _reader(records, kind)
        fresh = tuple(i for i in ids if stored(i) is None)
        if fresh:
            added[kind] = fresh
        if len(fresh) < len(ids):
            new = set(fresh)
            updated[kind] = tuple(i for i in ids if i not in new)
    records.put_time_entries(put.time_entries)
    records.put_deliveries(put.deliveries)
    records.put_checkins(put.checkins)
    return added, updated


def _reader(
    records: RecordRepository, kind: RecordKind
) -> Callable[[str], TimeEntry | Delivery | CheckIn | None]:
    if kind is RecordKind.TIME_ENTRIES:
        return records.time_entry
    return records.delivery if kind is RecordKind.DELIVERIES else records.checkin
