"""A quarter's checklist as stored and as shown: rows, items, hand ticks, the person's own items.

Rows (`StoredItem`) are what the store keeps: a hand tick of a generated
item, an item of the person's own, or an automatic item's result kept when
the quarter was frozen. `assemble` puts the rows and the automatic results
(domain/checklist.py) together into the list the person reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rolemap.domain.checklist import ChecklistRule, ItemResult
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.quarter import Quarter
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import clean_line

OWN_ITEM = "own"


@dataclass(frozen=True, slots=True)
class StoredItem:
    """A checklist row: a hand tick of a generated item, the person's own item, or an
    automatic item's frozen result (`frozen` is the day it was kept)."""

    id: str
    role_id: str
    quarter: str
    key: str
    text: str = ""
    ticked: bool | None = None
    detail: str = ""
    position: int = 0
    frozen: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a quarter's checklist as shown.

    `ref` identifies it for a tick: the stored row's id for the person's own
    items, the rule's key for generated ones.
    """

    ref: str
    key: str
    text: str
    automatic: bool
    ticked: bool | None
    detail: str = ""
    node_ids: tuple[str, ...] = ()
    stored: StoredItem | None = None


@dataclass(frozen=True, slots=True)
class Checklist:
    """A role's checklist for a quarter; `frozen_on` is set once the results are kept."""

    role_id: str
    quarter: Quarter
    items: tuple[ChecklistItem, ...]
    frozen_on: dt.date | None = None

    @property
    def ticked_count(self) -> int:
        """How many items are ticked."""
        return sum(1 for item in self.items if item.ticked)

    def find(self, text: str) -> ChecklistItem:
        """An item by its number in the list (1-based) or its text (exact, a unique
        beginning, or a unique part; case-insensitive)."""
        cleaned = text.strip()
        if cleaned.isdigit():
            index = int(cleaned)
            if 1 <= index <= len(self.items):
                return self.items[index - 1]
            raise InvalidValueError(
                f"The checklist of {self.quarter.name} has items 1 to {len(self.items)}, "
                f"not {index}."
            )
        wanted = cleaned.casefold()
        for test in (
            lambda t: t == wanted,
            lambda t: t.startswith(wanted),
            lambda t: wanted in t,
        ):
            found = [i for i in self.items if wanted and test(i.text.casefold())]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                names = ", ".join(f"‘{i.text}’" for i in found)
                raise InvalidValueError(f"‘{cleaned}’ matches several items: {names}.")
        raise InvalidValueError(
            f"No item of the checklist of {self.quarter.name} is called ‘{cleaned}’: "
            "give its number or part of its text."
        )


def assemble(
    role_map: RoleMap,
    quarter: Quarter,
    stored: Sequence[StoredItem],
    results: Sequence[ItemResult],
) -> Checklist:
    """The checklist as shown: automatic items (frozen rows when the quarter is kept, else
    `results`), the hand-ticked generated items, then the person's own items."""
    role = role_map.role
    by_key = {row.key: row for row in stored if row.key != OWN_ITEM}
    frozen = [row for row in stored if row.frozen is not None and row.key != OWN_ITEM]
    items: list[ChecklistItem] = []
    if frozen:
        for row in sorted(frozen, key=lambda r: r.position):
            items.append(
                ChecklistItem(row.key, row.key, row.text, True, row.ticked, row.detail, (), row)
            )
    else:
        for result in results:
            items.append(
                ChecklistItem(
                    result.rule.value,
                    result.rule.value,
                    result.rule.text(role),
                    True,
                    result.ticked,
                    result.detail,
                    result.node_ids,
                )
            )
    for rule in ChecklistRule:
        if rule.automatic:
            continue
        hand = by_key.get(rule.value)
        text = hand.text if hand is not None and hand.text else rule.text(role)
        ticked = bool(hand.ticked) if hand is not None else False
        items.append(ChecklistItem(rule.value, rule.value, text, False, ticked, "", (), hand))
    own = sorted((r for r in stored if r.key == OWN_ITEM), key=lambda r: (r.position, r.id))
    items.extend(
        ChecklistItem(r.id, OWN_ITEM, r.text, False, bool(r.ticked), "", (), r) for r in own
    )
    frozen_on = min((r.frozen for r in frozen if r.frozen is not None), default=None)
    return Checklist(role.id, quarter, tuple(items), frozen_on)


def frozen_rows(
    role_map: RoleMap,
    quarter: Quarter,
    results: Sequence[ItemResult],
    on: dt.date,
    new_id: Callable[[], str],
) -> list[StoredItem]:
    """The rows that keep the automatic items' results of a quarter as they stand."""
    return [
        StoredItem(
            new_id(),
            role_map.role.id,
            quarter.name,
            r.rule.value,
            r.rule.text(role_map.role),
            r.ticked,
            r.detail,
            i,
            on,
        )
        for i, r in enumerate(results)
    ]


def hand_tick(
    checklist: Checklist, item: ChecklistItem, ticked: bool, new_id: Callable[[], str]
) -> StoredItem:
    """The row that records a hand tick (or untick) of `item`; automatic items refuse."""
    if item.automatic:
        raise InvalidValueError(
            f"‘{item.text}’ is ticked from the data, not by hand."
            + (f" {item.detail}" if item.detail else "")
        )
    if item.stored is not None:
        row = item.stored
        return StoredItem(
            row.id,
            row.role_id,
            row.quarter,
            row.key,
            row.text,
            ticked,
            row.detail,
            row.position,
            row.frozen,
        )
    position = list(ChecklistRule).index(ChecklistRule(item.key))
    return StoredItem(
        new_id(), checklist.role_id, checklist.quarter.name, item.key, "", ticked, "", position
    )


def own_item(checklist: Checklist, text: str, new_id: Callable[[], str]) -> StoredItem:
    """A new item of the person's own, last on the list, not ticked."""
    cleaned = clean_line(text, "The item")
    if not cleaned:
        raise InvalidValueError("An item needs some text.")
    if any(i.text.casefold() == cleaned.casefold() for i in checklist.items):
        raise InvalidValueError(
            f"The checklist of {checklist.quarter.name} already has ‘{cleaned}’."
        )
    positions = [i.stored.position for i in checklist.items if i.key == OWN_ITEM and i.stored]
    return StoredItem(
        new_id(),
        checklist.role_id,
        checklist.quarter.name,
        OWN_ITEM,
        cleaned,
        False,
        "",
        max(positions, default=-1) + 1,
    )
