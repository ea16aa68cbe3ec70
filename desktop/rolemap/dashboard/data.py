"""What the dashboard shows for one role and period, computed off the GUI thread.

`compute` reads the weekly series of `store.figures` (the one place figures
come from) on the worker's connection and folds the (small) results through
the role map: categories, purposeful activities, attribution into outcomes,
the flow. The weeks of the period that have a plan come from
`services.week_plan.plan_history`, the code `rolemap plan show` and the
reviews read them with. No Qt here, so the worker thread and the tests call
it alike.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rolemap.domain.attribution import attribute, link_shares
from rolemap.domain.entities import Link
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import Week
from rolemap.domain.week_report import WeekResult
from rolemap.services.week_plan import plan_history
from rolemap.store import figures as q
from rolemap.store.database import Store

Filter = dict[str, object]
UNANCHORED = "Reaches no outcome"
MAX_PER_COLUMN = 12  # the flow's nodes per column; smaller ones are merged


@dataclass(frozen=True)
class Flow:
    """The Sankey picture: columns of (node key, label, colour, hours) and weighted bands."""

    columns: list[list[tuple[str, str, str, float]]]
    bands: list[tuple[str, str, float]]  # (source key, target key, hours)
    filters: dict[str, Filter]  # node or "source>target" key → Track filter


@dataclass(frozen=True)
class OutcomeSeries:
    """One outcome's check-ins with what they are measured against."""

    outcome_id: str
    title: str
    unit: str
    baseline: float | None
    target: float | None
    points: list[tuple[dt.date, float]]


@dataclass
class DashboardData:
    """Every plot's numbers for one period (hours, counts, shares 0–1)."""

    first: dt.date
    last: dt.date
    label: str
    weeks: list[dt.date]
    category_colours: dict[str, str]
    weekly_category_hours: dict[str, list[float]] = field(default_factory=dict)
    category_hours: dict[str, float] = field(default_factory=dict)
    ideal_allocation: dict[str, float] = field(default_factory=dict)
    output_titles: dict[str, str] = field(default_factory=dict)
    weekly_deliveries: dict[str, list[int]] = field(default_factory=dict)
    weekly_purposeful: list[float | None] = field(default_factory=list)
    purposeful_target: float = 0.0
    outcome_hours: list[tuple[str, str, float]] = field(default_factory=list)
    outcome_series: list[OutcomeSeries] = field(default_factory=list)
    flow: Flow | None = None
    total_hours: float = 0.0
    # Click-through: which activities stand behind a node.
    purposeful_ids: list[str] = field(default_factory=list)
    feeders: dict[str, list[str]] = field(default_factory=dict)
    # The weeks of the period that have a plan, oldest first: planned and actual hours (whole
    # weeks, as the plan covers them, even where the period cuts one), and the role's capacity.
    plan_weeks: list[WeekResult] = field(default_factory=list)
    weekly_capacity: float = 0.0
    today: dt.date | None = None

    def week_range(self, index: int) -> tuple[dt.date, dt.date]:
        """The days of week `index` that lie inside the period."""
        monday = self.weeks[index]
        return max(monday, self.first), min(monday + dt.timedelta(days=6), self.last)


