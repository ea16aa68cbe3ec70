"""Role maps for the map format tests: random ones (hypothesis) and one with every awkward title."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.lane_rule import kinds_may_link
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.import_draft import ImportPreview

# Characters that break one format or another, and words that are keywords in one.
TRICKY = ['"', "'", "#", "end", "`", "[", "]", "<", ">", "&", "\\", "*", "_", "|", "{", "}"]
TRICKY += [
    "→",
    "-> ",
    "- ",
    "1. ",
    "2) ",
    "node",
    "subgraph",
    "%%",
    "==",
    ";",
    ":",
    "é",
    "日本",
    "🙂",
]
TRICKY += ["Outputs", "activity", "notes: x", "category: y"]
# No control characters (the readers remove them) and nothing XML cannot carry.
LETTERS = st.characters(exclude_categories=("Cc", "Cs", "Cn"))
TITLES = (
    st.lists(st.one_of(st.text(LETTERS, max_size=6), st.sampled_from(TRICKY)), max_size=6)
    .map("".join)
    .map(str.strip)
    .filter(bool)
)
LINES = st.text(LETTERS, max_size=20).map(str.rstrip)
# The domain keeps dates between 1970 and 2099.
DUES = st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)).map(dt.date.isoformat)
NOTES = st.lists(LINES, max_size=3).map("\n".join).map(str.strip)


@st.composite
def role_maps(draw: st.DrawFn) -> RoleMap:
    """A map with unique titles (the outline links by title), distinct y, valid links."""
    kinds = draw(st.lists(st.sampled_from(LANE_ORDER), max_size=10))
    titles = draw(st.lists(TITLES, min_size=len(kinds), max_size=len(kinds), unique=True))
    ys = draw(st.permutations(range(len(kinds))))
    role = Role(id="role", name=draw(TITLES), purpose=draw(NOTES))
    nodes = []
    for i, (kind, title, y) in enumerate(zip(kinds, titles, ys, strict=True)):
        details = default_details(kind)
        if kind is NodeKind.ACTIVITY:
            details["planned_hours"] = draw(st.floats(0, 168))
            details["category"] = draw(st.sampled_from(["Maker's work", "Other", "Ops: #1"]))
        if kind is NodeKind.OUTPUT:
            details["clarity"] = draw(st.none() | st.integers(1, 5))
            details["hands_on"] = draw(st.booleans())
        if kind is NodeKind.OUTCOME:
            details["target"] = draw(st.none() | st.floats(-1e9, 1e9))
            details["due"] = draw(st.none() | DUES)
            details["direction"] = draw(st.sampled_from(["up", "down"]))
            details["metric"] = draw(TITLES)
        notes = draw(NOTES)
        nodes.append(Node(f"node-{i}", "role", kind, title, notes, 0.0, y * 50.0, details))
    pairs = [(a.id, b.id) for a in nodes for b in nodes if kinds_may_link(a.kind, b.kind)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=12)) if pairs else []
    links = [Link(f"link-{i}", "role", a, b) for i, (a, b) in enumerate(chosen)]
    return RoleMap.build(role, nodes, links)


def shape(role_map: RoleMap) -> tuple[dict[NodeKind, list[str]], set[tuple[Any, Any]]]:
    """Titles per lane in order, and links as (kind, row) pairs: what a round trip keeps."""
    rows = {n.id: (k, i) for k in LANE_ORDER for i, n in enumerate(role_map.nodes_of(k))}
    lanes = {k: [n.title for n in role_map.nodes_of(k)] for k in LANE_ORDER}
    return lanes, {(rows[k.source], rows[k.target]) for k in role_map.links.values()}


def details_by_title(role_map: RoleMap) -> dict[str, dict[str, Any]]:
    return {n.title: dict(n.details) for n in role_map.nodes.values()}


def assert_fresh(preview: ImportPreview, original: RoleMap) -> None:
    old = set(original.nodes) | set(original.links) | {original.role.id}
    new = set(preview.role_map.nodes) | set(preview.role_map.links) | {preview.role_map.role.id}
    assert not old & new


def sample_map() -> RoleMap:
    """A small map whose titles trip each format: quotes, `#`, `end`, `<`, backslashes, `1.`."""
    role = Role(id="r", name='Eng "lead" # 1', purpose="Grow people.\n- and ship")
    specs: list[tuple[NodeKind, str, dict[str, Any]]] = [
        (NodeKind.INPUT, "Company values <core>", {}),
        (NodeKind.ACTIVITY, 'Weekly "1:1s" #team', {"planned_hours": 6.0}),
        (NodeKind.ACTIVITY, "end", {"category": "Maker's work", "planned_hours": 2.5}),
        (NodeKind.OUTPUT, "- [x] Guide\\path & `code`", {"clarity": 4, "hands_on": False}),
        (NodeKind.OUTCOME, "subgraph", {"target": 10.0, "direction": "down"}),
        (NodeKind.OUTCOME, "1. Team health", {"due": "2024-06-30"}),
    ]
    nodes = [
        Node(f"id-{i}", "r", kind, title, "", 0.0, i * 10.0, {**default_details(kind), **extra})
        for i, (kind, title, extra) in enumerate(specs)
    ]
    links = [
        Link("l1", "r", "id-0", "id-1"),
        Link("l2", "r", "id-1", "id-3"),
        Link("l3", "r", "id-3", "id-4"),
        Link("l4", "r", "id-2", "id-5", weight=0.5, confidence=0.8, note="a guess"),
    ]
    return RoleMap.build(role, nodes, links)
