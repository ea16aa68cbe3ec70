"""The numbers printed on the one-page diagram, for one period: plain SQL over the records.

Per node: hours for activities, deliveries for outputs, the latest check-in
against the target for outcomes; for the footer, the purposeful share and
the top lines of sight read as sentences. Periods are local calendar
periods (ISO weeks). Kept small and separate from the tracking reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rolemap.domain.describe import number
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store

PERIODS = ("week", "month", "quarter", "year", "all")
TOP_PATHS = 3


@dataclass(frozen=True, slots=True)
class Period:
    """A local calendar period: [start, end) as dates, and its label."""

    name: str
    start: dt.date | None
    end: dt.date | None
    label: str

    def epoch_bounds(self) -> tuple[float, float]:
        """The period as UTC epoch seconds (local midnights)."""
        low = dt.datetime.combine(self.start, dt.time()).timestamp() if self.start else 0.0
        high = dt.datetime.combine(self.end, dt.time()).timestamp() if self.end else 2.0**62
        return low, high


@dataclass(frozen=True, slots=True)
class DiagramFigures:
    """What the diagram prints: node id → figure, and the footer lines."""

    period: Period
    nodes: dict[str, str] = field(default_factory=dict)
    footer: tuple[str, ...] = ()


def period_of(name: str, today: dt.date | None = None) -> Period:
    """The period `name` (week|month|quarter|year|all) that holds `today`."""
    today = today or dt.date.today()
    if name == "week":
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=7)
        year, week, _ = today.isocalendar()
        last = end - dt.timedelta(days=1)
        return Period(name, start, end, f"week {week}, {year} ({_span(start, last)})")
    if name == "month":
        start = today.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
        return Period(name, start, end, start.strftime("%B %Y"))
    if name == "quarter":
        first = 3 * ((today.month - 1) // 3) + 1
        start = dt.date(today.year, first, 1)
        end = dt.date(today.year + (first == 10), 1 if first == 10 else first + 3, 1)
        return Period(name, start, end, f"Q{(first + 2) // 3} {today.year}")
    if name == "year":
        start = dt.date(today.year, 1, 1)
        return Period(name, start, dt.date(today.year + 1, 1, 1), str(today.year))
    if name == "all":
        return Period(name, None, None, "all time")
    raise ValueError(f"Unknown period ‘{name}’; choose one of {', '.join(PERIODS)}.")


def _span(first: dt.date, last: dt.date) -> str:
    if first.month == last.month:
        return f"{first.day}–{last.day} {last.strftime('%b')}"
    return f"{first.day} {first.strftime('%b')} – {last.day} {last.strftime('%b')}"


def diagram_figures(store: Store, role_map: RoleMap, period: Period) -> DiagramFigures:
    """The figures of `role_map` for `period`, read from the store."""
    role_id = role_map.role.id
    low, high = period.epoch_bounds()
    hours = {
        node_id: seconds / 3600
        for node_id, seconds in store.conn.execute(
            "SELECT t.activity_id, SUM(t.duration) FROM time_entries t "
            "JOIN nodes n ON n.id = t.activity_id WHERE n.role_id = ? AND t.start >= ? "
            "AND t.start < ? AND t.duration IS NOT NULL GROUP BY t.activity_id",
            (role_id, low, high),
        )
    }
    first = period.start.isoformat() if period.start else "0000"
    last = period.end.isoformat() if period.end else "9999"
    delivered = dict(
        store.conn.execute(
            "SELECT d.output_id, COUNT(*) FROM deliveries d JOIN nodes n ON n.id = d.output_id "
            "WHERE n.role_id = ? AND substr(d.date, 1, 10) >= ? AND substr(d.date, 1, 10) < ? "
            "GROUP BY d.output_id",
            (role_id, first, last),
        ).fetchall()
    )
    latest: dict[str, float] = {}
    for outcome_id, value in store.conn.execute(
        "SELECT c.outcome_id, c.value FROM checkins c JOIN nodes n ON n.id = c.outcome_id "
        "WHERE n.role_id = ? AND substr(c.date, 1, 10) < ? ORDER BY c.date, c.rowid",
        (role_id, last),
    ):
        latest[outcome_id] = float(value)

    figures: dict[str, str] = {}
    for node in role_map:
        if node.kind is NodeKind.ACTIVITY and hours:
            figures[node.id] = f"{_hours(hours.get(node.id, 0.0))} h"
        elif node.kind is NodeKind.OUTPUT and delivered:
            count = delivered.get(node.id, 0)
            figures[node.id] = f"{count} delivered"
        elif node.kind is NodeKind.OUTCOME and node.id in latest:
            unit = node.detail("unit") or ""
            target = node.detail("target")
            now = f"now {number(latest[node.id])}"
            figures[node.id] = (
                f"{now} / {number(target)}{' ' + unit if unit else ''}"
                if (target is not None)
                else f"{now}{' ' + unit if unit else ''}"
            )
    return DiagramFigures(period, figures, tuple(_footer(role_map, hours, period)))


def _hours(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _footer(role_map: RoleMap, hours: dict[str, float], period: Period) -> list[str]:
    lines = []
    total = sum(hours.values())
    target = role_map.role.purposeful_target
    if total > 0:
        anchored = reaching_outcome(role_map)
        share = sum(h for node_id, h in hours.items() if node_id in anchored) / total
        lines.append(
            f"Purposeful share {share:.0%} of {_hours(total)} h tracked in {period.label}"
            f" · target {target:.0%}".replace("%", " %")
        )
    else:
        lines.append(
            f"No time tracked in {period.label} · purposeful target {target:.0%}".replace("%", " %")
        )
    lines.extend(path_sentences(role_map, hours))
    return lines


def path_sentences(role_map: RoleMap, hours: dict[str, float], top: int = TOP_PATHS) -> list[str]:
    """The heaviest lines of sight in words: "6 h  Weekly 1:1s → Growth plans → Retention".

    Ranked by hours tracked (else planned hours a week); one path per activity,
    the one through the most steps.
    """
    graph = role_map.successors()
    nodes = role_map.nodes

    def longest(node_id: str, seen: frozenset[str]) -> list[str] | None:
        if nodes[node_id].kind is NodeKind.OUTCOME:
            return [node_id]
        best: list[str] | None = None
        for target in sorted(graph[node_id], key=lambda i: nodes[i].title.casefold()):
            if target in seen:
                continue
            rest = longest(target, seen | {target})
            if rest is not None and (best is None or len(rest) > len(best)):
                best = rest
        return [node_id, *best] if best else None

    ranked = []
    for node in role_map:
        if node.kind is not NodeKind.ACTIVITY:
            continue
        tracked = hours.get(node.id, 0.0)
        planned = float(node.detail("planned_hours") or 0.0)
        weight = tracked if hours else planned
        if weight <= 0:
            continue
        path = longest(node.id, frozenset({node.id}))
        if path:
            amount = f"{_hours(tracked)} h" if hours else f"{number(planned)} h/week"
            ranked.append((weight, node.title.casefold(), amount, path))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [
        f"{amount}  " + " → ".join(nodes[i].title for i in path)
        for _, _, amount, path in ranked[:top]
    ]
