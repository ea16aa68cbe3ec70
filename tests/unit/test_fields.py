"""Kind-specific fields: defaults, checking and normalising values."""

from __future__ import annotations

import pytest

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.fields import FIELDS, coerce, coerce_details, default_details, field_spec
from rolemap.domain.kinds import NodeKind


def test_every_kind_has_the_fields_of_the_design() -> None:
    names = {kind: [spec.name for spec in specs] for kind, specs in FIELDS.items()}
    assert names[NodeKind.ACTIVITY] == ["category", "planned_hours"]
    assert names[NodeKind.OUTPUT] == ["hands_on", "clarity", "durability", "actionability"]
    assert names[NodeKind.OUTCOME] == [
        "metric",
        "unit",
        "baseline",
        "target",
        "due",
        "direction",
        "objective",
        "accountability",
    ]


@pytest.mark.parametrize(
    ("kind", "name", "value", "expected"),
    [
        (NodeKind.ACTIVITY, "planned_hours", "2.5", 2.5),
        (NodeKind.OUTPUT, "clarity", 4, 4),
        (NodeKind.OUTPUT, "clarity", None, None),
        (NodeKind.OUTCOME, "target", "90", 90.0),
        (NodeKind.OUTCOME, "target", "", None),
        (NodeKind.OUTCOME, "due", "2027-03-31", "2027-03-31"),
        (NodeKind.OUTCOME, "direction", "down", "down"),
        (NodeKind.OUTCOME, "metric", "  retention ", "retention"),
    ],
)
def test_good_values_are_normalised(
    kind: NodeKind, name: str, value: object, expected: object
) -> None:
    assert coerce(field_spec(kind, name), value) == expected


@pytest.mark.parametrize(
    ("kind", "name", "value"),
    [
        (NodeKind.ACTIVITY, "planned_hours", "-1"),
        (NodeKind.ACTIVITY, "planned_hours", "lots"),
        (NodeKind.OUTPUT, "clarity", 6),
        (NodeKind.OUTPUT, "clarity", 2.5),
        (NodeKind.OUTPUT, "hands_on", "yes"),
        (NodeKind.OUTCOME, "target", "nan"),
        (NodeKind.OUTCOME, "due", "31/03/2027"),
        (NodeKind.OUTCOME, "direction", "sideways"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(
    kind: NodeKind, name: str, value: object
) -> None:
    spec = field_spec(kind, name)
    with pytest.raises(InvalidValueError, match=spec.label.split(" (")[0]):
        coerce(spec, value)


def test_unknown_field_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="no field"):
        coerce_details(NodeKind.INPUT, {"category": "x"})


def test_defaults_cover_every_field() -> None:
    for kind, specs in FIELDS.items():
        assert set(default_details(kind)) == {spec.name for spec in specs}
