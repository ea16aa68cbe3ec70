"""Filling each dashboard chart from a `DashboardData`, or saying what to do instead.

Each `show_*` function draws one chart and returns None, or returns the
empty-state message when there is nothing to draw (the tab then shows the
message instead of empty axes).
"""

from __future__ import annotations

import datetime as dt

from rolemap.dashboard.charts import (
    GREY,
    PALETTE,
    Hit,
    HorizontalBarsChart,
    LinesChart,
    PlanWeeksChart,
    StackedWeeksChart,
    hours_text,
)
from rolemap.dashboard.data import UNANCHORED, DashboardData, Filter
from rolemap.domain.week_report import WeekResult

EMPTY_TIME = "Log time on an activity to see where it goes."
EMPTY_PLAN_WEEKS = "No week of this period has a plan: plan one in the Plan tab."
ACTUAL = "#4e79a7"
PLANNED = (140, 140, 140, 60)  # a light fill with a grey outline: the plan under the actual


def _period_filter(data: DashboardData, **more: object) -> Filter:
    return {**more, "start": data.first, "end": data.last}


def _week_filter(data: DashboardData, index: int, **more: object) -> Filter:
    start, end = data.week_range(index)
    return {**more, "start": start, "end": end}


def show_time_allocation(chart: StackedWeeksChart, data: DashboardData) -> str | None:
    """1. Hours per week, stacked by category in the canvas colours."""
    if data.total_hours <= 0:
        chart.clear_chart()
        return EMPTY_TIME
    series = [
        (name, data.category_colours.get(name, GREY), hours)
        for name, hours in data.weekly_category_hours.items()
    ]
    filters = [
        [_week_filter(data, i, category=name) for i in range(len(data.weeks))]
        for name, _, _ in series
    ]
    chart.show_series(data.weeks, series, "h", filters)
    return None


def show_plan_vs_actual(chart: HorizontalBarsChart, data: DashboardData) -> str | None:
    """2. Each category's share of hours against the role's ideal allocation.

    One colour per series, the legend's: the categories are the rows' names
    (colouring each bar by its category left the legend's swatch matching none).
    """
    if data.total_hours <= 0:
        chart.clear_chart()
        return EMPTY_TIME
    names = [
        n for n in data.category_colours if n in data.ideal_allocation or n in data.category_hours
    ]
    if not data.ideal_allocation:
        names = list(data.category_hours)
    chart.clear_chart()
    ideal = [100 * data.ideal_allocation.get(n, 0.0) for n in names]
    actual = [100 * data.category_hours.get(n, 0.0) / data.total_hours for n in names]
    rows = [float(i) for i in range(len(names))]
    if data.ideal_allocation:
        chart.add_bars(
            "Planned share", PLANNED, x0=0, y=[r - 0.2 for r in rows], height=0.34, width=ideal
        )
        chart.bars["Planned share"].setOpts(pen=GREY)
    chart.add_bars(
        "Actual share", ACTUAL, x0=0, y=[r + 0.18 for r in rows], height=0.34, width=actual
    )
    for i, name in enumerate(names):
        hours = data.category_hours.get(name, 0.0)
        text = f"{name}\nactual {actual[i]:.0f} % ({hours_text(hours)})"
        if data.ideal_allocation:
            text += f", planned {ideal[i]:.0f} %"
        chart.hits.append(Hit(0, max(actual[i], ideal[i]), i - 0.4, i + 0.4, text,
                              _period_filter(data, category=name)))  # fmt: skip
    chart.set_rows(names, "share of hours (%)", max(actual + ideal, default=1.0))
    if not data.ideal_allocation:
        chart.plot.setTitle("Actual share of hours (no plan set)")
    return None


