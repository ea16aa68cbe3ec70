"""The evidence of each review question on crafted data: each finding present, and absent."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.review_evidence import (
    CheckPoint,
    Evidence,
    PeriodFacts,
    gather_evidence,
    track,
    weak_flows,
)
from rolemap.domain.review_suggestions import review_suggestions
from rolemap.domain.role_map import RoleMap

FIRST, LAST = dt.date(2026, 11, 2), dt.date(2026, 11, 15)  # two weeks


def node(node_id: str, kind: str, title: str, **details: Any) -> Node:
    k = NodeKind(kind)
    return Node(node_id, "r", k, title, "", 0.0, 0.0, {**default_details(k), **details})


def crafted(**role_fields: Any) -> RoleMap:
    """Four activities, two outputs, four outcomes; one weak link, one activity unlinked."""
    fields: dict[str, Any] = {
        "created": "2026-09-01",
        "accountabilities": ("Grow the team", "Hire", "Budget"),
        "ideal_allocation": {
            "Relationships & trust": 0.5,
            "Maker's work": 0.3,
            "Admin & email": 0.2,
        },
        **role_fields,
    }
    role = Role("r", "Lead", **fields)
    nodes = [
        node("A", "activity", "Weekly 1:1s", category="Relationships & trust", planned_hours=2.0),
        node("B", "activity", "Email", category="Admin & email", planned_hours=1.0),
        node("C", "activity", "Code reviews", category="Maker's work", planned_hours=3.0),
        node("D", "activity", "Hiring loops", category="Other"),
        node("O1", "output", "Growth plans"),
        node("O2", "output", "Merged changes"),
        node(
            "X", "outcome", "Retention", baseline=80.0, target=90.0, due="2027-09-01",
            unit="%", accountability="Grow the team",
        ),
        node(
            "Y", "outcome", "Lead time", baseline=10.0, target=2.0, due="2026-12-01",
            direction="down", accountability="Ship fast",
        ),
        node("Z", "outcome", "Hires made", accountability="Hire"),
        node("W", "outcome", "Offers accepted", accountability="  hire "),
    ]  # fmt: skip
    links = [
        Link("A-O1", "r", "A", "O1"),
        Link("O1-X", "r", "O1", "X"),
        Link("C-O2", "r", "C", "O2", confidence=0.3),
        Link("O2-Y", "r", "O2", "Y"),
        Link("D-Z", "r", "D", "Z"),
    ]
    return RoleMap.build(role, nodes, links)


def facts(**changes: Any) -> PeriodFacts:
    values: dict[str, Any] = {
        "activity_hours": {"A": 5.0, "B": 8.0, "C": 6.0},
        "category_hours": {"Relationships & trust": 5.0, "Admin & email": 8.0, "Maker's work": 6.0},
        "deliveries": {"O1": 2},
        "checkins": {
            "X": [CheckPoint("2026-10-30", 82.0), CheckPoint("2026-11-13", 85.0)],
            "Y": [CheckPoint("2026-11-13", 9.5)],
        },
        "first_checkin": {"X": dt.date(2026, 10, 1), "Y": dt.date(2026, 11, 1)},
    }
    values.update(changes)
    return PeriodFacts(FIRST, LAST, **values)


def evidence(role_map: RoleMap | None = None, **changes: Any) -> Evidence:
    return gather_evidence(role_map or crafted(), facts(**changes))


# -- question 1 ------------------------------------------------------------------------------


def test_activities_planned_against_actual_hours_ranked_by_hours() -> None:
    rows = {a.id: a for a in evidence().activities}
    assert [a.id for a in evidence().activities] == ["B", "C", "A", "D"]
    assert rows["A"].planned_hours == pytest.approx(4.0)  # 2 h a week × two weeks
    assert rows["A"].hours == 5.0
    assert rows["D"].planned_hours == 0.0 and rows["D"].hours == 0.0


def test_deliveries_of_the_outputs_an_activity_feeds_and_its_yield() -> None:
    rows = {a.id: a for a in evidence().activities}
    assert rows["A"].outputs == ("O1",) and rows["A"].deliveries == 2
    assert rows["A"].yield_per_10h == pytest.approx(4.0)  # 2 deliveries in 5 h
    assert rows["C"].yield_per_10h == 0.0  # hours, an output, nothing delivered
    assert rows["B"].yield_per_10h is None  # feeds no output
    assert rows["D"].yield_per_10h is None  # no output (it feeds an outcome directly)


def test_output_yield_is_deliveries_per_10_hours_that_reached_it() -> None:
    outputs = {o.id: o for o in evidence().outputs}
    assert outputs["O1"].hours_in == pytest.approx(5.0)
    assert outputs["O1"].yield_per_10h == pytest.approx(4.0)
    assert outputs["O2"].yield_per_10h == 0.0
    idle = evidence(activity_hours={})
    assert all(o.yield_per_10h is None for o in idle.outputs)


def test_activities_with_hours_and_nothing_delivered_downstream() -> None:
    assert [a.title for a in evidence().idle_activities] == ["Email", "Code reviews"]
    delivered = evidence(deliveries={"O1": 2, "O2": 1}, activity_hours={"A": 5.0, "C": 6.0})
    assert delivered.idle_activities == ()


# -- question 2 ------------------------------------------------------------------------------


def test_outcomes_hours_deliveries_and_check_ins_at_start_and_end() -> None:
    outcomes = {o.id: o for o in evidence().outcomes}
    x = outcomes["X"]
    assert x.hours == pytest.approx(5.0) and x.deliveries == 2
    assert x.start == CheckPoint("2026-10-30", 82.0) and x.end == CheckPoint("2026-11-13", 85.0)
    assert (x.baseline, x.target, x.due) == (80.0, 90.0, "2027-09-01")
    assert outcomes["Z"].start is None and outcomes["Z"].end is None
    assert [o.id for o in evidence().outcomes][:2] == ["Y", "X"]  # most hours first


def test_on_track_against_a_straight_line_from_baseline_to_target() -> None:
    outcomes = {o.id: o for o in evidence().outcomes}
    # The line starts at the role's creation (1 Sep 2026): 73 of 365 days gone by 13 Nov.
    assert outcomes["X"].expected == pytest.approx(82.0)
    assert outcomes["X"].on_track is True
    # Lower is better: 9.5 on 13 Nov against a line that should be near 3.6 by then.
    assert outcomes["Y"].expected == pytest.approx(10 - 8 * 73 / 91)
    assert outcomes["Y"].on_track is False
    assert outcomes["Z"].on_track is None  # no baseline, target, due date or check-in


def test_behind_and_ahead_with_the_line_and_without_enough_to_tell() -> None:
    point = CheckPoint("2026-07-01", 50.0)
    begun = dt.date(2026, 1, 1)
    assert track(0.0, 100.0, begun, "2026-12-31", point, "up") == (pytest.approx(49.7, 0.01), True)
    assert track(0.0, 100.0, begun, "2026-12-31", CheckPoint("2026-07-01", 40.0), "up")[1] is False
    assert track(100.0, 0.0, begun, "2026-12-31", CheckPoint("2026-07-01", 40.0), "down")[1]
    # Past the due date the line stands at the target.
    assert track(0.0, 10.0, begun, "2026-02-01", CheckPoint("2026-07-01", 9.0), "up") == (
        10.0,
        False,
    )
    assert track(0.0, 10.0, begun, "not a date", point, "up") == (None, None)
    # A role with no creation date and an outcome never checked in: no line to compare with.
    x = {o.id: o for o in evidence(crafted(created=""), first_checkin={}).outcomes}["X"]
    assert x.on_track is None and x.expected is None


def test_hours_on_weak_links() -> None:
    found = evidence()
    assert found.weak_hours == pytest.approx(6.0)
    assert {o.id: o.weak_hours for o in found.outcomes}["Y"] == pytest.approx(6.0)
    assert [(w.id, w.hours) for w in found.weak_links] == [("C-O2", pytest.approx(6.0))]


def test_no_weak_hours_at_exactly_half_confidence_or_without_one() -> None:
    role_map = crafted()
    for confidence in (0.5, None, 0.9):
        role_map.put_link(dataclasses.replace(role_map.links["C-O2"], confidence=confidence))
        found = evidence(role_map)
        assert found.weak_hours == 0.0 and found.weak_links == ()


def test_a_weak_second_step_and_a_weak_share_of_an_activity() -> None:
    role_map = crafted()
    role_map.put_link(dataclasses.replace(role_map.links["C-O2"], confidence=None))
    role_map.put_link(dataclasses.replace(role_map.links["O1-X"], confidence=0.2))
    role_map.put_link(Link("A-Y", "r", "A", "Y", confidence=0.4))  # A splits 5 h: 2.5 each way
    weak_in, along = weak_flows(role_map, {"A": 5.0, "C": 6.0})
    assert weak_in == {"X": pytest.approx(2.5), "Y": pytest.approx(2.5)}
    assert along["O1-X"] == pytest.approx(2.5) and along["C-O2"] == pytest.approx(6.0)


# -- question 3 ------------------------------------------------------------------------------


def test_unanchored_activities_ranked_by_hours_and_outcomes_without_hours() -> None:
    role_map = crafted()
    role_map.put_node(node("E", "activity", "Status meetings"))
    found = evidence(role_map, activity_hours={"A": 5.0, "B": 8.0, "C": 6.0, "E": 9.0})
    assert [(r.title, r.hours) for r in found.unanchored] == [
        ("Status meetings", 9.0),
        ("Email", 8.0),
    ]
    assert [r.title for r in found.unfed_outcomes] == ["Hires made", "Offers accepted"]
    linked = crafted()
    linked.put_link(Link("B-Z", "r", "B", "Z"))
    linked.put_link(Link("D-W", "r", "D", "W"))
    fed = evidence(linked, activity_hours={"A": 5.0, "B": 8.0, "C": 6.0, "D": 1.0})
    assert fed.unanchored == () and fed.unfed_outcomes == ()


def test_the_biggest_gap_between_ideal_and_actual_allocation() -> None:
    gap = evidence().biggest_gap
    assert gap is not None and gap.category == "Relationships & trust"
    assert gap.actual == pytest.approx(5 / 19) and gap.gap == pytest.approx(5 / 19 - 0.5)
    assert evidence(crafted(ideal_allocation={})).biggest_gap is None
    assert evidence(category_hours={}).allocation == ()


def test_neglected_unserved_and_unknown_accountabilities() -> None:
    rows = {a.name: a for a in evidence().accountabilities}
    assert rows["Grow the team"].status == "served" and rows["Grow the team"].hours == 5.0
    assert rows["Hire"].status == "neglected"
    assert rows["Hire"].outcomes == ("Hires made", "Offers accepted")  # "  hire " names it too
    assert rows["Budget"].status == "unserved"
    assert rows["Ship fast"].status == "unknown" and rows["Ship fast"].outcomes == ("Lead time",)
    served = evidence(activity_hours={"A": 5.0, "D": 2.0})
    assert {a.name: a.status for a in served.accountabilities}["Hire"] == "served"
    assert served.neglected == ()


def test_suggestions_name_each_finding() -> None:
    texts: dict[str, str] = {}
    for suggestion in review_suggestions(evidence()):
        texts[suggestion.kind] = texts.get(suggestion.kind, "") + suggestion.text
    assert "‘Email’ took 8 h and leads to no outcome" in texts["unanchored"]
    assert texts["unfed"] == (
        "No time reached ‘Hires made’ in this period."
        "No time reached ‘Offers accepted’ in this period."
    )
    assert "Relationships & trust got 26 % of the time against an ideal 50 %" in texts["allocation"]
    assert "24 points under" in texts["allocation"]
    assert (
        "‘Hire’" in texts["neglected"] and "‘Hires made’, ‘Offers accepted’" in texts["neglected"]
    )
    assert "‘Budget’" in texts["unserved"]
    assert "‘Lead time’ names the accountability ‘Ship fast’" in texts["unknown"]


def test_no_suggestion_when_nothing_stands_out() -> None:
    role = Role("r", "Lead", accountabilities=("Grow the team",), ideal_allocation={"Other": 1.0})
    role_map = RoleMap.build(
        role,
        [
            node("A", "activity", "1:1s"),
            node("O", "output", "Plans"),
            node("X", "outcome", "Retention", accountability="Grow the team"),
        ],
        [Link("A-O", "r", "A", "O"), Link("O-X", "r", "O", "X")],
    )
    found = gather_evidence(
        role_map,
        PeriodFacts(FIRST, LAST, {"A": 3.0}, {"Other": 3.0}, {"O": 1}),
    )
    assert review_suggestions(found) == []
    assert found.purposeful_share == 1.0


def test_outcomes_without_time_are_not_suggested_when_nothing_was_tracked() -> None:
    found = evidence(activity_hours={}, category_hours={})
    assert found.purposeful_share is None
    assert "unfed" not in {s.kind for s in review_suggestions(found)}


def test_long_lists_are_capped_and_counted() -> None:
    role_map = crafted()
    hours = {}
    for i in range(6):
        role_map.put_node(node(f"U{i}", "activity", f"Busy {i}"))
        hours[f"U{i}"] = 10.0 + i
    texts = [s.text for s in review_suggestions(evidence(role_map, activity_hours=hours))]
    unanchored = [t for t in texts if "leads to no outcome" in t]
    assert len(unanchored) == 3 and "Busy 5" in unanchored[0]
    assert "… and 3 more unanchored activities." in texts
