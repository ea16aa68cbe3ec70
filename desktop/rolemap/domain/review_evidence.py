"""The evidence beside each review question, computed from a period's figures and the map.

1. Activities → outputs: each activity's hours against its plan, the
   deliveries of the outputs it feeds and its **yield** (deliveries per 10
   hours); each output's hours in (attributed) and yield; the activities with
   hours and nothing delivered downstream.
2. Outputs → outcomes: each outcome's attributed hours, the deliveries that
   feed it, its check-ins at the start and end of the period against baseline
   and target, whether it is on track against a straight line from baseline
   to target by its due date, and the **hours on weak links** (time that
   reaches it only along a path with a link of confidence below 50 %).
3. What to adjust: unanchored activities by hours, outcomes that got no
   hours, the gaps between ideal and actual allocation, and the role's
   accountabilities with the hours their outcomes got (**neglected**: it has
   outcomes and none got time; **unserved**: no outcome names it).
4. How the role changed: the map's changes since the last finished review
   (`domain.map_changes`), set by the caller.

The rows are in `domain.review_rows` (re-exported here). `gather_evidence`
is pure: the caller (services/review_report.py) reads the
figures from `store.figures` into `PeriodFacts`. `review_suggestions` words
question 3's findings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence

from rolemap.domain.attribution import attribute, link_shares
from rolemap.domain.entities import Link, Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.map_changes import MapChanges
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.review_rows import (
    WEAK_CONFIDENCE,
    YIELD_HOURS,
    AccountabilityRow,
    ActivityRow,
    AllocationGap,
    CheckPoint,
    Evidence,
    OutcomeRow,
    OutputRow,
    PeriodFacts,
    Ranked,
    WeakLink,
    per_ten_hours,
)
from rolemap.domain.role_map import RoleMap

__all__ = [
    "WEAK_CONFIDENCE",
    "YIELD_HOURS",
    "AccountabilityRow",
    "ActivityRow",
    "AllocationGap",
    "CheckPoint",
    "Evidence",
    "OutcomeRow",
    "OutputRow",
    "PeriodFacts",
    "Ranked",
    "WeakLink",
    "gather_evidence",
    "per_ten_hours",
    "track",
    "weak_flows",
]


def gather_evidence(
    role_map: RoleMap,
    facts: PeriodFacts,
    changes: MapChanges | None = None,
    changes_note: str = "",
) -> Evidence:
    """The evidence of the four questions for `facts`' period on `role_map`."""
    hours = {a: h for a, h in facts.activity_hours.items() if a in role_map.nodes}
    attribution = attribute(role_map, hours)
    weak_in, link_hours = weak_flows(role_map, hours)
    reaching = reaching_outcome(role_map)
    days = (facts.last_day - facts.first_day).days + 1
    activities = _activities(role_map, hours, facts.deliveries, reaching, days / 7)
    outputs = tuple(
        OutputRow(
            node.id,
            node.title,
            attribution.output_hours.get(node.id, 0.0),
            facts.deliveries.get(node.id, 0),
            node.id in reaching,
        )
        for node in _by_title(role_map, NodeKind.OUTPUT)
    )
    outcome_rows = tuple(
        _outcome_row(role_map, node.id, attribution.outcome_hours, weak_in, facts)
        for node in _by_title(role_map, NodeKind.OUTCOME)
    )
    outcome_rows = tuple(sorted(outcome_rows, key=lambda o: (-o.hours, o.title.casefold())))
    weak_links = tuple(
        sorted(
            (
                WeakLink(
                    link.id,
                    role_map.nodes[link.source].title,
                    role_map.nodes[link.target].title,
                    float(link.confidence),
                    link_hours.get(link.id, 0.0),
                )
                for link in role_map.links.values()
                if _weak(link) and link.confidence is not None
            ),
            key=lambda w: (-w.hours, w.source.casefold(), w.target.casefold()),
        )
    )
    return Evidence(
        first_day=facts.first_day,
        last_day=facts.last_day,
        total_hours=attribution.total_hours,
        purposeful_hours=attribution.purposeful_hours,
        attributed_hours=attribution.attributed_hours,
        weak_hours=sum(weak_in.values()),
        activities=activities,
        outputs=tuple(sorted(outputs, key=lambda o: (-o.hours_in, o.title.casefold()))),
        outcomes=outcome_rows,
        weak_links=weak_links,
        unanchored=tuple(
            Ranked(a.id, a.title, a.hours) for a in activities if not a.reaches_outcome
        ),
        unfed_outcomes=tuple(
            Ranked(o.id, o.title, 0.0) for o in sorted(outcome_rows, key=_title) if o.hours <= 0
        ),
        allocation=_allocation(role_map, facts.category_hours),
        accountabilities=_accountabilities(role_map, outcome_rows),
        changes=changes,
        changes_note=changes_note,
    )