def show_plan_weeks(chart: PlanWeeksChart, data: DashboardData) -> str | None:
    """2b. Planned and actual hours of each week of the period that has a plan.

    Whole weeks, as the plan covers them, even where the period starts or ends
    mid-week; the actual is every hour logged in the week, and the hover text
    says how much of it went to the activities the plan named. A click opens
    the week in the Plan tab.
    """
    index = {monday: i for i, monday in enumerate(data.weeks)}
    shown = [r for r in data.plan_weeks if r.week.monday in index]
    if not shown:
        chart.clear_chart()
        return EMPTY_PLAN_WEEKS
    planned = [r.planned_total for r in shown]
    actual = [r.actual_total for r in shown]
    chart.show_weeks(
        data.weeks,
        [index[r.week.monday] for r in shown],
        planned,
        actual,
        [plan_week_text(r, data.today) for r in shown],
        [{"week": r.week.name} for r in shown],
    )
    top = max([*planned, *actual])
    capacity = data.weekly_capacity
    if capacity > 0 and capacity <= top * 1.5:  # a reference only where it is near the bars
        chart.add_reference(capacity, f"capacity {capacity:g} h")
        top = max(top, capacity)
    chart.set_top(top)
    return None


def plan_week_text(result: WeekResult, today: dt.date | None) -> str:
    """ "Week of 2 Nov 2026 (2026-W45): planned 30.0 h, actual 27.5 h (92 %), 24.0 h of it on
    planned activities" (with "so far" or "to come" for this week and later ones)."""
    week = result.week
    when = ""
    if today is not None and week.monday <= today <= week.sunday:
        when = " so far"
    elif today is not None and week.monday > today:
        when = " (to come)"
    planned, actual = result.planned_total, result.actual_total
    text = f"Week of {week.monday:%d %b %Y} ({week.name}): planned {hours_text(planned)}, "
    text += f"actual {hours_text(actual)}{when}"
    if planned > 0:
        text += f" ({100 * actual / planned:.0f} % of the plan)"
    on_plan = sum(h for a, h in result.actual.items() if result.planned.get(a, 0) > 0)
    text += f"; {hours_text(on_plan)} of it on planned activities.\nClick to open the week's plan."
    return text


def show_deliveries(chart: StackedWeeksChart, data: DashboardData) -> str | None:
    """3. Deliveries per week, stacked by output."""
    if not data.weekly_deliveries:
        chart.clear_chart()
        return "Record a delivery of an output to count what you produce."
    order = list(data.output_titles)
    ids = sorted(data.weekly_deliveries, key=lambda o: order.index(o) if o in order else len(order))
    series = [
        (data.output_titles.get(o, "Deleted output"), PALETTE[i % len(PALETTE)],
         [float(c) for c in data.weekly_deliveries[o]])
        for i, o in enumerate(ids)
    ]  # fmt: skip
    filters = [
        [
            _week_filter(data, i, activity_ids=data.feeders.get(o, []))
            for i in range(len(data.weeks))
        ]
        for o in ids
    ]
    chart.show_series(data.weeks, series, "deliveries", filters, whole=True)
    return None


def show_purposeful_share(chart: StackedWeeksChart, data: DashboardData) -> str | None:
    """4. The weekly share of hours on activities that reach an outcome, with the target."""
    if data.total_hours <= 0:
        chart.clear_chart()
        return "Log time on activities linked to outcomes to see how much of it has a purpose."
    shares = [100 * s if s is not None else 0.0 for s in data.weekly_purposeful]
    filters = [
        [_week_filter(data, i, activity_ids=data.purposeful_ids) for i in range(len(shares))]
    ]
    chart.show_series(
        data.weeks, [("Purposeful share", "#59a14f", shares)], "%", filters, legend=False
    )
    for n, hit in enumerate(chart.hits):
        week = round((hit.x0 + hit.x1) / 2)
        chart.hits[n] = Hit(
            hit.x0, hit.x1, hit.y0, hit.y1,
            f"Week of {data.weeks[week]:%d %b %Y}: {shares[week]:.0f} % of hours reach an outcome",
            hit.filter,
        )  # fmt: skip
    target = 100 * data.purposeful_target
    chart.add_reference(target, f"target {target:.0f} %")
    chart.plot.setYRange(0, 105, padding=0)
    return None


