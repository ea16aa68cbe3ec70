"""The quarterly checklist evaluated for a role and quarter, its hand ticks and own items.

The automatic items are decided (domain/checklist.py) from facts gathered
through `store.figures` over the quarter so far. From the quarter's
`freeze_day` (two weeks after it ends) the results are kept: the first
evaluation on or after that day stores them, and the quarter is read from
those rows ever after, whatever later edits of the log say. Keeping is not
an edit (no undo step), like saving; a read-only file is shown live instead.
"""

from __future__ import annotations

import datetime as dt

from rolemap.domain.checklist import QuarterFacts, evaluate
from rolemap.domain.checklist_items import (
    OWN_ITEM,
    Checklist,
    ChecklistItem,
    StoredItem,
    assemble,
    frozen_rows,
    hand_tick,
    own_item,
)
from rolemap.domain.entities import new_id
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_date
from rolemap.domain.quarter import Quarter
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.errors import WriteFailedError
from rolemap.store.figures import delivery_counts, role_figures
from rolemap.store.plan_figures import checkin_counts
from rolemap.store.plan_repository import PlanRepository


def quarter_facts(
    store: Store, role_map: RoleMap, quarter: Quarter, *, tz: dt.tzinfo, now: int
) -> QuarterFacts:
    """What the automatic items are decided from, over the quarter up to today."""
    today = local_date(now, tz)
    role_id = role_map.role.id
    period = quarter.so_far(today)
    figures = role_figures(store.conn, role_map, period, tz, now)
    checkins = checkin_counts(store.conn, role_id, period)
    hands_on = {
        n.id for n in role_map.nodes_of(NodeKind.OUTPUT) if n.detail("hands_on") is not False
    }
    by_month = []
    for month in quarter.months:
        if month.end is not None and month.end <= today:
            counts = delivery_counts(store.conn, role_id, month)
            by_month.append((month, sum(n for o, n in counts.items() if o in hands_on)))
    return QuarterFacts(
        today=today,
        checkins=checkins,
        tracked_hours=figures.total_seconds / 3600,
        purposeful_share=figures.attribution.purposeful_share,
        category_hours={c: s / 3600 for c, s in figures.category_seconds.items()},
        hands_on_by_month=tuple(by_month),
        reviews=PlanRepository(store).finished_reviews(role_id),
    )


def quarter_checklist(
    store: Store,
    role_map: RoleMap,
    quarter: Quarter,
    *,
    tz: dt.tzinfo,
    now: int,
    keep: bool = True,
) -> Checklist:
    """A role's checklist for `quarter`: kept results if it has them, else decided now.

    With `keep`, a quarter past its freeze day has its results stored first
    (one transaction); a file that cannot be written is shown live instead.
    """
    plans = PlanRepository(store)
    role_id = role_map.role.id
    stored = plans.checklist_items(role_id, quarter.name)
    if any(row.frozen is not None for row in stored):
        return assemble(role_map, quarter, stored, ())
    results = evaluate(role_map, quarter, quarter_facts(store, role_map, quarter, tz=tz, now=now))
    today = local_date(now, tz)
    if keep and today >= quarter.freeze_day and not store.read_only:
        rows = frozen_rows(role_map, quarter, results, today, new_id)
        try:
            with store.transaction():
                if not any(r.frozen for r in plans.checklist_items(role_id, quarter.name)):
                    plans.freeze(rows)
        except WriteFailedError:
            return assemble(role_map, quarter, stored, results)
        return assemble(role_map, quarter, plans.checklist_items(role_id, quarter.name), ())
    return assemble(role_map, quarter, stored, results)


def tick(
    store: Store, checklist: Checklist, name: str, ticked: bool = True
) -> tuple[ChecklistItem, bool]:
    """Tick (or untick) an item by number or text; returns it and whether anything changed.

    Automatic items refuse (InvalidValueError): the data ticks them. The
    window's undo command writes the same row (`domain.checklist_items.hand_tick`)
    through `PlanRepository.put_item`, which returns the row it replaced.
    """
    item = checklist.find(name)
    row = hand_tick(checklist, item, ticked, new_id)
    if bool(item.ticked) == ticked:
        return item, False
    with store.transaction():
        PlanRepository(store).put_item(row)
    return item, True


def add(store: Store, checklist: Checklist, text: str) -> StoredItem:
    """Add an item of the person's own to the quarter's checklist."""
    row = own_item(checklist, text, new_id)
    with store.transaction():
        PlanRepository(store).put_item(row)
    return row


def remove(store: Store, checklist: Checklist, name: str) -> StoredItem:
    """Remove one of the person's own items (generated items stay: untick them instead)."""
    item = checklist.find(name)
    if item.stored is None or item.key != OWN_ITEM:
        raise InvalidValueError(
            f"‘{item.text}’ comes with every checklist; only your own items can be removed."
        )
    with store.transaction():
        PlanRepository(store).delete_item(item.stored.id)
    return item.stored
