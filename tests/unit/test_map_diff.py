"""The diff of two role maps: what it finds, how a person reads it, and applying it back."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.domain.entities import Category, Link, Node, Role
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.lane_rule import kinds_may_link
from rolemap.domain.map_changes import (
    describe,
    field_change_text,
    role_change_text,
)
from rolemap.domain.map_diff import DiffConflictError, MapDiff, apply_diff, diff
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.snapshot_diff import SnapshotError, snapshot_diff
from rolemap.interchange.snapshot_json import map_from_json, map_to_json


def node(node_id: str, kind: str, title: str, **details: Any) -> Node:
    k = NodeKind(kind)
    return Node(node_id, "r", k, title, "", 0.0, 0.0, {**default_details(k), **details})


def base() -> RoleMap:
    role = Role("r", "Lead", purpose="Grow people", accountabilities=("Hire", "Ship"))
    nodes = [
        node("a1", "activity", "Weekly 1:1s", category="Relationships & trust"),
        node("a2", "activity", "Email", category="Admin & email"),
        node("o1", "output", "Growth plans"),
        node("x1", "outcome", "Retention", target=90.0),
    ]
    links = [Link("l1", "r", "a1", "o1"), Link("l2", "r", "o1", "x1")]
    return RoleMap.build(role, nodes, links)


def edited(role_map: RoleMap, **changes: Any) -> RoleMap:
    return RoleMap(role_map.role, dict(role_map.nodes), dict(role_map.links), **changes)


def test_a_map_against_itself_is_empty() -> None:
    change = diff(base(), base())
    assert change.is_empty()
    assert change == MapDiff()
    assert describe(change, base().nodes, base().nodes).is_empty()


def test_nodes_added_removed_retitled_and_moved_between_categories() -> None:
    before = base()
    after = edited(before)
    after.put_node(node("a3", "activity", "Code reviews", category="Maker's work"))
    del after.nodes["a2"]
    after.put_node(dataclasses.replace(before.nodes["a1"], title="1:1s"))
    after.put_node(
        dataclasses.replace(
            before.nodes["x1"], details={**before.nodes["x1"].details, "target": 95.0}
        )
    )
    after.put_node(
        dataclasses.replace(
            before.nodes["o1"], details={**before.nodes["o1"].details, "clarity": 4}, x=300.0
        )
    )
    change = diff(before, after)
    assert [n.id for n in change.added_nodes] == ["a3"]
    assert [n.id for n in change.removed_nodes] == ["a2"]
    assert {c.id: c.fields for c in change.changed_nodes} == {
        "a1": ("title",),
        "o1": ("x", "details.clarity"),
        "x1": ("details.target",),
    }
    changes = describe(change, before.nodes, after.nodes)
    assert [r.title for r in changes.added_nodes] == ["Code reviews"]
    assert [r.title for r in changes.removed_nodes] == ["Email"]
    assert [e.node.title for e in changes.retitled] == ["1:1s"]
    assert changes.retitled[0].change("title") is not None
    assert field_change_text(changes.retitled[0].changes[0]) == "title ‘Weekly 1:1s’ → ‘1:1s’"
    # Position is not something a person calls a change; the other field is.
    clarity = next(e for e in changes.changed_nodes if e.node.id == "o1")
    assert [c.field for c in clarity.changes] == ["clarity"]
    assert field_change_text(clarity.changes[0]) == "Clarity (1–5) – → 4"
    assert changes.recategorised == ()


def test_an_activity_moved_to_another_category() -> None:
    before = base()
    after = edited(before)
    moved = before.nodes["a2"]
    after.put_node(dataclasses.replace(moved, details={**moved.details, "category": "Other"}))
    change = diff(before, after)
    assert change.changed_nodes[0].categories == ("Admin & email", "Other")
    changes = describe(change, before.nodes, after.nodes)
    assert [e.node.title for e in changes.recategorised] == ["Email"]
    assert field_change_text(changes.recategorised[0].changes[0]) == (
        "Category Admin & email → Other"
    )


def test_a_node_dragged_on_the_canvas_is_counted_not_listed() -> None:
    before = base()
    after = edited(before)
    after.put_node(dataclasses.replace(before.nodes["a1"], x=120.0, y=-40.0))
    change = diff(before, after)
    assert change.changed_nodes[0].layout_only
    assert change.node_status() == {}
    changes = describe(change, before.nodes, after.nodes)
    assert changes.is_empty() and changes.canvas_moves == 1


def test_links_added_removed_and_changed() -> None:
    before = base()
    after = edited(before)
    del after.links["l1"]
    after.put_link(Link("l3", "r", "a2", "x1"))
    after.put_link(dataclasses.replace(before.links["l2"], confidence=0.3, note="a guess"))
    change = diff(before, after)
    assert [k.id for k in change.added_links] == ["l3"]
    assert [k.id for k in change.removed_links] == ["l1"]
    assert change.changed_links[0].fields == ("confidence", "note")
    assert change.link_status() == {"l3": "added", "l1": "removed", "l2": "changed"}
    changes = describe(change, before.nodes, after.nodes)
    assert [r.title for r in changes.added_links] == ["Email → Retention"]
    assert [r.title for r in changes.removed_links] == ["Weekly 1:1s → Growth plans"]
    assert [field_change_text(c) for c in changes.changed_links[0].changes] == [
        "confidence – → 30 %",
        "note changed",
    ]


def test_role_fields_changed() -> None:
    before = base()
    role = dataclasses.replace(
        before.role,
        purpose="Grow people and ship",
        accountabilities=("Hire", "Coach leads"),
        decision_rights=("Hiring decisions",),
        ideal_allocation={"Maker's work": 0.3},
        categories=(*before.role.categories, Category("Ops", "#123456")),
    )
    after = RoleMap(role, dict(before.nodes), dict(before.links))
    change = diff(before, after)
    assert {c.field for c in change.role_changes} == {
        "purpose",
        "accountabilities",
        "decision_rights",
        "ideal_allocation",
        "categories",
    }
    texts = [role_change_text(c) for c in describe(change, before.nodes, after.nodes).role_fields]
    assert texts == [
        "Purpose changed",
        "Accountabilities: added ‘Coach leads’; removed ‘Ship’",
        "Decision rights: added ‘Hiring decisions’",
        "Categories: added ‘Ops (#123456)’",
        "Ideal allocation: Maker's work 0 % → 30 %",
    ]


def test_apply_gives_the_other_map_and_refuses_a_map_it_was_not_made_from() -> None:
    before = base()
    after = edited(before)
    del after.nodes["a2"]
    after.put_node(dataclasses.replace(before.nodes["a1"], title="1:1s"))
    change = diff(before, after)
    assert apply_diff(before, change) == after
    assert before == base()  # left alone
    with pytest.raises(DiffConflictError):
        apply_diff(after, change)  # a2 is not there to remove


# -- the property: apply(A, diff(A, B)) == B ----------------------------------------------------

IDS = [f"n{i}" for i in range(12)]
TITLES = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
NUMBERS = st.floats(-1e6, 1e6, allow_nan=False)


@st.composite
def role_maps(draw: st.DrawFn) -> RoleMap:
    """A role map whose ids come from a small pool, so two draws share some of them."""
    role = Role(
        id="role",
        name=draw(TITLES.filter(bool)),
        purpose=draw(TITLES),
        accountabilities=tuple(draw(st.lists(TITLES, max_size=3))),
        domains=tuple(draw(st.lists(TITLES, max_size=2))),
        decision_rights=tuple(draw(st.lists(TITLES, max_size=2))),
        review_cadence=draw(st.sampled_from(["week", "month", "quarter"])),
        ideal_allocation=draw(st.dictionaries(TITLES, st.floats(0, 1), max_size=3)),
        purposeful_target=draw(st.floats(0, 1)),
        weekly_capacity=draw(st.floats(0, 168)),
        successor_notes=draw(TITLES),
    )
    chosen = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS)))
    nodes = []
    for node_id in chosen:
        kind = (
            LANE_ORDER[IDS.index(node_id) % 4]
            if draw(st.booleans())
            else draw(st.sampled_from(LANE_ORDER))
        )
        details = default_details(kind)
        if kind is NodeKind.ACTIVITY:
            details["category"] = draw(st.sampled_from(["Other", "Maker's work", "Admin & email"]))
            details["planned_hours"] = draw(st.floats(0, 168))
        elif kind is NodeKind.OUTCOME:
            details["target"] = draw(st.none() | NUMBERS)
            details["accountability"] = draw(TITLES)
        nodes.append(
            Node(node_id, "role", kind, draw(TITLES), draw(TITLES), draw(NUMBERS), draw(NUMBERS),
                 details)
        )  # fmt: skip
    pairs = [(a.id, b.id) for a in nodes for b in nodes if kinds_may_link(a.kind, b.kind)]
    picked = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=10)) if pairs else []
    links = [
        Link(
            f"{a}-{b}",
            "role",
            a,
            b,
            draw(st.none() | st.floats(0.01, 10)),
            draw(st.none() | st.floats(0, 1)),
            draw(TITLES),
        )
        for a, b in picked
    ]
    return RoleMap.build(role, nodes, links)


@settings(max_examples=300, deadline=None)
@given(role_maps(), role_maps())
def test_applying_the_diff_of_two_maps_gives_the_second(a: RoleMap, b: RoleMap) -> None:
    change = diff(a, b)
    assert apply_diff(a, change) == b
    assert diff(a, a).is_empty()
    assert diff(b, b).is_empty()
    assert change.is_empty() == (a == b)
    # The person's view never lists more than the diff holds, and layout moves are not listed.
    changes = describe(change, a.nodes, b.nodes)
    assert changes.count + changes.canvas_moves == (
        len(change.added_nodes)
        + len(change.removed_nodes)
        + len(change.changed_nodes)
        + len(change.added_links)
        + len(change.removed_links)
        + len(change.changed_links)
        + len([c for c in change.role_changes if c.field not in ("id", "created")])
    )


@settings(max_examples=200, deadline=None)
@given(role_maps())
def test_a_snapshot_keeps_the_map_exactly(role_map: RoleMap) -> None:
    assert map_from_json(map_to_json(role_map), check_fields=False) == role_map
    assert diff(map_from_json(map_to_json(role_map), check_fields=False), role_map).is_empty()


@settings(max_examples=300, deadline=None)
@given(role_maps(), role_maps())
def test_the_diff_of_two_snapshots_is_the_diff_of_their_maps(a: RoleMap, b: RoleMap) -> None:
    found = snapshot_diff(map_to_json(a), map_to_json(b))
    assert found.diff == diff(a, b)
    assert describe(found.diff, found.before, found.after) == describe(found.diff, a.nodes, b.nodes)


def test_a_snapshot_diff_names_the_damaged_side_and_place() -> None:
    good = map_to_json(base())
    bad = map_to_json(base())
    bad["nodes"][0]["title"] = 7
    with pytest.raises(SnapshotError, match=r"In map\.nodes\[0\]\.title: expected text") as caught:
        snapshot_diff(good, bad)
    assert caught.value.side == "after"
    dangling = map_to_json(base())
    dangling["links"][0]["target"] = "gone"
    with pytest.raises(SnapshotError, match="no node of this map has the id gone") as caught:
        snapshot_diff(dangling, good)
    assert caught.value.side == "before"
    # An item that is the same on both sides is not read: the diff is still right.
    same = snapshot_diff(bad, bad)
    assert same.diff.is_empty()
