"""Short readable summaries of nodes, shared by the canvas and the one-page diagram."""

from __future__ import annotations

from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind


def number(value: float) -> str:
    """A number without a needless ".0"."""
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def subtitle(node: Node) -> str:
    """One line under the title: category and plan, hands-on, or metric and target."""
    details = node.details
    if node.kind is NodeKind.ACTIVITY:
        category = details.get("category") or "Other"
        planned = details.get("planned_hours") or 0
        return f"{category} · {number(planned)} h/wk" if planned else str(category)
    if node.kind is NodeKind.OUTPUT:
        scores = [details.get(k) for k in ("clarity", "durability", "actionability")]
        rated = [s for s in scores if s]
        quality = f"quality {sum(rated) / len(rated):.1f}/5" if rated else ""
        own = "hands-on" if details.get("hands_on", True) else "team's work"
        return " · ".join(p for p in (own, quality) if p)
    if node.kind is NodeKind.OUTCOME:
        unit = details.get("unit") or ""
        baseline, target = details.get("baseline"), details.get("target")
        arrow = "↑" if details.get("direction", "up") == "up" else "↓"
        if target is None:
            return str(details.get("metric") or "")
        start = f"{number(baseline)} → " if baseline is not None else ""
        return f"{arrow} {start}{number(target)}{' ' + unit if unit else ''}"
    return ""
