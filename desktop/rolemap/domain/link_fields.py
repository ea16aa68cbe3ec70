"""A link's own fields (weight, confidence, note): checking a typed value before it is kept.

Every way in (the properties panel, the command line, an import) gives the
same answer: a weight is more than 0 or none (an equal split), a confidence
is read as a check-in's is ("0.7", "70", "70 %"), a note is any text.
"""

from __future__ import annotations

import dataclasses
import math

from rolemap.domain.entities import Link
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.record_rules import parse_confidence

LINK_FIELDS = ("weight", "confidence", "note")


def parse_weight(value: str | float | None) -> float | None:
    """A link's weight: a number above 0, or None (blank) for an equal split."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        weight = float(text.replace(",", "."))
    except ValueError:
        raise InvalidValueError(f"‘{text}’ is not a weight: give a number above 0.") from None
    if not math.isfinite(weight) or weight <= 0:
        raise InvalidValueError("A link's weight must be more than 0.")
    return weight


def with_field(link: Link, name: str, value: object) -> Link:
    """`link` with field `name` set from `value`; InvalidValueError says why it cannot be."""
    if name == "note":
        return dataclasses.replace(link, note=str(value or "").strip())
    if name == "weight":
        return dataclasses.replace(link, weight=parse_weight(_plain(value)))
    if name == "confidence":
        return dataclasses.replace(link, confidence=parse_confidence(_plain(value)))
    raise InvalidValueError(f"A link has no field “{name}”.")


def _plain(value: object) -> str | float | None:
    if value is None or isinstance(value, str | float):
        return value
    if isinstance(value, int):
        return float(value)
    return str(value)
