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
        FieldSpec("category", "Category", "category", "Other"),
        FieldSpec("planned_hours", "Planned hours per week", "hours", 0.0),
    ),
    NodeKind.OUTPUT: (
        FieldSpec("hands_on", "Hands-on (my own work)", "bool", True),
        FieldSpec("clarity", "Clarity (1–5)", "rubric", None),
        FieldSpec("durability", "Durability (1–5)", "rubric", None),
        FieldSpec("actionability", "Actionability (1–5)", "rubric", None),
    ),
    NodeKind.OUTCOME: (
        FieldSpec("metric", "Metric", "text", ""),
        FieldSpec("unit", "Unit", "text", ""),
        FieldSpec("baseline", "Baseline", "number", None),
        FieldSpec("target", "Target", "number", None),
        FieldSpec("due", "Due date", "date", None),
        FieldSpec("direction", "Direction", "direction", "up", "up: higher is better"),
        FieldSpec("objective", "Objective", "text", ""),
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