def _title(row: OutcomeRow) -> str:
    return row.title.casefold()


def _by_title(role_map: RoleMap, kind: NodeKind) -> list[Node]:
    return sorted(
        (n for n in role_map.nodes.values() if n.kind is kind), key=lambda n: n.title.casefold()
    )


def _activities(
    role_map: RoleMap,
    hours: Mapping[str, float],
    deliveries: Mapping[str, int],
    reaching: set[str],
    weeks: float,
) -> tuple[ActivityRow, ...]:
    feeds: dict[str, list[str]] = {}
    for link in role_map.links.values():
        target = role_map.nodes[link.target]
        if target.kind is NodeKind.OUTPUT:
            feeds.setdefault(link.source, []).append(target.id)
    rows = []
    for node in _by_title(role_map, NodeKind.ACTIVITY):
        outputs = tuple(sorted(feeds.get(node.id, ())))
        rows.append(
            ActivityRow(
                node.id,
                node.title,
                str(node.detail("category") or "Other"),
                float(node.detail("planned_hours") or 0.0) * weeks,
                hours.get(node.id, 0.0),
                outputs,
                sum(deliveries.get(o, 0) for o in outputs),
                node.id in reaching,
            )
        )
    rows.sort(key=lambda a: (-a.hours, -a.planned_hours, a.title.casefold()))
    return tuple(rows)


def _weak(link: Link) -> bool:
    return link.confidence is not None and link.confidence < WEAK_CONFIDENCE


