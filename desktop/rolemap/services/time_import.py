"""Time from other tools into a role: file → parser → mapping → preview → one write.

The one path the command line (`rolemap import-time`) and the window's import
dialog take:

1. `read_time_file` (or `read_time_data`) reads a file with its format's
   parser and leaves out what starts outside the chosen days.
2. `plan_import` decides every entry, in this order, and returns the preview
   (`ImportPlan`): what the parser left out (all-day, declined, …), zero
   length, repeated in the file (the same external id again), already
   imported (the same source and external id anywhere in the database: an
   hour spent in one role is not spent again in another), not mapped to an
   activity (`domain.time_rules.map_entries`: the choices' rules ahead, then
   the given rules or the role's own), and overlapping an entry already in
   Rolemap, in any role (skipped, or kept, as the person chooses). What is left
   is checked by the record rules every way in applies
   (`record_rules.check_entry`, the note by `text.clean_text`); a failure
   refuses the whole file, naming the item.
3. `apply_import` writes the plan's entries in one transaction through the
   store's bulk path. If the database changed since the plan was made (the
   window kept working), the plan is made again inside the transaction, so
   nothing is imported twice whatever happened in between. `remove_import`
   and `restore_import` take it back and put it back (undo, redo).

`import_time` does 2 and 3 in one pass (the command line, where no one looks
at the preview before the write): each batch is written while the next is
mapped. Entries get fresh UUIDs; `source` is the tool (`TimeSource`) and
`external_id` the parser's stable id. The rules' storage, the rules files of
`--rules` and the entries going out (`export_entries`) are here too.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from operator import attrgetter

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.kinds import NodeKind
from rolemap.domain.time_rules import (
    TimeRule,
    map_entries,
    unmatched_names,
)
from rolemap.domain.tracking import EntryRow, TimeEntry, time_entries
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
    paused_gc,
)
from rolemap.services.time_mapping import (
    EntryMapping,
    Tally,
    ascending_ids,
    checked_rows,
    entry_name,
    fresh_entries,
)
from rolemap.services.time_preview import (
    SHOWN_OVERLAPS,
    ActivityTotal,
    ImportChoices,
    ImportPlan,
    ImportResult,
    Inputs,
    Overlap,
    OverlapChoice,
)
from rolemap.store.database import Store
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.store.time_import import (
    change_mark,
    entry_writer,
    imported_external_ids,
    insert_entries,
    overlapping,
)
from rolemap.store.time_rules_repository import TimeRulesRepository

# A title no real item has (every reader refuses control characters) and that no rule reads.
_STAND_IN = "\x00"
_JOIN = " · "
# The variant digit of a UUID (10xx): the random digit's last two bits kept.
_VARIANT = {f"{n:x}": "89ab"[n % 4] for n in range(16)}
BATCH = 10_000
_START = attrgetter("start")
ZERO_LENGTH = "zero length"
REPEATED = "repeated in the file"
ALREADY_IMPORTED = "already imported"
OVERLAP = "overlaps an entry in Rolemap"
OUTSIDE = "outside the range"


def plan_import(
    store: Store, role_id: str, foreign: ForeignFile, choices: ImportChoices, *, now: int
) -> ImportPlan:
    """Decide every entry of `foreign` for the role, reading the store but writing nothing.

    Args:
        store: the open database.
        role_id: the role the time goes to.
        foreign: what `read_time_file` read.
        choices: the rules and the fate of overlaps.
        now: the time (a running timer counts until now).

    Raises:
        FormatError: an entry breaks a record rule (the message names it).
        KeyError: there is no such role.
    """
    with paused_gc():
        return _plan(store, Inputs(role_id, foreign, choices, now))


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Write the plan's entries in one transaction (made again first if the file changed since).

    Raises:
        FormatError: the plan made again finds an entry that breaks a record rule.
        StoreError: the write failed; nothing was written.
    """
    with paused_gc(), store.transaction() as conn:
        if change_mark(conn) != plan._snapshot:
            plan = _plan(store, plan._inputs)
        insert_entries(conn, plan.entries)
    return ImportResult(plan, [entry.id for entry in plan.entries])


