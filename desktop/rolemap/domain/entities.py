"""The entities of a role map: Role, Node, Link, Category. Immutable values.

Edits replace a value with a changed copy (`dataclasses.replace`), so an undo
command can hold the old and the new value side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rolemap.domain.kinds import NodeKind


def new_id() -> str:
    """A fresh UUID as text: ids are stable across export and import."""
    import uuid  # here, not at the top: it pulls in `platform` (~8 ms), and opening needs no ids

    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Category:
    """An activity category with its colour ("#rrggbb")."""

    name: str
    colour: str


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("Relationships & trust", "#4e79a7"),
    Category("Knowledge transfer & development", "#59a14f"),
    Category("Strategic thinking & planning", "#b07aa1"),
    Category("Conflict resolution & alignment", "#f28e2b"),
    Category("Maker's work", "#e15759"),
    Category("Admin & email", "#9c755f"),
    Category("Other", "#8c8c8c"),
)

REVIEW_CADENCES: tuple[str, ...] = ("week", "month", "quarter")


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person holds.

    `ideal_allocation` maps category names to the planned share of hours (0–1);
    `purposeful_target` is the share of hours the person wants on activities
    that reach an outcome; `weekly_capacity` the hours a week the role has
    (the week's plan is checked against it); `successor_notes` what the
    person would tell whoever takes the role next (in the operating manual).
    """

    id: str
    name: str
    purpose: str = ""
    accountabilities: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    decision_rights: tuple[str, ...] = ()
    review_cadence: str = "month"
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    ideal_allocation: Mapping[str, float] = field(default_factory=dict)
    purposeful_target: float = 0.7
    created: str = ""
    weekly_capacity: float = 40.0
    successor_notes: str = ""

    def category_colour(self, name: str) -> str:
        """The colour of category `name`, grey if the role has no such category."""
        for category in self.categories:
            if category.name == name:
                return category.colour
        return "#8c8c8c"


@dataclass(frozen=True, slots=True)
class Node:
    """A box on the map: an input, activity, output or outcome.

    `details` holds the kind-specific fields described in `domain.fields`.
    """

    id: str
    role_id: str
    kind: NodeKind
    title: str
    notes: str = ""
    x: float = 0.0
    y: float = 0.0
    details: Mapping[str, Any] = field(default_factory=dict)

    def detail(self, name: str) -> Any:
        """A kind-specific field's value, None when unset."""
        return self.details.get(name)


@dataclass(frozen=True, slots=True)
class Link:
    """A line of sight from `source` to `target`.

    `weight` is the share of the source's effort that goes this way; None means
    an equal split with the source's other unweighted links. `confidence` is
    0–1 or None.
    """

    id: str
    role_id: str
    source: str
    target: str
    weight: float | None = None
    confidence: float | None = None
    note: str = ""
