"""A week's plan beside what happened: planned vs actual hours, intended vs delivered, check-ins.

`week_report` is pure: the caller (services/week_plan.py) reads the actual
figures from `store.figures` and hands them in, so the Plan view, the command
line and the printed week show one answer. `WeekResult` is a week kept as
history (a plan and its actual totals), which reviews and the dashboard's
"plan vs actual" chart read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from rolemap.domain.attribution import attribute
from rolemap.domain.kinds import NodeKind
from rolemap.domain.plan_check import PlanFinding, check_plan
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn
from rolemap.domain.week_plan import Week, WeekPlan, category_of, planned_hours_of


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """One activity's week: planned and actual hours (`usual` is its planned hours a week)."""

    activity_id: str
    title: str
    category: str
    colour: str
    planned_hours: float
    actual_hours: float
    usual_hours: float

    @property
    def left_hours(self) -> float:
        """Planned hours not yet spent (0 once the plan is met)."""
        return max(0.0, self.planned_hours - self.actual_hours)


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """A category's planned and actual hours, its planned share and its ideal share."""

    name: str
    colour: str
    planned_hours: float
    actual_hours: float
    planned_share: float | None
    ideal_share: float | None


@dataclass(frozen=True, slots=True)
class OutputLine:
    """An intended output: how many deliveries were intended and how many came this week.

    `feeders` are the titles of the activities linked to it that have planned hours.
    """

    output_id: str
    title: str
    intended: int
    delivered: int
    by_day: dt.date | None
    hands_on: bool
    feeders: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        """Whether the intended deliveries all came."""
        return self.delivered >= self.intended


@dataclass(frozen=True, slots=True)
class FocusLine:
    """An outcome in focus: check-ins this week, the latest one, the planned hours reaching it."""

    outcome_id: str
    title: str
    checkins: int
    latest: CheckIn | None
    unit: str
    target: float | None
    planned_hours: float

    @property
    def checkin_due(self) -> bool:
        """An outcome in focus with no check-in this week has one due."""
        return self.checkins == 0


@dataclass(frozen=True, slots=True)
class WeekReport:
    """Everything the Plan view, `rolemap plan show` and the printed week show about a week.

    `stored` is False for a week without a plan: `plan` is then the prefill.
    `activities` lists every activity of the map (top to bottom);
    `categories` every category with hours planned or spent, or an ideal share.
    """

    role_name: str
    role_purpose: str
    week: Week
    plan: WeekPlan
    stored: bool
    capacity: float
    activities: tuple[ActivityLine, ...]
    categories: tuple[CategoryLine, ...]
    outputs: tuple[OutputLine, ...]
    focus: tuple[FocusLine, ...]
    findings: tuple[PlanFinding, ...]
    today: dt.date | None = None

    @property
    def planned_hours(self) -> float:
        """Every planned hour on the map's activities."""
        return round(sum(a.planned_hours for a in self.activities), 2)

    @property
    def actual_hours(self) -> float:
        """Every hour spent this week, planned or not."""
        return round(sum(a.actual_hours for a in self.activities), 2)

    @property
    def planned_lines(self) -> tuple[ActivityLine, ...]:
        """The activities with hours planned or spent (what a page prints)."""
        return tuple(a for a in self.activities if a.planned_hours > 0 or a.actual_hours > 0)


