"""Attribution: each activity's hours flow along its links, through outputs, into outcomes.

A node's hours are split over its outgoing links by weight: a weighted link
takes its weight as a share (weights are shares of the source's effort); the
links without a weight share equally what the weighted ones leave. When no
link is unweighted, or the weights already claim everything (sum ≥ 1), the
weights are scaled to sum to 1. Hours reaching an output flow on the same way
to its outcomes; hours on an output that leads nowhere stay there. The lane
rule (input → activity → output → outcome) means there are no cycles.

The **purposeful share** is the hours on activities that reach an outcome
(by any path) over all hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rolemap.domain.entities import Link
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.role_map import RoleMap


def link_shares(links: Sequence[Link]) -> dict[str, float]:
    """Link id → share of the source's hours (the shares sum to 1 when there are links)."""
    weighted = {link.id: float(link.weight) for link in links if link.weight is not None}
    unweighted = [link.id for link in links if link.weight is None]
    claimed = sum(weighted.values())
    if unweighted and claimed < 1:
        shares = dict(weighted)
        rest = (1 - claimed) / len(unweighted)
        shares.update({link_id: rest for link_id in unweighted})
        return shares
    if claimed <= 0:
        return {link.id: 0.0 for link in links}
    shares = {link_id: weight / claimed for link_id, weight in weighted.items()}
    shares.update({link_id: 0.0 for link_id in unweighted})
    return shares


@dataclass(frozen=True, slots=True)
class Attribution:
    """Where the hours went.

    Attributes:
        outcome_hours: outcome id → hours attributed to it.
        output_hours: output id → hours that flowed into it (from activities).
        total_hours: all hours given.
        purposeful_hours: hours on activities with a path to an outcome.
    """

    outcome_hours: Mapping[str, float]
    output_hours: Mapping[str, float]
    total_hours: float
    purposeful_hours: float

    @property
    def purposeful_share(self) -> float | None:
        """purposeful_hours / total_hours; None when no time was tracked."""
        return self.purposeful_hours / self.total_hours if self.total_hours > 0 else None

    @property
    def attributed_hours(self) -> float:
        """Hours that arrived at some outcome."""
        return sum(self.outcome_hours.values())


def attribute(role_map: RoleMap, activity_hours: Mapping[str, float]) -> Attribution:
    """Split each activity's hours (activity id → hours) through the map into outcomes.

    Hours on ids that are not activities of this map count in the total but
    flow nowhere.
    """
    outgoing: dict[str, list[Link]] = {}
    for link in role_map.links.values():
        outgoing.setdefault(link.source, []).append(link)
    reaching = reaching_outcome(role_map)
    kinds = {node.id: node.kind for node in role_map}
    outputs: dict[str, float] = {}
    outcomes: dict[str, float] = {}
    total = purposeful = 0.0

    def send(source: str, hours: float) -> None:
        links = outgoing.get(source, [])
        for link_id, share in link_shares(links).items():
            if share <= 0:
                continue
            target = role_map.links[link_id].target
            amount = hours * share
            if kinds.get(target) is NodeKind.OUTPUT:
                outputs[target] = outputs.get(target, 0.0) + amount
            elif kinds.get(target) is NodeKind.OUTCOME:
                outcomes[target] = outcomes.get(target, 0.0) + amount

    for activity_id, hours in activity_hours.items():
        total += hours
        if kinds.get(activity_id) is not NodeKind.ACTIVITY:
            continue
        if activity_id in reaching:
            purposeful += hours
        send(activity_id, hours)
    for output_id, hours in list(outputs.items()):
        send(output_id, hours)
    return Attribution(outcomes, outputs, total, purposeful)


def purposeful_share(role_map: RoleMap, activity_hours: Mapping[str, float]) -> float | None:
    """The share of hours on activities that reach an outcome (None without hours)."""
    return attribute(role_map, activity_hours).purposeful_share