def import_time(
    store: Store,
    role_id: str,
    foreign: ForeignFile,
    choices: ImportChoices,
    *,
    now: int,
    skip_unmapped: bool = False,
) -> ImportResult:
    """Plan and write in one pass and one transaction (the command line's import).

    The same decisions as `plan_import`, but each batch is written while the
    next is mapped (0.3 s less for 100,000 entries on two cores than one after
    the other). If a name maps
    to no activity and not `skip_unmapped`, nothing is written: the result
    holds the plan (to show why) and no entry ids.

    Raises:
        FormatError: an entry breaks a record rule; nothing was written.
        StoreError: the write failed; nothing was written.
    """
    inputs = Inputs(role_id, foreign, choices, now)
    try:
        with paused_gc(), store.transaction() as conn, contextlib.ExitStack() as writing:

            def writer(
                expected: int, span: tuple[int, int] | None
            ) -> Callable[[list[EntryRow]], None]:
                return writing.enter_context(entry_writer(conn, expected, span))

            plan = _plan(store, inputs, writer, unmapped_ok=skip_unmapped)
            if plan.unmapped and not skip_unmapped:
                raise _RefusedError(plan)
    except _RefusedError as refused:
        return ImportResult(refused.plan, [])
    return ImportResult(plan, [entry.id for entry in plan.entries])


