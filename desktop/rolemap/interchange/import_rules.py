"""The rules every map reader shares: limits, text cleaning, lane names, field values.

Used by the JSON Canvas, Markdown outline and GraphML readers (through
`import_draft.MapDraft`, mostly) and by the exporters that clean titles.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.fields import FieldSpec
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.interchange.errors import FormatError
from rolemap.interchange.safe_json import decode_utf8

MAX_BYTES = 20 * 1024 * 1024
MAX_NODES = 20_000
MAX_LINKS = 100_000
MAX_TITLE = 500
MAX_NOTES = 100_000
MAX_ROLE_NAME = 200
MAX_COORDINATE = 1e12  # beyond this, sums of positions could overflow to infinity

# C0 (but tab and newline), DEL, C1, and lone surrogates (JSON's "\ud800" makes one).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LANE_NAMES: dict[str, NodeKind] = {
    name: kind for kind in LANE_ORDER for name in (kind.value, kind.lane_title.casefold())
}
_TRUE = {"yes", "y", "true", "1", "on", "x", "✓"}
_FALSE = {"no", "n", "false", "0", "off", "-", "✗"}


def decode(data: bytes | str, what: str) -> str:
    """`data` as text, refused when too large or not UTF-8."""
    return decode_utf8(data, what, MAX_BYTES)


def coordinate(value: float, name: str, where: str) -> float:
    """A position or size from a file: refused unless finite and within ±10¹²."""
    if not math.isfinite(value) or abs(value) > MAX_COORDINATE:
        raise FormatError(f"{where}: the {name} {value:.6g} is not a position Rolemap reads.")
    return float(value)


def kind_of_name(text: str) -> NodeKind | None:
    """The kind a lane name means: "Activities", "activity", "OUTCOMES:" …; None otherwise."""
    return _LANE_NAMES.get(text.strip().rstrip(":").strip().casefold())


def field_name(written: str) -> str:
    """A field's name as the domain spells it, from how a file writes it ("Planned hours")."""
    return re.sub(r"[\s-]+", "_", written.strip().casefold())


def field_value(spec: FieldSpec, text: str) -> Any:
    """A field's value read from text, typed for `coerce`; InvalidValueError if it cannot be."""
    text = text.strip()
    if not text:
        return None
    if spec.type == "bool":
        if text.casefold() in _TRUE:
            return True
        if text.casefold() in _FALSE:
            return False
        raise InvalidValueError(f"“{text}” is not yes or no, for {spec.label}.")
    if spec.type in ("hours", "number", "rubric"):
        try:
            number = float(text)
        except ValueError:
            raise InvalidValueError(f"“{text}” is not a number, for {spec.label}.") from None
        if not math.isfinite(number):
            raise InvalidValueError(f"{spec.label} must be a finite number.")
        return number
    if spec.type == "direction":
        return text.casefold()
    return text


def infer_lanes(
    xs: Sequence[float], known: Mapping[NodeKind, float], width: float
) -> list[NodeKind]:
    """Lanes for nodes that name none, from the x of their centres.

    When lanes' x are known (lane groups, or nodes whose kind is known), the
    lanes are taken to be evenly spaced: two or more known lanes give the
    spacing; one known lane is taken to be one and a half node `width`s wide.
    Each node joins the lane at its x (before the first lane: Inputs; after
    the last: Outcomes). When nothing is known, the nodes are cut into columns
    (a gap over half a node `width` between neighbouring centres starts a new
    one) read left to right: one to three columns are Activities, Outputs,
    Outcomes in that order; four are Inputs to Outcomes; more are spread
    evenly over the four lanes.
    """
    if known:
        lanes = [kind.lane for kind in known]
        mean_lane, mean_x = sum(lanes) / len(lanes), sum(known.values()) / len(known)
        spread = sum((kind.lane - mean_lane) ** 2 for kind in known)
        slope = (
            sum((k.lane - mean_lane) * (x - mean_x) for k, x in known.items()) / spread
            if spread
            else 0.0
        )
        if slope <= 0:
            slope = 1.5 * width if len(known) == 1 else 0.0
        if slope > 0:
            # Clamp before rounding: a tiny slope sends far-off nodes to ±infinity.
            at = [min(3.0, max(0.0, mean_lane + (x - mean_x) / slope)) for x in xs]
            return [LANE_ORDER[round(lane)] for lane in at]
        return [min(known, key=lambda kind: (abs(known[kind] - x), kind.lane)) for x in xs]
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    column_of = [0] * len(xs)
    column = 0
    for before, after in itertools.pairwise(order):
        if xs[after] - xs[before] > width / 2:
            column += 1
        column_of[after] = column
    count = column + 1
    if count <= 3:
        return [LANE_ORDER[1 + c] for c in column_of]
    return [LANE_ORDER[c * 4 // count] for c in column_of]


def clean_line(text: str) -> tuple[str, bool]:
    """One-line text without control characters, and whether any were removed."""
    spaced = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ").replace("\r", " ")
    cleaned = _CONTROL.sub("", spaced)
    return cleaned.strip(), cleaned != spaced


def clean_notes(text: str) -> tuple[str, bool]:
    """Notes without control characters (tab and newline kept), and whether any were removed."""
    lined = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _CONTROL.sub("", lined)
    return cleaned.strip(), cleaned != lined