def compute(
    source: sqlite3.Connection | Store,
    role_map: RoleMap,
    period: Period,
    tz: dt.tzinfo,
    now: int,
) -> DashboardData:
    """Query and fold everything the dashboard shows for a bounded period.

    `source` is the worker's own reading Store, or a bare connection (tests,
    benchmarks). A running timer counts as it does in `rolemap report`: its
    time so far.
    """
    store = source if isinstance(source, Store) else reading_store(source)
    conn = store.conn
    role = role_map.role
    first, last = period.start, period.last_day
    assert first is not None and last is not None, "the dashboard shows a bounded period"
    weeks = q.weeks_between(first, last)
    index = {monday: i for i, monday in enumerate(weeks)}
    colours = {c.name: c.colour for c in role.categories}
    data = DashboardData(first, last, period.label, weeks, colours)
    data.ideal_allocation = {k: float(v) for k, v in role.ideal_allocation.items() if v}
    data.purposeful_target = float(role.purposeful_target)

    # One aggregate (a few thousand rows for a year), folded here by category,
    # purpose and activity: the map, not the database, knows those.
    rows = q.activity_week_seconds(conn, role_map, period, tz, now)
    categories = {
        n.id: str(n.detail("category") or "Other") for n in role_map.nodes_of(NodeKind.ACTIVITY)
    }
    reaching = reaching_outcome(role_map)
    data.purposeful_ids = sorted(set(categories) & reaching)
    purposeful = [0.0] * len(weeks)
    totals = [0.0] * len(weeks)
    activity_seconds: dict[str, int] = {}
    for monday, activity_id, seconds in rows:
        week = index[monday]
        category = categories.get(activity_id, "Other")
        hours = data.weekly_category_hours.setdefault(category, [0.0] * len(weeks))
        hours[week] += seconds / 3600
        totals[week] += seconds
        if activity_id in reaching:
            purposeful[week] += seconds
        activity_seconds[activity_id] = activity_seconds.get(activity_id, 0) + seconds
    for category in data.weekly_category_hours:
        colours.setdefault(category, role.category_colour(category))
    order = list(colours)
    data.weekly_category_hours = dict(
        sorted(data.weekly_category_hours.items(), key=lambda kv: order.index(kv[0]))
    )
    for category, weekly in data.weekly_category_hours.items():
        data.category_hours[category] = sum(weekly)
    data.total_hours = sum(data.category_hours.values())
    data.weekly_purposeful = [p / t if t else None for p, t in zip(purposeful, totals, strict=True)]

    for output in role_map.nodes_of(NodeKind.OUTPUT):
        data.output_titles[output.id] = output.title
    for monday, output_id, count in q.delivery_week_counts(conn, role.id, period):
        counts = data.weekly_deliveries.setdefault(output_id, [0] * len(weeks))
        counts[index[monday]] += count

    data.feeders = _feeders(role_map)
    activity_hours = {a: s / 3600 for a, s in activity_seconds.items()}
    attribution = attribute(role_map, activity_hours)
    for outcome in role_map.nodes_of(NodeKind.OUTCOME):
        attributed = attribution.outcome_hours.get(outcome.id, 0.0)
        if attributed > 0:
            data.outcome_hours.append((outcome.id, outcome.title, attributed))
    loose = attribution.total_hours - attribution.attributed_hours
    if loose > 1e-9:
        data.outcome_hours.append(("", UNANCHORED, loose))
        data.feeders[""] = sorted(set(categories) - reaching)

    by_outcome: dict[str, list[tuple[dt.date, float]]] = {}
    for outcome_id, date, value in q.checkin_series(conn, role.id, period):
        by_outcome.setdefault(outcome_id, []).append((date, value))
    for outcome in role_map.nodes_of(NodeKind.OUTCOME):
        if outcome.id in by_outcome:
            data.outcome_series.append(
                OutcomeSeries(
                    outcome.id,
                    outcome.title,
                    str(outcome.detail("unit") or ""),
                    _number(outcome.detail("baseline")),
                    _number(outcome.detail("target")),
                    by_outcome[outcome.id],
                )
            )
    data.flow = _flow(role_map, activity_hours, attribution.output_hours, colours, data.feeders)
    data.plan_weeks = plan_history(store, role_map, Week.of(first), Week.of(last), tz=tz, now=now)
    data.weekly_capacity = float(role.weekly_capacity)
    data.today = dt.datetime.fromtimestamp(now, tz).date()
    return data


