"""The plan check: what in a week's plan leads nowhere, like the purpose check for the map.

- planned hours on activities that reach no outcome;
- intended outputs that no planned activity feeds;
- outcomes in focus that no planned hours reach;
- a plan over the role's weekly capacity;
- a category whose planned share is more than `BALANCE_POINTS` from its ideal.

Each finding is a sentence the person reads and the ids of the nodes it is
about (the subject first, then the nodes that would fix it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rolemap.domain.describe import number
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import WeekPlan, category_of, hours_by_category

BALANCE_POINTS = 0.10
"""How far (in shares, 0.10 = 10 points) a category may stray from its ideal share.

Ten points: a 40-hour week moves 4 hours before the check speaks, which is
more than a meeting's worth of noise and less than a day's worth of drift.
"""


class PlanFindingKind(StrEnum):
    """What a plan-check finding is about; the value is what scripts read."""

    UNANCHORED_HOURS = "unanchored-hours"
    UNFED_OUTPUT = "unfed-output"
    UNREACHED_FOCUS = "unreached-focus"
    OVER_CAPACITY = "over-capacity"
    OFF_BALANCE = "off-balance"


@dataclass(frozen=True, slots=True)
class PlanFinding:
    """One thing the plan check says: its kind, the sentence, and the nodes it names."""

    kind: PlanFindingKind
    message: str
    node_ids: tuple[str, ...] = ()


def percent(share: float) -> str:
    """A share as people read it here: "22 %"."""
    return f"{share * 100:.0f} %"


def hours_text(hours: float) -> str:
    """Hours without a needless ".0": "4 h", "2.5 h"."""
    return f"{number(round(hours, 2))} h"


def check_plan(
    role_map: RoleMap, plan: WeekPlan, tolerance: float = BALANCE_POINTS
) -> tuple[PlanFinding, ...]:
    """Every finding about `plan` on `role_map`, in the order of the list above.

    Rows of nodes that are no longer on the map are not read.
    """
    plan = plan.on_map(role_map)
    nodes = role_map.nodes
    planned = {a: h for a, h in plan.hours.items() if h > 0}
    ranked = sorted(planned, key=lambda a: (-planned[a], nodes[a].title.casefold()))
    findings: list[PlanFinding] = []

    anchored = reaching_outcome(role_map)
    for activity_id in ranked:
        if activity_id not in anchored:
            findings.append(
                PlanFinding(
                    PlanFindingKind.UNANCHORED_HOURS,
                    f"{hours_text(planned[activity_id])} planned on ‘{nodes[activity_id].title}’, "
                    "which reaches no outcome.",
                    (activity_id,),
                )
            )

    for intended in plan.outputs:
        feeders = _feeders(role_map, intended.output_id)
        if any(f in planned for f in feeders):
            continue
        title = nodes[intended.output_id].title
        if feeders:
            names = _names(role_map, feeders)
            message = (
                f"‘{title}’ is intended, but no planned activity feeds it: plan time on {names}."
            )
        else:
            message = f"‘{title}’ is intended, but no activity on the map feeds it."
        findings.append(
            PlanFinding(PlanFindingKind.UNFED_OUTPUT, message, (intended.output_id, *feeders))
        )

    reached = _reached(role_map, planned)
    for outcome_id in plan.focus:
        if outcome_id in reached:
            continue
        title = nodes[outcome_id].title
        sources = _activities_reaching(role_map, outcome_id)
        if sources:
            message = (
                f"‘{title}’ is in focus, but no planned hours reach it: plan time on "
                f"{_names(role_map, sources)}."
            )
        else:
            message = f"‘{title}’ is in focus, but no activity on the map reaches it."
        findings.append(
            PlanFinding(PlanFindingKind.UNREACHED_FOCUS, message, (outcome_id, *sources))
        )

    capacity = role_map.role.weekly_capacity
    total = plan.total_hours
    if capacity > 0 and total > capacity + 0.005:
        findings.append(
            PlanFinding(
                PlanFindingKind.OVER_CAPACITY,
                f"The plan holds {hours_text(total)}, {hours_text(total - capacity)} more than "
                f"the role's {hours_text(capacity)} a week.",
                tuple(ranked),
            )
        )

    for name, share, ideal in balance_gaps(
        hours_by_category(role_map, planned), role_map.role.ideal_allocation, tolerance
    ):
        members = tuple(a for a in ranked if category_of(nodes[a]) == name)
        findings.append(
            PlanFinding(
                PlanFindingKind.OFF_BALANCE,
                f"{name} gets {percent(share)} of the planned hours; "
                f"the ideal is {percent(ideal)}.",
                members,
            )
        )
    return tuple(findings)


def balance_gaps(
    category_hours: Mapping[str, float],
    ideal: Mapping[str, float],
    tolerance: float = BALANCE_POINTS,
) -> list[tuple[str, float, float]]:
    """(category, actual share, ideal share) for each category further than `tolerance`
    from its ideal share; nothing when there is no ideal allocation or no hours."""
    total = sum(category_hours.values())
    if total <= 0 or not ideal:
        return []
    gaps = []
    for name in sorted(set(ideal) | set(category_hours)):
        share = category_hours.get(name, 0.0) / total
        target = float(ideal.get(name, 0.0))
        if abs(share - target) > tolerance + 1e-9:
            gaps.append((name, share, target))
    gaps.sort(key=lambda gap: -abs(gap[1] - gap[2]))
    return gaps


def reached_by_plan(role_map: RoleMap, plan: WeekPlan) -> set[str]:
    """Ids of the outputs and outcomes some activity with planned hours leads to."""
    return _reached(role_map, {a: h for a, h in plan.hours.items() if h > 0})


# -- paths ----------------------------------------------------------------------------------


def _reached(role_map: RoleMap, planned: Mapping[str, float]) -> set[str]:
    graph = role_map.successors()
    reached: set[str] = set()
    stack = [a for a in planned if a in graph]
    while stack:
        for target in graph[stack.pop()]:
            if target not in reached:
                reached.add(target)
                stack.append(target)
    return reached


def _feeders(role_map: RoleMap, output_id: str) -> tuple[str, ...]:
    """The activities linked straight to an output (the only way into an output)."""
    found = [
        link.source
        for link in role_map.incoming(output_id)
        if role_map.nodes[link.source].kind is NodeKind.ACTIVITY
    ]
    return tuple(sorted(found, key=lambda i: role_map.nodes[i].title.casefold()))


def _activities_reaching(role_map: RoleMap, outcome_id: str) -> tuple[str, ...]:
    """The activities with a path to an outcome (straight, or through an output)."""
    sources: set[str] = set()
    for link in role_map.incoming(outcome_id):
        node = role_map.nodes[link.source]
        if node.kind is NodeKind.ACTIVITY:
            sources.add(node.id)
        elif node.kind is NodeKind.OUTPUT:
            sources.update(_feeders(role_map, node.id))
    return tuple(sorted(sources, key=lambda i: role_map.nodes[i].title.casefold()))


def _names(role_map: RoleMap, node_ids: tuple[str, ...], most: int = 3) -> str:
    titles = [f"‘{role_map.nodes[i].title}’" for i in node_ids[:most]]
    if len(node_ids) > most:
        titles.append(f"{len(node_ids) - most} more")
    if len(titles) == 1:
        return titles[0]
    return f"{', '.join(titles[:-1])} or {titles[-1]}"
