"""Kind-specific node fields, described once as data.

The properties panel, the store, the JSON format and validation all read
these specs, so a new field is added in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.text import clean_line
from rolemap.domain.time_range import check_day


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One kind-specific field.

    `type` is one of "text", "category", "hours", "bool", "rubric", "number",
    "date", "direction". `default` is what a new node gets.
    """

    name: str
    label: str
    type: str
    default: Any = None
    help: str = ""


FIELDS: Mapping[NodeKind, tuple[FieldSpec, ...]] = {
    NodeKind.INPUT: (),
    NodeKind.ACTIVITY: (
        FieldSpec(
            "category",
            "Category",
            "category",
            "Other",
            "What kind of work this is. The kinds that pay most: relationships and trust, "
            "knowledge transfer and development, strategic thinking and planning, conflict "
            "resolution and alignment; then maker's work and admin. The role's ideal "
            "allocation shares the week's hours among them.",
        ),
        FieldSpec(
            "planned_hours",
            "Planned hours per week",
            "hours",
            0.0,
            "The hours a week you mean to give it; the week's plan starts from them.",
        ),
    ),
    NodeKind.OUTPUT: (
        FieldSpec(
            "hands_on",
            "Hands-on (my own work)",
            "bool",
            True,
            "Tick it only if you made a real part of this yourself. What your team made "
            "while you steered is the team's output, not yours: leading the work is not "
            "the same as doing it.",
        ),
        FieldSpec(
            "clarity",
            "Clarity (1–5)",
            "rubric",
            None,
            "Clarity of thought: does it make a hard question easy to follow and act on? "
            "1: muddled; 5: anyone can follow the reasoning.",
        ),
        FieldSpec(
            "durability",
            "Durability (1–5)",
            "rubric",
            None,
            "Durability: will it still be useful in months, as a reference, a template or "
            "a base others build on? 1: stale next week; 5: used for years.",
        ),
        FieldSpec(
            "actionability",
            "Actionability (1–5)",
            "rubric",
            None,
            "Actionability: does it move things on, proposing what to do rather than only "
            "describing the problem? 1: describes; 5: people act on it.",
        ),
    ),
    NodeKind.OUTCOME: (
        FieldSpec(
            "metric",
            "Metric",
            "text",
            "",
            "What you measure. Choose one with a direct effect on how the organisation "
            "does (revenue, customers kept, people who stay, time to market), not a "
            "measure of how busy anyone was.",
        ),
        FieldSpec("unit", "Unit", "text", "", "The metric's unit: %, days, hires, k€…"),
        FieldSpec(
            "baseline",
            "Baseline",
            "number",
            None,
            "Where the metric stood before your work. The change from here is what you "
            "can show a part in; the links into this outcome say which activities and "
            "outputs of yours fed it.",
        ),
        FieldSpec(
            "target",
            "Target",
            "number",
            None,
            "Where the metric should stand by the due date. Aim for a level that holds (a "
            "repeatable process, a structural fix) rather than a one-off spike.",
        ),
        FieldSpec(
            "due",
            "Due date",
            "date",
            None,
            "When the target should be reached. Outcomes lag: the activities and outputs "
            "that move them come first.",
        ),
        FieldSpec(
            "direction",
            "Direction",
            "direction",
            "up",
            "Whether higher or lower values are better: retention up, time to hire down.",
        ),
        FieldSpec(
            "objective",
            "Objective",
            "text",
            "",
            "The objective (the O of an OKR) that this result measures.",
        ),
        FieldSpec(
            "accountability",
            "Serves accountability",
            "text",
            "",
            "the accountability of the role this outcome serves",
        ),
    ),
}


def field_spec(kind: NodeKind, name: str) -> FieldSpec:
    """The spec of `name` for `kind`; InvalidValueError if the kind has no such field."""
    for spec in FIELDS[kind]:
        if spec.name == name:
            return spec
    article = "An" if kind.value[0] in "aeiou" else "A"
    raise InvalidValueError(f"{article} {kind.value} has no field “{name}”.")


def default_details(kind: NodeKind) -> dict[str, Any]:
    """The kind-specific fields of a new node, at their defaults."""
    return {spec.name: spec.default for spec in FIELDS[kind]}


def coerce(spec: FieldSpec, value: Any) -> Any:
    """Return `value` checked and normalised for `spec`, or raise InvalidValueError."""
    if value is None or value == "":
        if spec.type in ("text", "category"):
            return "" if spec.type == "text" else spec.default
        if spec.type in ("bool", "direction", "hours"):
            return spec.default
        return None
    try:
        match spec.type:
            case "text" | "category":
                if not isinstance(value, str):
                    raise TypeError
                return clean_line(value, spec.label, 100 if spec.type == "category" else 500)
            case "bool":
                if not isinstance(value, bool):
                    raise TypeError
                return value
            case "hours":
                hours = float(value)
                if not 0 <= hours <= 168:
                    raise InvalidValueError(f"{spec.label} must be between 0 and 168.")
                return hours
            case "rubric":
                if isinstance(value, bool) or int(value) != value or not 1 <= int(value) <= 5:
                    raise InvalidValueError(f"{spec.label} is a whole number from 1 to 5.")
                return int(value)
            case "number":
                if isinstance(value, bool):
                    raise TypeError
                number = float(value)
                if number != number or number in (float("inf"), float("-inf")):
                    raise InvalidValueError(f"{spec.label} must be a finite number.")
                return number
            case "date":
                return check_day(dt.date.fromisoformat(str(value))).isoformat()
            case "direction":
                if value not in ("up", "down"):
                    raise InvalidValueError(f"{spec.label} is “up” or “down”.")
                return value
    except (TypeError, ValueError):
        raise InvalidValueError(f"“{value}” is not a valid value for {spec.label}.") from None
    raise InvalidValueError(f"Unknown field type {spec.type!r}.")


def coerce_details(kind: NodeKind, details: Mapping[str, Any]) -> dict[str, Any]:
    """All of a node's kind-specific fields, checked; unknown names are refused."""
    result = default_details(kind)
    for name, value in details.items():
        result[name] = coerce(field_spec(kind, name), value)
    return result