def reading_store(conn: sqlite3.Connection, path: Path | None = None) -> Store:
    """A connection as a Store that refuses every write (the services take a Store)."""
    return Store(path or Path("(dashboard reader)"), conn, read_only=True)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _feeders(role_map: RoleMap) -> dict[str, list[str]]:
    """Node id → ids of the activities with a path to it."""
    graph = role_map.successors()
    found: dict[str, set[str]] = {}
    for activity in role_map.nodes_of(NodeKind.ACTIVITY):
        stack, seen = [activity.id], set()
        while stack:
            for target in graph[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
                    found.setdefault(target, set()).add(activity.id)
    return {node_id: sorted(ids) for node_id, ids in found.items()}


def _flow(
    role_map: RoleMap,
    activity_hours: dict[str, float],
    output_hours: Mapping[str, float],
    colours: dict[str, str],
    feeders: dict[str, list[str]],
) -> Flow | None:
    nodes = role_map.nodes
    if not any(h > 0 and a in nodes for a, h in activity_hours.items()):
        return None
    outgoing: dict[str, list[Link]] = {}
    for link in role_map.links.values():
        outgoing.setdefault(link.source, []).append(link)
    bands: dict[tuple[str, str], float] = {}
    filters: dict[str, Filter] = {}

    def add(source: str, target: str, hours: float) -> None:
        if hours > 0:
            bands[(source, target)] = bands.get((source, target), 0.0) + hours

    for activity_id, hours in activity_hours.items():
        node = nodes.get(activity_id)
        if node is None or hours <= 0:
            continue
        category = str(node.detail("category") or "Other")
        add(f"c:{category}", activity_id, hours)
        filters[f"c:{category}"] = {"category": category}
        filters[activity_id] = {"activity_ids": [activity_id]}
        for link_id, share in link_shares(outgoing.get(activity_id, [])).items():
            add(activity_id, role_map.links[link_id].target, hours * share)
    for output_id, hours in output_hours.items():
        filters[output_id] = {"activity_ids": feeders.get(output_id, [])}
        for link_id, share in link_shares(outgoing.get(output_id, [])).items():
            add(output_id, role_map.links[link_id].target, hours * share)
    throughput: dict[str, float] = {}
    for (source, target), hours in bands.items():
        throughput[target] = throughput.get(target, 0.0) + hours
        if source.startswith("c:"):
            throughput[source] = throughput.get(source, 0.0) + hours
    columns: list[list[tuple[str, str, str, float]]] = [[], [], [], []]
    for key, hours in throughput.items():
        if key.startswith("c:"):
            name = key[2:]
            columns[0].append((key, name, colours.get(name, "#8c8c8c"), hours))
            continue
        node = nodes[key]
        column = {NodeKind.ACTIVITY: 1, NodeKind.OUTPUT: 2, NodeKind.OUTCOME: 3}[node.kind]
        colour = colours.get(str(node.detail("category") or "Other"), "#8c8c8c")
        columns[column].append((key, node.title, colour if column == 1 else "#6b7a8f", hours))
        filters.setdefault(key, {"activity_ids": feeders.get(key, [key])})
    order = list(colours)
    columns[0].sort(key=lambda c: order.index(c[1]) if c[1] in order else len(order))
    for lane in columns[1:]:
        lane.sort(key=lambda c: nodes[c[0]].y)
    bands = _merge_small(columns, bands, filters)
    for source, target in bands:
        filters[f"{source}>{target}"] = filters.get(
            target if source.startswith("c:") else source, {}
        )
    return Flow(columns, [(s, t, h) for (s, t), h in bands.items()], filters)


def _merge_small(
    columns: list[list[tuple[str, str, str, float]]],
    bands: dict[tuple[str, str], float],
    filters: dict[str, Filter],
) -> dict[tuple[str, str], float]:
    """Keep the biggest nodes of a crowded column; merge the rest into "N more" at the bottom.

    A picture of 40 activities is unreadable (and slow to draw); the merged
    node still carries their hours and, when clicked, their entries.
    """
    merged: dict[str, str] = {}
    for index, lane in enumerate(columns):
        if len(lane) <= MAX_PER_COLUMN:
            continue
        by_hours = sorted(lane, key=lambda c: -c[3])
        keep = {c[0] for c in by_hours[: MAX_PER_COLUMN - 1]}
        rest = [c for c in lane if c[0] not in keep]
        more = f"more:{index}"
        for key, *_ in rest:
            merged[key] = more
        activity_ids = sorted(
            {a for key, *_ in rest for a in filters.get(key, {}).get("activity_ids", [])}  # type: ignore[attr-defined]
        )
        filters[more] = {"activity_ids": activity_ids} if activity_ids else {}
        lane[:] = [c for c in lane if c[0] in keep]
        lane.append((more, f"{len(rest)} more", "#9a9a9a", sum(c[3] for c in rest)))
    if not merged:
        return bands
    result: dict[tuple[str, str], float] = {}
    for (source, target), hours in bands.items():
        pair = (merged.get(source, source), merged.get(target, target))
        result[pair] = result.get(pair, 0.0) + hours
    return result
