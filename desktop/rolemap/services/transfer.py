"""Whole roles between the store and files: export, import, and the first start's example.

Sits above `store` and `interchange` (which know nothing of each other) and
below the document, the command line and the window, which all use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rolemap.domain.examples import sample_records
from rolemap.domain.review import ReviewAction
from rolemap.domain.role_map import RoleMap
from rolemap.domain.role_names import unique_role_name
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.interchange.evidence_json import evidence_from_json, evidence_to_json
from rolemap.interchange.plan_json import PlanData
from rolemap.interchange.review_json import ReviewRecord
from rolemap.interchange.safe_json import paused_gc
from rolemap.interchange.snapshot_json import map_from_json, map_to_json
from rolemap.services.input_file import read_input
from rolemap.store.database import Store
from rolemap.store.integrity import taken_ids
from rolemap.store.plan_repository import PlanRepository
from rolemap.store.record_repository import RecordRepository
from rolemap.store.review_repository import ReviewRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.store.time_import import insert_entries
from rolemap.store.time_rules_repository import TimeRulesRepository
from rolemap.system.resources import resource

EXAMPLE_ROLE = ("examples", "engineering-manager.json")


@dataclass
class ImportResult:
    """What an import did: role names added, replaced, and skipped as already present.

    `rekeyed` counts the file's ids that the database already used for
    something else and that were given fresh ones.
    """

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rekeyed: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (file's name, name given)


def bundles_of(store: Store, role_ids: list[str] | None = None) -> list[RoleBundle]:
    """Every role (or the ones named) with its records, rules, reviews and plans, as files
    carry them."""
    roles = RoleRepository(store)
    records = RecordRepository(store)
    rules = TimeRulesRepository(store)
    plans = PlanRepository(store)
    ids = role_ids if role_ids is not None else [r.id for r in roles.list_roles()]
    bundles = []
    for role_id in ids:
        reviews, actions = _reviews_of(ReviewRepository(store), role_id)
        bundles.append(
            RoleBundle(
                roles.load_map(role_id),
                records.time_entries(role_id),
                records.deliveries(role_id),
                records.checkins(role_id),
                rules.rules(role_id),
                reviews,
                actions,
                PlanData(plans.plans(role_id), plans.all_checklist_items(role_id)),
            )
        )
    return bundles


def _reviews_of(
    repository: ReviewRepository, role_id: str
) -> tuple[list[ReviewRecord], list[ReviewAction]]:
    """A role's readable reviews with their kept figures and maps, and their actions.

    A kept value that cannot be read (a damaged row, which the history reports)
    goes out as none kept rather than stopping the whole export; actions of a
    review that cannot be read at all stay behind with it.
    """
    kept = repository.kept_texts(role_id)
    records = []
    for review in repository.history(role_id).reviews:
        figures, snapshot = kept.get(review.id, (None, None))
        records.append(
            ReviewRecord(
                review,
                _kept(figures, lambda v: evidence_from_json(v, "figures")),
                _kept(snapshot, lambda v: map_from_json(v, "map", check_fields=False)),
            )
        )
    ids = {record.review.id for record in records}
    actions = [
        a if a.closed_in is None or a.closed_in in ids else dataclasses.replace(a, closed_in=None)
        for a in repository.actions(role_id)
        if a.review_id in ids
    ]
    return records, actions


_T = TypeVar("_T")


def _kept(text: str | None, read: Callable[[Any], _T]) -> _T | None:
    if text is None:
        return None
    try:
        return read(json.loads(text))
    except (ValueError, RecursionError, OverflowError, FormatError):
        return None


def export_json(store: Store, role_ids: list[str] | None = None) -> str:
    """The Rolemap JSON text of the store's roles."""
    return rolemap_json.dumps(bundles_of(store, role_ids))


