"""A link's fields read like every other way in: weight above 0, confidence as check-ins read it."""

from __future__ import annotations

import pytest

from rolemap.domain.entities import Link
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.link_fields import with_field

LINK = Link("k", "r", "a", "b")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("0.7", 0.7), ("70", 0.7), ("70 %", 0.7), ("70%", 0.7), ("0,7", 0.7), (1, 1.0), ("", None)],
)
def test_confidence_reads_decimals_and_percents(typed: object, kept: float | None) -> None:
    assert with_field(LINK, "confidence", typed).confidence == pytest.approx(kept)


@pytest.mark.parametrize(
    ("typed", "kept"), [("2", 2.0), ("0.5", 0.5), (3, 3.0), ("", None), (None, None)]
)
def test_weight_is_above_zero_or_none(typed: object, kept: float | None) -> None:
    assert with_field(LINK, "weight", typed).weight == kept


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("weight", "0", "more than 0"),
        ("weight", "-1", "more than 0"),
        ("weight", "nan", "more than 0"),
        ("weight", "inf", "more than 0"),
        ("weight", "heavy", "not a weight"),
        ("confidence", "150 %", "between 0 and 1"),
        ("confidence", "sure", "not a confidence"),
        ("colour", "red", "no field"),
    ],
)
def test_bad_values_say_why(field: str, typed: str, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        with_field(LINK, field, typed)


def test_a_note_is_kept_trimmed() -> None:
    assert with_field(LINK, "note", "  rough guess ").note == "rough guess"
