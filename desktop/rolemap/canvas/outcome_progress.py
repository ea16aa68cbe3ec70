"""Where each outcome stands: its latest check-in against its target, as the card shows it.

The card reads now → target ("↑ 84.4 → 90 %"): a reader takes the first
number for today's value, so that is what it is; the baseline is on hover.
The same module says when an outcome's direction contradicts its baseline
and target (the properties and purpose panels show it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rolemap.domain.describe import number
from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import CheckIn


@dataclass(frozen=True, slots=True)
class Standing:
    """An outcome's latest value (None: no check-in yet) and its progress 0–1 (None: no bar)."""

    value: float | None = None
    date: str = ""
    progress: float | None = None


def standing(node: Node, latest: CheckIn | None) -> Standing:
    """Where `node` (an outcome) stands after its latest check-in.

    Progress runs from the baseline (0 when none) to the target, so a "down"
    outcome progresses as the value falls; no target or no check-in: no bar.
    """
    if latest is None:
        return Standing()
    target = _float(node.detail("target"))
    if target is None:
        return Standing(latest.value, latest.date)
    baseline = _float(node.detail("baseline")) or 0.0
    span = target - baseline
    if span == 0:
        progress = 1.0 if latest.value == target else 0.0
    else:
        progress = min(1.0, max(0.0, (latest.value - baseline) / span))
    return Standing(latest.value, latest.date, progress)


def card_line(node: Node, where: Standing) -> str:
    """The line under an outcome's title: "↑ 84.4 → 90 %" (now → target), else the target."""
    target = _float(node.detail("target"))
    if target is None:
        metric = str(node.detail("metric") or "")
        return (
            f"{number(where.value)}{_unit(node)} · {metric}" if where.value is not None else metric
        )
    arrow = "↓" if node.detail("direction") == "down" else "↑"
    if where.value is None:
        return f"{arrow} target {number(target)}{_unit(node)}"
    return f"{arrow} {number(where.value)} → {number(target)}{_unit(node)}"


def card_tip(node: Node, where: Standing) -> str:
    """The hover lines about an outcome's figures: latest (with its date), target, baseline."""
    unit = _unit(node)
    parts = []
    if where.value is not None:
        parts.append(f"Latest {number(where.value)}{unit} ({_day(where.date)})")
    else:
        parts.append("No check-in yet")
    target, baseline = _float(node.detail("target")), _float(node.detail("baseline"))
    if target is not None:
        better = "lower" if node.detail("direction") == "down" else "higher"
        parts.append(f"target {number(target)}{unit} ({better} is better)")
    if baseline is not None:
        parts.append(f"baseline {number(baseline)}{unit}")
    if where.progress is not None:
        parts.append(f"{where.progress:.0%} of the way")
    return " · ".join(parts)


def direction_warning(node: Node) -> str | None:
    """What is wrong when an outcome's direction contradicts its baseline and target, else None.

    "Higher is better" with the target below the baseline (or the reverse)
    makes every check-in read backwards: progress, the dashboard, the review.
    """
    if node.kind is not NodeKind.OUTCOME:
        return None
    target, baseline = _float(node.detail("target")), _float(node.detail("baseline"))
    if target is None or baseline is None or target == baseline:
        return None
    if node.detail("direction") == "down":
        if target > baseline:
            return (
                f"‘Lower is better’, but the target {number(target)} is above the baseline "
                f"{number(baseline)}: change the direction, or the target."
            )
        return None
    if target < baseline:
        return (
            f"‘Higher is better’, but the target {number(target)} is below the baseline "
            f"{number(baseline)}: change the direction, or the target."
        )
    return None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _unit(node: Node) -> str:
    unit = str(node.detail("unit") or "")
    return f" {unit}" if unit else ""


def _day(iso: str) -> str:
    try:
        return f"{dt.date.fromisoformat(iso):%-d %b %Y}"
    except ValueError:
        return iso
