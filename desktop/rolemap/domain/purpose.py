"""The purpose check: what on the map leads nowhere, and what nothing feeds.

- unanchored activities: no path to any outcome (busywork unless it gets one);
- unaimed outputs: no path to any outcome;
- unsupported outcomes: no activity reaches them.
Each list is ranked by hours spent when hours are given, then by title.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap


class Finding(StrEnum):
    """What the purpose check says about one node; each applies to one kind."""

    UNANCHORED = "unanchored"
    UNAIMED = "unaimed"
    UNSUPPORTED = "unsupported"

    @property
    def kind(self) -> NodeKind:
        """The kind of node this finding is about."""
        return _FINDING_KIND[self]

    @property
    def heading(self) -> str:
        """The group's heading in a list ("Unanchored activities")."""
        return f"{self.value.capitalize()} {self.kind.lane_title.lower()}"

    @property
    def explanation(self) -> str:
        """What the finding means, in a sentence the person reads."""
        return _EXPLANATION[self]


_FINDING_KIND = {
    Finding.UNANCHORED: NodeKind.ACTIVITY,
    Finding.UNAIMED: NodeKind.OUTPUT,
    Finding.UNSUPPORTED: NodeKind.OUTCOME,
}
_EXPLANATION = {
    Finding.UNANCHORED: "Unanchored activity: it leads to no outcome.",
    Finding.UNAIMED: "Unaimed output: it reaches no outcome.",
    Finding.UNSUPPORTED: "Unsupported outcome: no activity feeds it.",
}


@dataclass(frozen=True, slots=True)
class PurposeReport:
    """Ids of the nodes the purpose check flags, each list ranked."""

    unanchored: tuple[str, ...] = ()
    unaimed: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()

    @property
    def flagged(self) -> frozenset[str]:
        """Every flagged node id."""
        return frozenset(self.unanchored + self.unaimed + self.unsupported)

    def ids(self, finding: Finding) -> tuple[str, ...]:
        """The ranked ids of the nodes with `finding`."""
        return {
            Finding.UNANCHORED: self.unanchored,
            Finding.UNAIMED: self.unaimed,
            Finding.UNSUPPORTED: self.unsupported,
        }[finding]

    def findings(self) -> dict[str, Finding]:
        """Node id → its finding, for every flagged node."""
        return {node_id: finding for finding in Finding for node_id in self.ids(finding)}

    def is_clean(self) -> bool:
        """Whether nothing is flagged."""
        return not self.flagged


def reaching_outcome(role_map: RoleMap) -> set[str]:
    """Ids of the nodes with a path to an outcome (outcomes included)."""
    predecessors: dict[str, list[str]] = {node_id: [] for node_id in role_map.nodes}
    for link in role_map.links.values():
        predecessors[link.target].append(link.source)
    reached = {n.id for n in role_map if n.kind is NodeKind.OUTCOME}
    stack = list(reached)
    while stack:
        for source in predecessors[stack.pop()]:
            if source not in reached:
                reached.add(source)
                stack.append(source)
    return reached


def reached_from_activities(role_map: RoleMap) -> set[str]:
    """Ids of the nodes some activity's links lead to, directly or not."""
    graph = role_map.successors()
    reached: set[str] = set()
    stack = [n.id for n in role_map if n.kind is NodeKind.ACTIVITY]
    while stack:
        for target in graph[stack.pop()]:
            if target not in reached:
                reached.add(target)
                stack.append(target)
    return reached


def check_purpose(role_map: RoleMap, hours: Mapping[str, float] | None = None) -> PurposeReport:
    """Run the purpose check; `hours` (node id → hours) ranks the findings."""
    hours = hours or {}
    anchored = reaching_outcome(role_map)
    supported = reached_from_activities(role_map)

    def ranked(kind: NodeKind, keep: set[str], flagged_if_in: bool) -> tuple[str, ...]:
        found = [n for n in role_map if n.kind is kind and (n.id in keep) == flagged_if_in]
        found.sort(key=lambda n: (-hours.get(n.id, 0.0), n.title.casefold()))
        return tuple(n.id for n in found)

    return PurposeReport(
        unanchored=ranked(NodeKind.ACTIVITY, anchored, False),
        unaimed=ranked(NodeKind.OUTPUT, anchored, False),
        unsupported=ranked(NodeKind.OUTCOME, supported, False),
    )
