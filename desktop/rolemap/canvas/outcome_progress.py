"""Outcome progress for the canvas: each outcome's latest check-in against its target."""

from __future__ import annotations

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind


def outcome_progress(document: RoleDocument) -> dict[str, float]:
    """Outcome id → progress 0–1 from baseline to target, for outcomes with a check-in.

    Outcomes without a target, or without any check-in, are left out (no bar).
    A "down" outcome progresses as the value falls from baseline to target.
    """
    role_map = document.role_map
    latest: dict[str, float] = {}
    for checkin in document.records_repo.checkins(role_map.role.id):
        latest[checkin.outcome_id] = checkin.value  # oldest first: the last one wins
    progress: dict[str, float] = {}
    for outcome_id, value in latest.items():
        node = role_map.nodes.get(outcome_id)
        if node is None or node.kind is not NodeKind.OUTCOME:
            continue
        target = node.detail("target")
        if target is None:
            continue
        baseline = node.detail("baseline")
        if baseline is None:
            baseline = 0.0
        span = float(target) - float(baseline)
        if span == 0:
            progress[outcome_id] = 1.0 if value == target else 0.0
            continue
        share = (value - float(baseline)) / span  # sign of span carries the direction
        progress[outcome_id] = min(1.0, max(0.0, share))
    return progress