def week_report(
    role_map: RoleMap,
    plan: WeekPlan,
    *,
    stored: bool,
    activity_seconds: Mapping[str, int],
    deliveries: Mapping[str, int],
    checkins: Mapping[str, int],
    latest: Mapping[str, CheckIn],
    today: dt.date | None = None,
) -> WeekReport:
    """Put a week's plan beside its figures.

    Args:
        role_map: the role's map.
        plan: the stored plan, or the prefill (`stored` False).
        activity_seconds: activity id → seconds spent in the week (running timer included).
        deliveries: output id → deliveries dated in the week.
        checkins: outcome id → check-ins dated in the week.
        latest: outcome id → its latest check-in up to the week's end.
        today: the day the report is made (the printed page shows it).
    """
    plan = plan.on_map(role_map)
    role = role_map.role
    activities = tuple(
        ActivityLine(
            node.id,
            node.title,
            category_of(node),
            role.category_colour(category_of(node)),
            plan.hours.get(node.id, 0.0),
            round(activity_seconds.get(node.id, 0) / 3600, 4),
            planned_hours_of(node),
        )
        for node in role_map.nodes_of(NodeKind.ACTIVITY)
    )
    planned_ids = {a for a, h in plan.hours.items() if h > 0}
    outputs = []
    for intended in plan.outputs:
        node = role_map.nodes[intended.output_id]
        feeders = sorted(
            role_map.nodes[link.source].title
            for link in role_map.incoming(node.id)
            if link.source in planned_ids
        )
        outputs.append(
            OutputLine(
                node.id,
                node.title,
                intended.count,
                deliveries.get(node.id, 0),
                intended.by_day,
                node.detail("hands_on") is not False,
                tuple(feeders),
            )
        )
    reaching = attribute(role_map, plan.hours).outcome_hours
    focus = []
    for outcome_id in plan.focus:
        node = role_map.nodes[outcome_id]
        target = node.detail("target")
        focus.append(
            FocusLine(
                node.id,
                node.title,
                checkins.get(node.id, 0),
                latest.get(node.id),
                str(node.detail("unit") or ""),
                float(target) if isinstance(target, int | float) else None,
                round(reaching.get(node.id, 0.0), 2),
            )
        )
    return WeekReport(
        role_name=role.name,
        role_purpose=role.purpose,
        week=plan.week,
        plan=plan,
        stored=stored,
        capacity=role.weekly_capacity,
        activities=activities,
        categories=_categories(role_map, activities),
        outputs=tuple(outputs),
        focus=tuple(focus),
        findings=check_plan(role_map, plan),
        today=today,
    )


def _categories(
    role_map: RoleMap, activities: tuple[ActivityLine, ...]
) -> tuple[CategoryLine, ...]:
    role = role_map.role
    planned: dict[str, float] = {}
    actual: dict[str, float] = {}
    for line in activities:
        planned[line.category] = planned.get(line.category, 0.0) + line.planned_hours
        actual[line.category] = actual.get(line.category, 0.0) + line.actual_hours
    total = sum(planned.values())
    names = [c.name for c in role.categories]
    names += sorted(set(planned) - set(names))
    lines = []
    for name in names:
        ideal = role.ideal_allocation.get(name)
        hours, spent = planned.get(name, 0.0), actual.get(name, 0.0)
        if hours <= 0 and spent <= 0 and not ideal:
            continue
        lines.append(
            CategoryLine(
                name,
                role.category_colour(name),
                round(hours, 2),
                round(spent, 4),
                hours / total if total > 0 else None,
                float(ideal) if ideal is not None else None,
            )
        )
    return tuple(lines)


# -- history --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekResult:
    """A planned week's result: per activity planned and actual hours, per intended output
    the deliveries intended and made. Actual hours cover every activity of the role."""

    week: Week
    planned: Mapping[str, float] = field(default_factory=dict)
    actual: Mapping[str, float] = field(default_factory=dict)
    intended: Mapping[str, int] = field(default_factory=dict)
    delivered: Mapping[str, int] = field(default_factory=dict)

    @property
    def planned_total(self) -> float:
        """Every planned hour."""
        return round(sum(self.planned.values()), 2)

    @property
    def actual_total(self) -> float:
        """Every hour spent in the week."""
        return round(sum(self.actual.values()), 4)

    @property
    def intended_total(self) -> int:
        """Every intended delivery."""
        return sum(self.intended.values())

    @property
    def delivered_total(self) -> int:
        """Intended deliveries that came (an output delivered more often than intended
        counts only as often as intended)."""
        return sum(min(self.delivered.get(o, 0), n) for o, n in self.intended.items())


def week_result(
    role_map: RoleMap,
    plan: WeekPlan,
    activity_seconds: Mapping[str, int],
    deliveries: Mapping[str, int],
) -> WeekResult:
    """A planned week's result from its figures (seconds per activity, deliveries per output)."""
    plan = plan.on_map(role_map)
    intended = {o.output_id: o.count for o in plan.outputs}
    return WeekResult(
        plan.week,
        dict(plan.hours),
        {a: round(s / 3600, 4) for a, s in activity_seconds.items() if a in role_map.nodes},
        intended,
        {o: deliveries.get(o, 0) for o in intended},
    )
