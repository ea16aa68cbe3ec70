"""The numbers printed on the one-page diagram, for one period, worded for the page.

Per node: hours for activities, deliveries for outputs, the latest check-in
against the target for outcomes; for the footer, the purposeful share and
the top lines of sight read as sentences. The figures themselves come from
`store.figures`, as the report's and the dashboard's do.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from rolemap.domain.describe import number
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period, local_zone, period_of
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.figures import Figures, role_figures

TOP_PATHS = 3


@dataclass(frozen=True, slots=True)
class DiagramFigures:
    """What the diagram prints: node id → figure, and the footer lines."""

    period: Period
    nodes: dict[str, str] = field(default_factory=dict)
    footer: tuple[str, ...] = ()


def diagram_figures(figures: Figures) -> DiagramFigures:
    """What the page prints for a period's figures (from `store.figures`, like every figure)."""
    role_map = figures.role_map
    hours = {node_id: seconds / 3600 for node_id, seconds in figures.activity_seconds.items()}
    texts: dict[str, str] = {}
    for node in role_map:
        if node.kind is NodeKind.ACTIVITY and hours:
            texts[node.id] = f"{_hours(hours.get(node.id, 0.0))} h"
        elif node.kind is NodeKind.OUTPUT and figures.deliveries:
            texts[node.id] = f"{figures.deliveries.get(node.id, 0)} delivered"
        elif node.kind is NodeKind.OUTCOME and node.id in figures.checkins:
            unit = node.detail("unit") or ""
            target = node.detail("target")
            now = f"now {number(figures.checkins[node.id].value)}"
            texts[node.id] = (
                f"{now} / {number(target)}{' ' + unit if unit else ''}"
                if (target is not None)
                else f"{now}{' ' + unit if unit else ''}"
            )
    footer = _footer(role_map, hours, figures.period, figures.attribution.purposeful_share)
    return DiagramFigures(figures.period, texts, tuple(footer))


def period_figures(
    store: Store,
    role_map: RoleMap,
    period_name: str,
    today: dt.date | None = None,
    tz: dt.tzinfo | None = None,
    now: int | None = None,
) -> DiagramFigures:
    """The page's figures for a named period (one of `domain.periods.PERIOD_NAMES`)."""
    tz = tz or local_zone()
    now = int(time.time()) if now is None else now
    today = today or dt.datetime.fromtimestamp(now, tz).date()
    period = period_of(period_name, today)
    return diagram_figures(role_figures(store.conn, role_map, period, tz, now))


def _hours(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _footer(
    role_map: RoleMap, hours: dict[str, float], period: Period, share: float | None
) -> list[str]:
    lines = []
    total = sum(hours.values())
    target = role_map.role.purposeful_target
    if total > 0 and share is not None:
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
