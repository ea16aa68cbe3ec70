"""The lane rule and the purpose check, on small hand-made maps."""

from __future__ import annotations

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.errors import LinkRefusedError
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.lane_rule import check_link, kinds_may_link
from rolemap.domain.purpose import check_purpose
from rolemap.domain.role_map import RoleMap

ROLE = Role(id="r", name="Test")


def make_map(*nodes: tuple[str, NodeKind], links: tuple[tuple[str, str], ...] = ()) -> RoleMap:
    return RoleMap.build(
        ROLE,
        [Node(node_id, "r", kind, node_id) for node_id, kind in nodes],
        [Link(f"{s}>{t}", "r", s, t) for s, t in links],
    )


@pytest.mark.parametrize("source", LANE_ORDER)
@pytest.mark.parametrize("target", LANE_ORDER)
def test_only_forward_links_are_allowed(source: NodeKind, target: NodeKind) -> None:
    allowed = {
        (NodeKind.INPUT, NodeKind.ACTIVITY),
        (NodeKind.ACTIVITY, NodeKind.OUTPUT),
        (NodeKind.ACTIVITY, NodeKind.OUTCOME),
        (NodeKind.OUTPUT, NodeKind.OUTCOME),
    }
    assert kinds_may_link(source, target) == ((source, target) in allowed)


def test_backward_link_is_refused_with_a_reason() -> None:
    role_map = make_map(("a", NodeKind.ACTIVITY), ("o", NodeKind.OUTCOME))
    with pytest.raises(LinkRefusedError, match="links end at outcomes"):
        check_link(role_map, "o", "a")


def test_activity_to_input_names_the_allowed_targets() -> None:
    role_map = make_map(("a", NodeKind.ACTIVITY), ("i", NodeKind.INPUT))
    with pytest.raises(LinkRefusedError, match=r"An activity cannot link to an input.*output or"):
        check_link(role_map, "a", "i")


def test_self_and_duplicate_links_are_refused() -> None:
    role_map = make_map(("a", NodeKind.ACTIVITY), ("p", NodeKind.OUTPUT), links=(("a", "p"),))
    with pytest.raises(LinkRefusedError, match="itself"):
        check_link(role_map, "a", "a")
    with pytest.raises(LinkRefusedError, match="already links"):
        check_link(role_map, "a", "p")


def test_purpose_check_finds_each_kind_of_gap() -> None:
    role_map = make_map(
        ("busy", NodeKind.ACTIVITY),
        ("writing", NodeKind.ACTIVITY),
        ("direct", NodeKind.ACTIVITY),
        ("doc", NodeKind.OUTPUT),
        ("orphan-doc", NodeKind.OUTPUT),
        ("goal", NodeKind.OUTCOME),
        ("lonely-goal", NodeKind.OUTCOME),
        links=(("writing", "doc"), ("doc", "goal"), ("busy", "orphan-doc"), ("direct", "goal")),
    )
    report = check_purpose(role_map)
    assert report.unanchored == ("busy",)
    assert report.unaimed == ("orphan-doc",)
    assert report.unsupported == ("lonely-goal",)
    assert report.flagged == {"busy", "orphan-doc", "lonely-goal"}


def test_outcome_fed_only_by_an_orphan_output_is_unsupported() -> None:
    role_map = make_map(
        ("doc", NodeKind.OUTPUT), ("goal", NodeKind.OUTCOME), links=(("doc", "goal"),)
    )
    assert check_purpose(role_map).unsupported == ("goal",)


def test_purpose_findings_are_ranked_by_hours() -> None:
    role_map = make_map(
        ("a", NodeKind.ACTIVITY), ("b", NodeKind.ACTIVITY), ("c", NodeKind.ACTIVITY)
    )
    report = check_purpose(role_map, hours={"b": 5.0, "c": 1.0})
    assert report.unanchored == ("b", "c", "a")


def test_clean_map_reports_nothing() -> None:
    role_map = make_map(("a", NodeKind.ACTIVITY), ("g", NodeKind.OUTCOME), links=(("a", "g"),))
    assert check_purpose(role_map).is_clean()