class _RefusedError(Exception):
    """Rolls back an import whose plan leaves names unmapped."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("names map to no activity")
        self.plan = plan


def remove_import(store: Store, entry_ids: Sequence[str]) -> None:
    """Take an import back: delete the entries it wrote (one transaction; the undo path)."""
    with store.transaction():
        RecordRepository(store).delete_time_entries(entry_ids)


def restore_import(store: Store, entries: Sequence[TimeEntry]) -> None:
    """Put an import back as it was written (`ImportResult.plan.entries`; the redo path)."""
    with paused_gc(), store.transaction() as conn:
        insert_entries(conn, entries)


def _plan(
    store: Store,
    inputs: Inputs,
    writer: Callable[[int, tuple[int, int] | None], Callable[[list[EntryRow]], None]] | None = None,
    *,
    unmapped_ok: bool = True,
) -> ImportPlan:
    """Decide every entry; with a `writer`, hand each batch to write over as it is made.

    Once everything the plan reads is read, `writer(count, span)` gives the
    function that writes a batch (`count`: how many entries may come; `span`:
    the UTC seconds they fall in, see `entry_writer`). Batches go to it
    as soon as they are checked, so that the store writes one while the next
    is mapped; unless `unmapped_ok`, none is handed over once a name maps
    nowhere (`import_time` then refuses and rolls back).
    """
    conn = store.conn
    snapshot = change_mark(conn)
    role_map = RoleRepository(store).load_map(inputs.role_id)
    activities = {n.id: n.title for n in role_map.nodes.values() if n.kind is NodeKind.ACTIVITY}
    choices = inputs.choices
    if choices.rules is None:
        rules = [*choices.ahead, *TimeRulesRepository(store).rules(inputs.role_id)]
    else:
        rules = [*choices.ahead, *choices.rules]
    skipped = Tally()
    for item in inputs.foreign.skipped:
        skipped.add(item.reason, item.duration)
    candidates = _not_imported(conn, *fresh_entries(inputs.foreign.entries, skipped), skipped)
    found = overlapping(conn, [(e.start, e.duration) for e in candidates], inputs.now)
    examples = _shown_overlaps(store, candidates, found, activities, rules)
    # Oldest first, and none lasts over a day (every reader refuses it): the days they touch.
    span = (candidates[0].start, candidates[-1].start + MAX_ENTRY_SECONDS) if candidates else None
    write = None if writer is None else writer(len(candidates), span)

    mapping = EntryMapping(activities, rules)
    ids = ascending_ids(len(candidates))  # candidates are oldest first: ids follow them
    entries: list[TimeEntry] = []
    unmatched: list[ForeignEntry] = []
    overlaps = [0, 0]
    keep = choices.overlaps is OverlapChoice.KEEP
    for first, last in _batches(len(candidates)):
        batch = candidates[first:last]
        mapped: list[tuple[ForeignEntry, str, str]] = []
        for entry, (activity_id, note), other in zip(
            batch, mapping(batch), found[first:last], strict=True
        ):
            if activity_id is None:
                unmatched.append(entry)
            elif other is not None:
                overlaps[0] += 1
                overlaps[1] += entry.duration
                if keep:
                    mapped.append((entry, activity_id, note))
            else:
                mapped.append((entry, activity_id, note))
        rows = checked_rows(mapped, ids)
        entries.extend(time_entries(rows))
        if write is not None and rows and (unmapped_ok or not unmatched):
            write(rows)
    if overlaps[0] and not keep:
        skipped.add(OVERLAP, overlaps[1], overlaps[0])
    return ImportPlan(
        role_id=inputs.role_id,
        role_name=role_map.role.name,
        entries=entries,
        mapped=_totals(entries, activities),
        unmapped=unmatched_names(unmatched, activities, rules) if unmatched else [],
        skipped=skipped.totals(),
        overlap_choice=choices.overlaps,
        overlap_entries=overlaps[0],
        overlap_seconds=overlaps[1],
        overlaps=examples,
        _inputs=inputs,
        _snapshot=snapshot,
    )


def _batches(count: int) -> list[tuple[int, int]]:
    """[first, last) of each batch: a small one first, so that the writing starts early."""
    bounds = [0, min(count, BATCH // 5)]
    while bounds[-1] < count:
        bounds.append(min(count, bounds[-1] + BATCH))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _not_imported(
    conn: sqlite3.Connection,
    candidates: list[ForeignEntry],
    by_source: Mapping[str, set[str]],
    skipped: Tally,
) -> list[ForeignEntry]:
    """The candidates (their external ids `by_source`) whose source and external id no stored
    entry has, oldest first."""
    known = {
        source: imported_external_ids(conn, str(source), ids) for source, ids in by_source.items()
    }
    if any(known.values()):
        new = []
        for entry in candidates:
            if entry.external_id in known[entry.source]:
                skipped.add(ALREADY_IMPORTED, entry.duration)
            else:
                new.append(entry)
        candidates = new
    # In time order the store's indexes on the start grow at one end.
    return sorted(candidates, key=_START)


def _totals(entries: Sequence[TimeEntry], activities: Mapping[str, str]) -> list[ActivityTotal]:
    totals: dict[str, list[int]] = {}
    for entry in entries:
        total = totals.setdefault(entry.activity_id, [0, 0])
        total[0] += 1
        total[1] += entry.duration or 0
    return sorted(
        (ActivityTotal(a, activities[a], n, s) for a, (n, s) in totals.items()),
        key=lambda t: (-t.seconds, t.title.casefold()),
    )


def _shown_overlaps(
    store: Store,
    candidates: Sequence[ForeignEntry],
    found: Sequence[str | None],
    activities: Mapping[str, str],
    rules: Sequence[TimeRule],
) -> list[Overlap]:
    """The first overlaps that map to an activity, with the stored entries they overlap."""
    if found.count(None) == len(found):  # none (as in a new role): no need to look
        return []
    first = [(e, other) for e, other in zip(candidates, found, strict=True) if other is not None]
    first = first[: SHOWN_OVERLAPS * 4]
    matches = map_entries([e for e, _ in first], activities, rules)
    shown: list[Overlap] = []
    records, roles = RecordRepository(store), RoleRepository(store)
    for (entry, existing_id), match in zip(first, matches, strict=True):
        existing = records.time_entry(existing_id)
        if existing is None or match.activity_id is None or len(shown) == SHOWN_OVERLAPS:
            continue
        node = roles.get_node(existing.activity_id)
        shown.append(
            Overlap(
                where=entry.where,
                name=entry_name(entry),
                start=entry.start,
                duration=entry.duration,
                activity=activities[match.activity_id],
                existing_id=existing_id,
                existing_activity=node.title if node else "",
                existing_start=existing.start,
                existing_duration=existing.duration,
            )
        )
    return shown
