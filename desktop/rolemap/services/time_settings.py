"""The role's time rules and the calendar addresses, kept in the database; and time going out.

Rules are stored in order (first match wins); `--rules FILE` reads the same
JSON that `rolemap rules list --json` prints. `export_entries` gives a period's
entries for the Toggl CSV and timew export writers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.record_rules import find_by_title
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import CONTROL
from rolemap.domain.time_rules import (
    TimeRule,
)
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    OutgoingEntry,
)
from rolemap.store.database import Store
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.store.time_import import (
    calendar_addresses as stored_addresses,
)
from rolemap.store.time_import import (
    save_calendar_addresses,
)
from rolemap.store.time_rules_repository import TimeRulesRepository

# -- rules and settings ---------------------------------------------------------------------


def role_rules(store: Store, role_id: str) -> list[TimeRule]:
    """The role's stored rules, in order."""
    return TimeRulesRepository(store).rules(role_id)


def save_role_rules(store: Store, role_id: str, rules: Sequence[TimeRule]) -> None:
    """Replace the role's rules with `rules`, in order (one transaction)."""
    with store.transaction():
        TimeRulesRepository(store).save_rules(role_id, rules)


def rules_json(rules: Sequence[TimeRule], role_map: RoleMap) -> list[dict[str, Any]]:
    """The rules as JSON values, numbered from 1; `activity` is None for a deleted one.

    `rules_from_json` reads this form back (by `activity_id`, else by `activity`).
    """
    return [
        {
            "number": number,
            **rule.to_dict(),
            "activity": role_map.nodes[rule.activity_id].title
            if rule.activity_id in role_map.nodes
            else None,
        }
        for number, rule in enumerate(rules, start=1)
    ]


def rules_from_json(data: bytes, role_map: RoleMap, what: str = "rules file") -> list[TimeRule]:
    """Rules from a JSON file: a list (or `{"rules": [...]}`) of `TimeRule.to_dict` objects.

    Each names its activity by `activity_id` (one of the role's) or, failing
    that, by `activity` (its title, matched like every name on the command line).

    Raises:
        FormatError: naming the rule that is not one, or the file that is not JSON.
    """
    from rolemap.interchange.safe_json import decode_utf8, load_json

    document = load_json(decode_utf8(data, what), what)
    if isinstance(document, dict) and "rules" in document:
        document = document["rules"]
    if not isinstance(document, list):
        raise FormatError(f"The {what} is not a list of rules ([{{…}}, …]).")
    activities = [n for n in role_map.nodes.values() if n.kind is NodeKind.ACTIVITY]
    rules = []
    for number, item in enumerate(document, start=1):
        where = f"{what}, rule {number}"
        if not isinstance(item, dict):
            raise FormatError(f'{where}: not a rule ({{"field": …, "value": …}}).')
        try:
            activity_id = item.get("activity_id")
            if not (isinstance(activity_id, str) and activity_id in role_map.nodes):
                title = item.get("activity")
                if not isinstance(title, str):
                    raise FormatError(
                        f"{where}: no activity of ‘{role_map.role.name}’ has the id "
                        f"{activity_id!r}, and no activity title is given."
                    )
                activity_id = find_by_title(activities, NodeKind.ACTIVITY, title).id
            rules.append(TimeRule.from_dict({**item, "activity_id": activity_id}))
        except DomainError as error:
            raise FormatError(f"{where}: {error}") from None
    return rules


def calendar_addresses(store: Store) -> list[str]:
    """The person's calendar addresses as last given (to leave out declined events)."""
    return stored_addresses(store.conn)


def remember_calendar_addresses(store: Store, addresses: Sequence[str]) -> None:
    """Keep the person's calendar addresses for the next calendar import (one transaction).

    An address the text rule refuses (a control character, a lone surrogate) is not
    kept: it would be an escape printed later, or a value SQLite cannot store.
    """
    kept = [a.strip() for a in addresses if a.strip() and CONTROL.search(a) is None]
    with store.transaction() as conn:
        save_calendar_addresses(conn, kept)


# -- time going out -------------------------------------------------------------------------


def export_entries(
    store: Store, role_id: str, period: Period, tz: dt.tzinfo
) -> list[OutgoingEntry]:
    """The role's finished entries that start in the period, for `write_toggl`/`write_timew`."""
    low, high = period.utc_bounds(tz)
    titles = {
        n.id: n.title
        for n in RoleRepository(store).load_map(role_id).nodes.values()
        if n.kind is NodeKind.ACTIVITY
    }
    return [
        OutgoingEntry(e.start, e.duration or 0, titles.get(e.activity_id, ""), e.note)
        for e in RecordRepository(store).time_entries_between(role_id, low, high)
        if e.duration is not None
    ]