def weak_flows(
    role_map: RoleMap, activity_hours: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """(outcome id → hours that reached it along a path with a weak link, link id → hours
    that went along it), splitting hours as `domain.attribution` does."""
    outgoing: dict[str, list[Link]] = {}
    for link in role_map.links.values():
        outgoing.setdefault(link.source, []).append(link)
    kinds = {node.id: node.kind for node in role_map.nodes.values()}
    sure: dict[str, float] = {}  # output id → hours that came along strong links only
    shaky: dict[str, float] = {}  # output id → hours that crossed a weak link
    weak_in: dict[str, float] = {}
    along: dict[str, float] = {}

    def send(source: str, strong: float, weak: float) -> None:
        links = outgoing.get(source, [])
        for link_id, share in link_shares(links).items():
            if share <= 0:
                continue
            link = role_map.links[link_id]
            s, w = strong * share, weak * share
            if _weak(link):
                s, w = 0.0, s + w
            along[link_id] = along.get(link_id, 0.0) + s + w
            target = kinds.get(link.target)
            if target is NodeKind.OUTPUT:
                sure[link.target] = sure.get(link.target, 0.0) + s
                shaky[link.target] = shaky.get(link.target, 0.0) + w
            elif target is NodeKind.OUTCOME and w > 0:
                weak_in[link.target] = weak_in.get(link.target, 0.0) + w

    for activity_id, hours in activity_hours.items():
        if kinds.get(activity_id) is NodeKind.ACTIVITY and hours > 0:
            send(activity_id, hours, 0.0)
    for output_id in list(sure.keys() | shaky.keys()):
        send(output_id, sure.get(output_id, 0.0), shaky.get(output_id, 0.0))
    return weak_in, along


def _outcome_row(
    role_map: RoleMap,
    outcome_id: str,
    attributed: Mapping[str, float],
    weak_in: Mapping[str, float],
    facts: PeriodFacts,
) -> OutcomeRow:
    node = role_map.nodes[outcome_id]
    points = list(facts.checkins.get(outcome_id, ()))
    start = points[0] if points else None
    end = points[-1] if points else None
    baseline, target = _number(node.detail("baseline")), _number(node.detail("target"))
    due = node.detail("due") or None
    direction = str(node.detail("direction") or "up")
    expected = on_track = None
    if end is not None and baseline is not None and target is not None and due:
        begun = _line_start(role_map.role.created, facts.first_checkin.get(outcome_id))
        if begun is not None:
            expected, on_track = track(baseline, target, begun, str(due), end, direction)
    feeding = [
        link.source
        for link in role_map.links.values()
        if link.target == outcome_id and role_map.nodes[link.source].kind is NodeKind.OUTPUT
    ]
    return OutcomeRow(
        id=node.id,
        title=node.title,
        unit=str(node.detail("unit") or ""),
        direction=direction,
        baseline=baseline,
        target=target,
        due=str(due) if due else None,
        accountability=str(node.detail("accountability") or ""),
        hours=attributed.get(outcome_id, 0.0),
        weak_hours=weak_in.get(outcome_id, 0.0),
        deliveries=sum(facts.deliveries.get(o, 0) for o in feeding),
        start=start,
        end=end,
        expected=expected,
        on_track=on_track,
    )


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _line_start(created: str, first_checkin: dt.date | None) -> dt.date | None:
    """Where the straight line starts: the role's creation or the first check-in, the earlier."""
    days = [first_checkin] if first_checkin is not None else []
    with contextlib.suppress(ValueError):
        days.append(dt.date.fromisoformat(created[:10]))
    return min(days, default=None)


def track(
    baseline: float, target: float, begun: dt.date, due: str, point: CheckPoint, direction: str
) -> tuple[float | None, bool | None]:
    """(where the line from baseline on `begun` to target on `due` stands on the point's
    day, whether the point is on or ahead of it). The line's own direction (target above
    or below baseline) says which side is ahead; `direction` only when they are equal."""
    try:
        end_day, day = dt.date.fromisoformat(due), dt.date.fromisoformat(point.day)
    except ValueError:
        return None, None
    span = (end_day - begun).days
    share = 1.0 if span <= 0 else min(1.0, max(0.0, (day - begun).days / span))
    expected = baseline + (target - baseline) * share
    rising = target > baseline if target != baseline else direction != "down"
    slack = 1e-9 * max(1.0, abs(expected))
    ahead = point.value >= expected - slack if rising else point.value <= expected + slack
    return expected, ahead


def _allocation(
    role_map: RoleMap, category_hours: Mapping[str, float]
) -> tuple[AllocationGap, ...]:
    total = sum(h for h in category_hours.values() if h > 0)
    ideal = {name: float(share) for name, share in role_map.role.ideal_allocation.items()}
    if total <= 0 or not any(share > 0 for share in ideal.values()):
        return ()
    names = set(ideal) | {name for name, h in category_hours.items() if h > 0}
    gaps = [
        AllocationGap(
            name,
            ideal.get(name, 0.0),
            max(0.0, category_hours.get(name, 0.0)) / total,
            max(0.0, category_hours.get(name, 0.0)),
        )
        for name in names
    ]
    gaps.sort(key=lambda g: (-abs(g.gap), g.category.casefold()))
    return tuple(gaps)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _accountabilities(
    role_map: RoleMap, outcomes: Sequence[OutcomeRow]
) -> tuple[AccountabilityRow, ...]:
    serving: dict[str, list[OutcomeRow]] = {}
    for row in outcomes:
        if row.accountability.strip():
            serving.setdefault(_key(row.accountability), []).append(row)
    rows = []
    listed = set()
    for name in role_map.role.accountabilities:
        if not name.strip() or _key(name) in listed:
            continue
        listed.add(_key(name))
        served = sorted(serving.get(_key(name), ()), key=_title)
        hours = sum(o.hours for o in served)
        status = "unserved" if not served else "served" if hours > 0 else "neglected"
        rows.append(AccountabilityRow(name, status, tuple(o.title for o in served), hours))
    for key, served in sorted(serving.items()):
        if key not in listed:
            served = sorted(served, key=_title)
            rows.append(
                AccountabilityRow(
                    served[0].accountability,
                    "unknown",
                    tuple(o.title for o in served),
                    sum(o.hours for o in served),
                )
            )
    return tuple(rows)
