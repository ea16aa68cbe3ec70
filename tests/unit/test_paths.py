"""Lines of sight through a node: complete highlight sets, capped sentences."""

from __future__ import annotations

from rolemap.domain import geometry
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.paths import sentence, trace
from rolemap.domain.role_map import RoleMap

A, OUT, C = NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME


def make(nodes: list[tuple[str, NodeKind]], links: list[tuple[str, str]]) -> RoleMap:
    return RoleMap.build(
        Role(id="r", name="R"),
        [Node(i, "r", kind, i, x=geometry.home_x(kind), y=64) for i, kind in nodes],
        [Link(f"{s}>{t}", "r", s, t) for s, t in links],
    )


def test_paths_through_an_output_run_from_activity_to_outcome() -> None:
    role_map = make(
        [
            ("Weekly 1:1s", A),
            ("Mentoring", A),
            ("Growth plans", OUT),
            ("Team retention ≥ 90 %", C),
            ("Email", A),
        ],
        [
            ("Weekly 1:1s", "Growth plans"),
            ("Mentoring", "Growth plans"),
            ("Growth plans", "Team retention ≥ 90 %"),
        ],
    )
    found = trace(role_map, "Growth plans")
    sentences = sorted(sentence(role_map, p) for p in found.paths)
    assert sentences == [
        "Mentoring → Growth plans → Team retention ≥ 90 %",
        "Weekly 1:1s → Growth plans → Team retention ≥ 90 %",
    ]
    assert "Email" not in found.nodes
    assert found.links == frozenset(role_map.links)
    assert not found.truncated


def test_a_lone_node_is_its_own_path() -> None:
    role_map = make([("Email", A)], [])
    found = trace(role_map, "Email")
    assert found.paths == (("Email",),)
    assert found.nodes == frozenset({"Email"})


def test_siblings_are_not_on_the_path() -> None:
    # a → o ← b, o → c: tracing a shows o and c, not b.
    role_map = make(
        [("a", A), ("b", A), ("o", OUT), ("c", C)], [("a", "o"), ("b", "o"), ("o", "c")]
    )
    found = trace(role_map, "a")
    assert found.nodes == frozenset({"a", "o", "c"})
    assert found.links == frozenset({"a>o", "o>c"})
    assert found.paths == (("a", "o", "c"),)


def test_many_paths_are_capped() -> None:
    activities = [(f"a{i}", A) for i in range(30)]
    outcomes = [(f"c{i}", C) for i in range(30)]
    links = [(f"a{i}", "o") for i in range(30)] + [("o", f"c{i}") for i in range(30)]
    role_map = make([*activities, ("o", OUT), *outcomes], links)
    found = trace(role_map, "o", limit=50)
    assert len(found.paths) == 50
    assert found.truncated
    assert len(found.nodes) == 61