def import_bundles(
    store: Store, bundles: list[RoleBundle], *, replace: bool = False
) -> ImportResult:
    """Write roles in one transaction: map, records, then rules, reviews and plans.

    A role whose id is already in the store is skipped (re-importing a file adds
    nothing twice) unless `replace`, which swaps the stored role for the file's.
    Every other id (and every id the role's snapshots, figures and actions
    mention) is checked against the whole database: one that anything else
    already uses (another role's node, link, record, review, action or
    checklist row) is given a fresh UUID and every reference follows it, so an
    import never overwrites, moves or points into what it does not own. Ids are
    re-keyed rather than refused because the file's intent, a role of its own,
    is still clear (a copied role, a file from another tool), and the copy and
    paste path does the same. Time entries go in through the store's bulk path
    (`time_import.insert_entries`): 100,000 of them through the roll-up's
    triggers took 3 s. The readers have checked every rule a file must keep;
    should the database still refuse a row, the import is refused with the
    database's reason (FormatError), and nothing is written.
    """
    roles = RoleRepository(store)
    records = RecordRepository(store)
    result = ImportResult()
    # No cyclic collection while 100,000 entries' rows are made: it finds nothing.
    with paused_gc(), store.transaction() as conn:
        for bundle in bundles:
            role = bundle.role_map.role
            if roles.get_role(role.id) is not None:
                if not replace:
                    result.skipped.append(role.name)
                    continue
                roles.delete_role(role.id)
                result.replaced.append(role.name)
            else:
                result.added.append(role.name)
            bundle, changed = bundle.rekeyed(taken_ids(conn, _ids_of(bundle)))
            result.rekeyed += changed
            bundle = _uniquely_named(bundle, roles, result)
            try:
                roles.insert_map(bundle.role_map)
                records.insert_records((), bundle.deliveries, bundle.checkins)
                insert_entries(conn, bundle.time_entries)
                _insert_extras(store, bundle)
            except sqlite3.IntegrityError as error:
                raise FormatError(
                    f"‘{bundle.role_map.role.name}’ cannot be imported: the database refuses "
                    f"it ({error}). Nothing was imported."
                ) from None
        if len(records.running_timers()) > 1:
            raise FormatError(
                "The file holds a running timer, and a timer is already running here: "
                "stop it first (rolemap stop), then import again."
            )
    return result


def _ids_of(bundle: RoleBundle) -> Iterator[str]:
    yield from bundle.ids()
    yield from bundle.mentions()


def _insert_extras(store: Store, bundle: RoleBundle) -> None:
    """A new role's rules, reviews with their actions, plans and checklist rows."""
    role_id = bundle.role_map.role.id
    TimeRulesRepository(store).save_rules(role_id, bundle.rules)
    reviews = ReviewRepository(store)
    for record in bundle.reviews:
        reviews.insert_review(
            record.review,
            None if record.evidence is None else _kept_text(evidence_to_json(record.evidence)),
            None if record.snapshot is None else _kept_text(map_to_json(record.snapshot)),
        )
    reviews.insert_actions(bundle.actions)
    plans = PlanRepository(store)
    for plan in bundle.plans.plans:
        plans.put_plan(plan)
    for item in bundle.plans.items:
        plans.put_item(item)


def _kept_text(value: Any) -> str:
    """A review's figures or map as stored, written as finishing a review writes them
    (services/review_session.py), so that an export and an import keep the same text."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _uniquely_named(bundle: RoleBundle, roles: RoleRepository, result: ImportResult) -> RoleBundle:
    """The bundle, its role renamed "Name (2)" if another role already has its name."""
    role = bundle.role_map.role
    others = [r.name for r in roles.list_roles() if r.id != role.id]
    name = unique_role_name(role.name, others)
    if name == role.name:
        return bundle
    result.renamed.append((role.name, name))
    renamed = RoleMap(
        dataclasses.replace(role, name=name), bundle.role_map.nodes, bundle.role_map.links
    )
    return dataclasses.replace(bundle, role_map=renamed)


def import_file(store: Store, path: Path, *, replace: bool = False) -> ImportResult:
    """Validate a Rolemap JSON file whole, then import it in one transaction.

    Raises FormatError (nothing written) for a bad file, OSError if it cannot be read.
    """
    return import_bundles(store, rolemap_json.load_bytes(read_input(path)), replace=replace)


def seed_example(store: Store, today: dt.date | None = None, *, records: bool = True) -> None:
    """Put the example role in a new database (the first start).

    With `records`, it comes with four weeks of sample records before `today`
    (marked as example data), so the dashboard is filled from the first start.
    """
    bundles = rolemap_json.loads(resource(*EXAMPLE_ROLE).read_text(encoding="utf-8"))
    for bundle in bundles if records else ():
        samples = sample_records(bundle.role_map, today or dt.date.today())
        bundle.time_entries.extend(samples.time_entries)
        bundle.deliveries.extend(samples.deliveries)
        bundle.checkins.extend(samples.checkins)
    import_bundles(store, bundles)
