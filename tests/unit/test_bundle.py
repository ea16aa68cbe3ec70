"""RoleBundle.rekeyed: fresh ids where the database has them, every reference moved along.

A role's history names its nodes in many places: records, rules, plans,
actions, and the snapshots and figures its finished reviews keep. An import
that gives a node a fresh id must move every one of them, or an old review
would see every node removed and added again.
"""

from __future__ import annotations

import datetime as dt
import itertools

from rolemap.domain.checklist_items import OWN_ITEM, StoredItem
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.map_changes import LinkRef, MapChanges, NodeRef
from rolemap.domain.review import ActionStatus, Review, ReviewAction
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_rows import ActivityRow, Ranked, WeakLink
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule
from rolemap.domain.tracking import TimeEntry
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.plan_json import PlanData
from rolemap.interchange.review_json import ReviewRecord

DAY = dt.date(2026, 10, 1)


def _map(role_id: str, nodes: dict[str, NodeKind], links: dict[str, tuple[str, str]]) -> RoleMap:
    role = Role(role_id, "R")
    return RoleMap.build(
        role,
        (Node(i, role_id, kind, i.upper()) for i, kind in nodes.items()),
        (Link(i, role_id, s, t) for i, (s, t) in links.items()),
    )


def _bundle() -> RoleBundle:
    """Role r: activity a → output o (link l). Its first review's map also had node z (deleted
    since) and link m (a → z); an action is about z."""
    now = {"a": NodeKind.ACTIVITY, "o": NodeKind.OUTPUT}
    then = {**now, "z": NodeKind.OUTPUT}
    evidence = Evidence(
        DAY,
        DAY,
        activities=(ActivityRow("a", "A", "Other", 1.0, 2.0, ("o", "z"), 0, False),),
        weak_links=(WeakLink("m", "A", "Z", 0.2, 1.0),),
        unanchored=(Ranked("a", "A", 2.0),),
        changes=MapChanges(
            removed_nodes=(NodeRef("z", "output", "Z"),),
            added_links=(LinkRef("l", NodeRef("a", "activity", "A"), NodeRef("o", "output", "O")),),
        ),
    )
    first = Review("v1", "r", DAY, DAY, "2026-10-02T00:00:00Z", "2026-10-02T00:00:00Z")
    second = Review("v2", "r", DAY.replace(day=2), DAY.replace(day=2), "s", "f")
    return RoleBundle(
        _map("r", now, {"l": ("a", "o")}),
        time_entries=[TimeEntry("e", "a", 10**9, 60)],
        rules=[TimeRule(RuleField.TITLE, RuleHow.TEXT, "x", "a")],
        reviews=[
            ReviewRecord(first, evidence, _map("r", then, {"l": ("a", "o"), "m": ("a", "z")})),
            ReviewRecord(second, None, _map("r", then, {"l": ("a", "o")})),
        ],
        actions=[
            ReviewAction("act", "r", "v1", "Drop z", "z", ActionStatus.DONE, "v2"),
            ReviewAction("act2", "r", "v2", "Keep a", "a"),
        ],
        plans=PlanData(
            [WeekPlan("r", Week.named("2026-W40"), {"a": 3.0}, (PlannedOutput("o", 1),), ())],
            [StoredItem("c", "r", "2026-Q4", OWN_ITEM, "Mine")],
        ),
    )


def _fresh() -> itertools.count[int]:
    return itertools.count(1)


def test_nothing_taken_is_the_bundle_itself() -> None:
    bundle = _bundle()
    assert bundle.rekeyed(set()) == (bundle, 0)


def test_every_reference_follows_its_node_and_a_taken_mention_gets_one_fresh_id() -> None:
    bundle = _bundle()
    numbers = _fresh()
    moved, changed = bundle.rekeyed({"a", "z", "c", "v1"}, lambda: f"new{next(numbers)}")
    assert changed == 4  # a, v1 and c are rows; z is only mentioned
    a = moved.role_map.nodes[next(i for i, n in moved.role_map.nodes.items() if n.title == "A")].id
    assert a.startswith("new") and set(moved.role_map.nodes) == {a, "o"}
    assert moved.role_map.links["l"].source == a
    assert moved.time_entries[0].activity_id == a and moved.rules[0].activity_id == a
    assert set(moved.plans.plans[0].hours) == {a}
    assert moved.plans.items[0].id.startswith("new") and moved.plans.items[0].role_id == "r"
    first, second = moved.reviews
    assert first.review.id.startswith("new") and second.review.id == "v2"
    z = next(i for i, n in first.snapshot.nodes.items() if n.title == "Z")  # type: ignore[union-attr]
    assert z.startswith("new")
    for snapshot in (first.snapshot, second.snapshot):
        assert snapshot is not None and set(snapshot.nodes) == {a, "o", z}
        assert snapshot.links["l"].source == a
    assert first.snapshot.links["m"].target == z  # type: ignore[union-attr]
    evidence = first.evidence
    assert evidence is not None and evidence.changes is not None
    assert evidence.activities[0].id == a and evidence.activities[0].outputs == ("o", z)
    assert evidence.unanchored[0].id == a and evidence.weak_links[0].id == "m"
    assert evidence.changes.removed_nodes[0].id == z
    assert evidence.changes.added_links[0].source.id == a
    done, kept = moved.actions
    assert (done.review_id, done.node_id, done.closed_in) == (first.review.id, z, "v2")
    assert (kept.review_id, kept.node_id) == ("v2", a)


def test_a_taken_id_only_history_names_is_moved_too() -> None:
    """The deleted node z is now another role's: the first review's map and the action about
    z move to a fresh id, though no row of the bundle changes."""
    moved, changed = _bundle().rekeyed({"z"}, lambda: "Z2")
    assert changed == 1
    first, second = moved.reviews
    assert first.snapshot is not None and second.snapshot is not None
    assert set(first.snapshot.nodes) == set(second.snapshot.nodes) == {"a", "o", "Z2"}
    assert moved.actions[0].node_id == "Z2"
    assert first.evidence is not None and first.evidence.activities[0].outputs == ("o", "Z2")


def test_a_new_role_id_reaches_everything_the_role_owns() -> None:
    moved, _ = _bundle().rekeyed({"r"}, lambda: "R2")
    assert moved.role_map.role.id == "R2"
    assert all(n.role_id == "R2" for n in moved.role_map.nodes.values())
    for record in moved.reviews:
        assert record.review.role_id == "R2"
        assert record.snapshot is not None and record.snapshot.role.id == "R2"
        assert all(n.role_id == "R2" for n in record.snapshot.nodes.values())
    assert {a.role_id for a in moved.actions} == {"R2"}
    assert moved.plans.plans[0].role_id == "R2" and moved.plans.items[0].role_id == "R2"


def test_one_id_for_a_node_and_a_review_gives_each_its_own() -> None:
    """Ids of different kinds may repeat in a file; each reference follows its own kind."""
    bundle = _bundle()
    bundle.reviews[1] = ReviewRecord(
        Review("a", "r", DAY.replace(day=2), DAY.replace(day=2), "s", "f")
    )
    bundle.actions = [ReviewAction("act", "r", "a", "About a", "a")]
    numbers = _fresh()
    moved, _ = bundle.rekeyed(set(), lambda: f"new{next(numbers)}")
    node = next(i for i, n in moved.role_map.nodes.items() if n.title == "A")
    review = moved.reviews[1].review.id
    assert node != review
    assert (moved.actions[0].review_id, moved.actions[0].node_id) == (review, node)


def test_mentions_are_what_only_history_names() -> None:
    assert _bundle().mentions() == {"a", "o", "z", "l", "m"}
