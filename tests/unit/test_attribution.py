"""Attribution of hours through outputs into outcomes, and the purposeful share, by hand."""

from __future__ import annotations

import pytest

from rolemap.domain.attribution import attribute, link_shares, purposeful_share
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap


def _map(links: list[tuple[str, str, float | None]]) -> RoleMap:
    kinds = {"A": "activity", "B": "activity", "C": "activity", "D": "activity"}
    kinds |= {"O1": "output", "O2": "output", "O3": "output", "X": "outcome", "Y": "outcome"}
    nodes = [Node(i, "r", NodeKind(k), i) for i, k in kinds.items()]
    return RoleMap.build(
        Role("r", "Role"),
        nodes,
        [Link(f"{s}-{t}", "r", s, t, w) for s, t, w in links],
    )


def test_link_shares() -> None:
    def shares(*weights: float | None) -> list[float]:
        links = [Link(str(i), "r", "a", f"t{i}", w) for i, w in enumerate(weights)]
        result = link_shares(links)
        return [round(result[str(i)], 6) for i in range(len(weights))]

    assert shares(None, None, None) == [0.333333] * 3
    assert shares(0.5, None, None) == [0.5, 0.25, 0.25]  # equal split of what is left
    assert shares(2, 1) == [0.666667, 0.333333]  # no unweighted link: scaled to 1
    assert shares(0.2, 0.3) == [0.4, 0.6]
    assert shares(0.7, 0.5, None) == [0.583333, 0.416667, 0.0]  # weights claim all
    assert link_shares([]) == {}


def test_an_activity_feeding_two_outputs_and_one_outcome_directly() -> None:
    role_map = _map(
        [
            ("A", "O1", None),
            ("A", "O2", None),
            ("A", "X", None),
            ("O1", "X", None),
            ("O2", "Y", None),
        ]
    )
    result = attribute(role_map, {"A": 9.0})
    # A: 3 h to each of O1, O2, X; O1 passes its 3 h to X, O2 its 3 h to Y.
    assert result.output_hours == pytest.approx({"O1": 3.0, "O2": 3.0})
    assert result.outcome_hours == pytest.approx({"X": 6.0, "Y": 3.0})
    assert result.purposeful_share == 1.0


def test_weights_hours_that_lead_nowhere_and_the_purposeful_share() -> None:
    role_map = _map(
        [
            ("A", "O1", None),
            ("A", "O2", None),
            ("A", "X", None),
            ("B", "O1", 0.5),
            ("B", "O2", None),
            ("B", "X", None),
            ("O1", "X", 2),
            ("O1", "Y", 1),
            ("O2", "Y", None),
            ("D", "O3", None),  # an output that reaches no outcome
        ]
    )
    hours = {"A": 10.0, "B": 6.0, "C": 4.0, "D": 2.0}
    result = attribute(role_map, hours)
    # By hand: O1 = 10/3 + 3 = 6.333…; O2 = 10/3 + 1.5 = 4.833…; X direct 10/3 + 1.5.
    o1, o2 = 10 / 3 + 3, 10 / 3 + 1.5
    assert result.output_hours == pytest.approx({"O1": o1, "O2": o2, "O3": 2.0})
    assert result.outcome_hours == pytest.approx({"X": 10 / 3 + 1.5 + o1 * 2 / 3, "Y": o1 / 3 + o2})
    assert result.attributed_hours == pytest.approx(16.0)
    assert result.total_hours == 22.0
    assert result.purposeful_hours == 16.0  # C leads nowhere, D only to an unaimed output
    assert result.purposeful_share == pytest.approx(16 / 22)
    assert purposeful_share(role_map, hours) == pytest.approx(16 / 22)


def test_no_hours_no_share_and_unknown_ids_count_only_in_the_total() -> None:
    role_map = _map([("A", "X", None)])
    assert attribute(role_map, {}).purposeful_share is None
    result = attribute(role_map, {"A": 1.0, "gone": 1.0})
    assert result.total_hours == 2.0
    assert result.outcome_hours == {"X": 1.0}
    assert result.purposeful_share == 0.5
