"""The plan check on crafted maps: each finding both found and not found."""

from __future__ import annotations

import dataclasses

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.plan_check import PlanFindingKind, balance_gaps, check_plan, reached_by_plan
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan

WEEK = Week(2026, 49)


def crafted(**role: object) -> RoleMap:
    """reviews → docs → delivery; mentoring → delivery; email leads nowhere; hiring → hires."""
    base = Role("r", "Role", weekly_capacity=40.0)
    act = NodeKind.ACTIVITY
    nodes = [
        Node("reviews", "r", act, "Code reviews", details={"category": "Maker's work"}),
        Node("mentoring", "r", act, "Mentoring", details={"category": "Knowledge"}),
        Node("email", "r", act, "Email", details={"category": "Admin"}),
        Node("hiring", "r", act, "Hiring loops", details={"category": "Knowledge"}),
        Node("docs", "r", NodeKind.OUTPUT, "Design docs"),
        Node("hires", "r", NodeKind.OUTPUT, "Hiring decisions"),
        Node("orphan", "r", NodeKind.OUTPUT, "Orphan output"),
        Node("delivery", "r", NodeKind.OUTCOME, "Delivery"),
        Node("lonely", "r", NodeKind.OUTCOME, "Lonely outcome"),
    ]
    links = [
        Link("l1", "r", "reviews", "docs"),
        Link("l2", "r", "docs", "delivery"),
        Link("l3", "r", "mentoring", "delivery"),
        Link("l4", "r", "hiring", "hires"),
    ]
    return RoleMap.build(dataclasses.replace(base, **role), nodes, links)  # type: ignore[arg-type]


def kinds(findings: tuple[object, ...]) -> list[PlanFindingKind]:
    return [f.kind for f in findings]  # type: ignore[attr-defined]


def test_a_sound_plan_has_no_findings() -> None:
    plan = WeekPlan(
        "r", WEEK, {"reviews": 10, "mentoring": 4}, (PlannedOutput("docs"),), ("delivery",)
    )
    assert check_plan(crafted(), plan) == ()


def test_hours_on_an_activity_that_reaches_no_outcome() -> None:
    plan = WeekPlan("r", WEEK, {"reviews": 2, "email": 4, "hiring": 1})
    findings = check_plan(crafted(), plan)
    assert kinds(findings) == [PlanFindingKind.UNANCHORED_HOURS] * 2
    # Ranked by hours: email (4 h) first, then hiring (its output reaches no outcome).
    assert findings[0].node_ids == ("email",) and findings[1].node_ids == ("hiring",)
    assert findings[0].message == "4 h planned on ‘Email’, which reaches no outcome."
    assert check_plan(crafted(), WeekPlan("r", WEEK, {"reviews": 2, "email": 0})) == ()


def test_an_intended_output_no_planned_activity_feeds() -> None:
    plan = WeekPlan("r", WEEK, {"mentoring": 2}, (PlannedOutput("docs"), PlannedOutput("orphan")))
    findings = check_plan(crafted(), plan)
    assert kinds(findings) == [PlanFindingKind.UNFED_OUTPUT] * 2
    assert findings[0].node_ids == ("docs", "reviews")
    assert "plan time on ‘Code reviews’" in findings[0].message
    assert (
        findings[1].message == "‘Orphan output’ is intended, but no activity on the map feeds it."
    )
    fed = WeekPlan("r", WEEK, {"reviews": 2}, (PlannedOutput("docs"),))
    assert check_plan(crafted(), fed) == ()


def test_an_outcome_in_focus_no_planned_hours_reach() -> None:
    plan = WeekPlan("r", WEEK, {"hiring": 0.5}, (), ("delivery", "lonely"))
    findings = [f for f in check_plan(crafted(), plan) if f.kind is PlanFindingKind.UNREACHED_FOCUS]
    assert [f.node_ids[0] for f in findings] == ["delivery", "lonely"]
    assert set(findings[0].node_ids[1:]) == {"reviews", "mentoring"}
    assert "plan time on ‘Code reviews’ or ‘Mentoring’" in findings[0].message
    assert "no activity on the map reaches it" in findings[1].message
    # Through an output counts: reviews → docs → delivery.
    reached = WeekPlan("r", WEEK, {"reviews": 1}, (), ("delivery",))
    assert check_plan(crafted(), reached) == ()
    assert reached_by_plan(crafted(), reached) == {"docs", "delivery"}


def test_a_plan_over_capacity() -> None:
    over = WeekPlan("r", WEEK, {"reviews": 30, "mentoring": 12})
    findings = check_plan(crafted(), over)
    assert kinds(findings) == [PlanFindingKind.OVER_CAPACITY]
    assert findings[0].message == "The plan holds 42 h, 2 h more than the role's 40 h a week."
    assert findings[0].node_ids == ("reviews", "mentoring")
    assert check_plan(crafted(), WeekPlan("r", WEEK, {"reviews": 30, "mentoring": 10})) == ()
    assert check_plan(crafted(weekly_capacity=50.0), over) == ()


def test_a_category_far_from_its_ideal_share() -> None:
    ideal = {"Maker's work": 0.5, "Knowledge": 0.5}
    plan = WeekPlan("r", WEEK, {"reviews": 8, "mentoring": 2})  # 80 % against 50 %
    findings = check_plan(crafted(ideal_allocation=ideal), plan)
    assert kinds(findings) == [PlanFindingKind.OFF_BALANCE] * 2
    assert findings[0].message == "Maker's work gets 80 % of the planned hours; the ideal is 50 %."
    assert findings[0].node_ids == ("reviews",)
    near = WeekPlan("r", WEEK, {"reviews": 6, "mentoring": 4})  # 60 % against 50 %: in tolerance
    assert check_plan(crafted(ideal_allocation=ideal), near) == ()
    assert check_plan(crafted(), plan) == ()  # no ideal allocation, no finding


def test_balance_gaps() -> None:
    assert balance_gaps({}, {"A": 1.0}) == []
    assert balance_gaps({"A": 5.0}, {}) == []
    gaps = balance_gaps({"A": 9.0, "B": 1.0}, {"A": 0.5, "B": 0.3, "C": 0.2})
    assert gaps[0][0] == "A" and {g[0] for g in gaps} == {"A", "B", "C"}  # largest gap first
    assert balance_gaps({"A": 6.0, "B": 4.0}, {"A": 0.5, "B": 0.5}) == []


def test_rows_of_deleted_nodes_are_not_checked() -> None:
    plan = WeekPlan("r", WEEK, {"reviews": 2, "deleted": 60}, (PlannedOutput("gone"),), ("gone",))
    assert check_plan(crafted(), plan) == ()