def show_outcome_hours(chart: HorizontalBarsChart, data: DashboardData) -> str | None:
    """5. Hours attributed to each outcome; hours that reach none as their own bar."""
    if not data.outcome_hours:
        chart.clear_chart()
        return "Link activities to outcomes and log time on them to see what your hours move."
    chart.clear_chart()
    labels = [title for _, title, _ in data.outcome_hours]
    hours = [h for _, _, h in data.outcome_hours]
    colours = [GREY if oid == "" else "#76b7b2" for oid, _, _ in data.outcome_hours]
    rows = list(range(len(labels)))
    chart.add_bars(
        "Hours", "#76b7b2", legend=False, x0=0, y=rows, height=0.6, width=hours,
        brushes=colours, pens=colours,
    )  # fmt: skip
    for i, (outcome_id, title, value) in enumerate(data.outcome_hours):
        text = f"{title}: {hours_text(value)}"
        if outcome_id == "":
            text += " (unanchored activities and outputs that lead nowhere)"
        chart.hits.append(
            Hit(0, value, i - 0.3, i + 0.3, text,
                _period_filter(data, activity_ids=data.feeders.get(outcome_id, [])))
        )  # fmt: skip
    chart.set_rows(labels, "hours", max(hours))
    return None


def show_outcome_progress(chart: LinesChart, data: DashboardData) -> str | None:
    """6. Check-ins over time as progress from baseline (0 %) to target (100 %).

    An outcome without a target (or whose target is its baseline) has no "%
    to target": it is left out, and the note under the legend names it. A
    missing baseline counts as 0, as on the map's cards.
    """
    series = [s for s in data.outcome_series if s.points]
    if not series:
        chart.clear_chart()
        return "Record a check-in on an outcome to follow its progress toward the target."
    measured = [s for s in series if s.target is not None and s.target != (s.baseline or 0.0)]
    left_out = [s.title for s in series if s not in measured]
    chart.clear_chart()
    if not measured:
        names = ", ".join(left_out)
        return (
            f"Give an outcome a target (in Properties) to follow its progress toward it: "
            f"{names} {'has' if len(left_out) == 1 else 'have'} check-ins but no target."
        )
    points: list[tuple[float, float, str]] = []
    for i, s in enumerate(measured):
        colour = PALETTE[i % len(PALETTE)]
        xs = [_noon(d) for d, _ in s.points]
        baseline = s.baseline or 0.0
        assert s.target is not None
        span = s.target - baseline
        ys = [100 * (v - baseline) / span for _, v in s.points]
        chart.add_line(s.title, colour, xs, ys)
        against = f" (baseline {baseline:g}, target {s.target:g})"
        points.extend(
            (x, y, f"{s.title}, {day:%d %b %Y}: {value:g} {s.unit}".rstrip() + against)
            for (day, value), x, y in zip(s.points, xs, ys, strict=True)
        )
    if left_out:
        chart.set_note(f"Not shown, no target: {', '.join(left_out)}")
    chart.add_reference(0, "baseline")
    chart.add_reference(100, "target", "#59a14f")
    chart.plot.setLabel("left", "progress to target (%)")
    low = min([0.0, *(y for line in chart.lines.values() for y in line.getData()[1])])
    high = max([100.0, *(y for line in chart.lines.values() for y in line.getData()[1])])
    chart.plot.setYRange(low - 10, high + 10, padding=0)
    chart.plot.setXRange(_noon(data.first) - 43200, _noon(data.last) + 43200, padding=0)
    # Hover tolerance: about 2 % of each axis, so a point is easy to reach at any zoom.
    x_tol = max(43200.0, ((data.last - data.first).days + 1) * 86400 * 0.02)
    y_tol = (high - low + 20) * 0.03
    chart.hits.extend(Hit(x - x_tol, x + x_tol, y - y_tol, y + y_tol, t, {}) for x, y, t in points)
    return None


def _noon(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time(12)).timestamp()


__all__ = [
    "EMPTY_TIME",
    "UNANCHORED",
    "show_deliveries",
    "show_outcome_hours",
    "show_outcome_progress",
    "show_plan_vs_actual",
    "show_plan_weeks",
    "show_purposeful_share",
    "show_time_allocation",
]
