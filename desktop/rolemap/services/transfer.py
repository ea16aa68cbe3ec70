"""Whole roles between the store and files: export, import, and the first start's example.

Sits above `store` and `interchange` (which know nothing of each other) and
below the document, the command line and the window, which all use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rolemap.domain.examples import sample_records
from rolemap.domain.role_map import RoleMap
from rolemap.domain.role_names import unique_role_name
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.store.database import Store
from rolemap.store.integrity import taken_ids
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.store.time_import import insert_entries
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
    """Every role (or the ones named) with its records, as files carry them."""
    roles = RoleRepository(store)
    records = RecordRepository(store)
    ids = role_ids if role_ids is not None else [r.id for r in roles.list_roles()]
    return [
        RoleBundle(
            roles.load_map(role_id),
            records.time_entries(role_id),
            records.deliveries(role_id),
            records.checkins(role_id),
        )
        for role_id in ids
    ]


def export_json(store: Store, role_ids: list[str] | None = None) -> str:
    """The Rolemap JSON text of the store's roles."""
    return rolemap_json.dumps(bundles_of(store, role_ids))


def import_bundles(
    store: Store, bundles: list[RoleBundle], *, replace: bool = False
) -> ImportResult:
    """Write roles in one transaction.

    A role whose id is already in the store is skipped (re-importing a file adds
    nothing twice) unless `replace`, which swaps the stored role for the file's.
    Every other id is checked against the whole database: one that anything
    else already uses (another role's node, link or record) is given a fresh
    UUID, so an import never overwrites or moves what it does not own. Ids are
    re-keyed rather than refused because the file's intent, a role of its own,
    is still clear (a copied role, a file from another tool), and the copy and
    paste path does the same. Time entries go in through the store's bulk path
    (`time_import.insert_entries`): 100,000 of them through the roll-up's
    triggers took 3 s.
    """
    roles = RoleRepository(store)
    records = RecordRepository(store)
    result = ImportResult()
    with store.transaction() as conn:
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
            bundle, changed = bundle.rekeyed(taken_ids(conn, bundle.ids()))
            result.rekeyed += changed
            bundle = _uniquely_named(bundle, roles, result)
            roles.insert_map(bundle.role_map)
            records.insert_records((), bundle.deliveries, bundle.checkins)
            insert_entries(conn, bundle.time_entries)
        if len(records.running_timers()) > 1:
            raise FormatError(
                "The file holds a running timer, and a timer is already running here: "
                "stop it first (rolemap stop), then import again."
            )
    return result


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
    return import_bundles(store, rolemap_json.load_bytes(path.read_bytes()), replace=replace)


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
