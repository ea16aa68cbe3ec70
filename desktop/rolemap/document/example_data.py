"""Removing the example role's sample records as one undoable step.

The sample time entries, deliveries and check-ins carry `example = 1`. The
removal is a RecordChange like any other record edit: it drops their ids,
and its inverse puts the same records back (same ids, same values).
"""

from __future__ import annotations

from rolemap.document.document import RoleDocument
from rolemap.document.map_change import Records
from rolemap.document.record_change import RecordChange
from rolemap.store.example_records import example_records

LABEL = "Remove example data"


def remove_example_data(document: RoleDocument) -> bool:
    """Push the removal onto the current role's undo stack; False if there is none to remove."""
    entries, deliveries, checkins = example_records(document.store.conn)
    if not (entries or deliveries or checkins):
        document.refuse("There is no example data to remove.")
        return False
    if not document.has_role:
        return False
    forward = RecordChange(
        drop_time_entries=tuple(e.id for e in entries),
        drop_deliveries=tuple(d.id for d in deliveries),
        drop_checkins=tuple(c.id for c in checkins),
    )
    backward = RecordChange(Records(tuple(entries), tuple(deliveries), tuple(checkins)))
    document.push_record_change(LABEL, forward, backward)
    return True
