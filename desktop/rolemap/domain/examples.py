"""Four weeks of sample records for the example role, so a new user sees a filled dashboard.

`sample_records(role_map, today)` makes plausible time entries (each
activity's planned hours a week, give or take, in sessions on weekdays during
working hours), deliveries of the outputs and weekly check-ins that move each
outcome from its baseline toward its target. Everything is dated in the 28
days before `today`, marked `example=True` (Edit → Remove example data takes
it away) and reproducible: the same map and day give the same records.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry

WEEKS = 4
_NAMESPACE = uuid.UUID("6f0c7a9e-4d1b-4f7e-9a59-1d3a0d5c2b10")
# The example tells a story: admin creeps up, maker's work is squeezed.
_DRIFT = {"Admin & email": 1.5, "Maker's work": 0.6, "Strategic thinking & planning": 0.8}
_DELIVERY_CHOICES = ((0, 1), (1, 1, 2), (0, 1, 1), (2, 3, 4), (0, 0, 1), (1, 2))


@dataclass(frozen=True)
class SampleRecords:
    """The sample time entries, deliveries and check-ins."""

    time_entries: list[TimeEntry]
    deliveries: list[Delivery]
    checkins: list[CheckIn]


def sample_records(role_map: RoleMap, today: dt.date) -> SampleRecords:
    """Four weeks of example records for `role_map`, ending the day before `today`."""
    rng = random.Random(today.toordinal())
    role_id = role_map.role.id
    counter = iter(range(1_000_000))

    def new_id(kind: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, f"{role_id}/{today.isoformat()}/{kind}/{next(counter)}"))

    first = today - dt.timedelta(days=WEEKS * 7)
    days = [first + dt.timedelta(days=i) for i in range(WEEKS * 7)]
    workdays = [d for d in days if d.weekday() < 5]
    entries: list[TimeEntry] = []
    for week in range(WEEKS):
        week_days = [d for d in workdays if (d - first).days // 7 == week]
        sessions: dict[dt.date, list[tuple[str, int]]] = {d: [] for d in week_days}
        for activity in role_map.nodes_of(NodeKind.ACTIVITY):
            planned = float(activity.detail("planned_hours") or 2.0)
            planned *= _DRIFT.get(str(activity.detail("category")), 1.0)
            minutes = int(planned * 60 * rng.uniform(0.7, 1.3) / 15) * 15
            while minutes > 0:
                length = min(minutes, rng.choice((30, 45, 60, 60, 90, 120)))
                sessions[rng.choice(week_days)].append((activity.id, length))
                minutes -= length
        for day, planned_sessions in sessions.items():
            rng.shuffle(planned_sessions)
            cursor = dt.datetime.combine(day, dt.time(9, rng.choice((0, 15, 30))))
            for activity_id, length in planned_sessions:
                entries.append(
                    TimeEntry(
                        new_id("entry"),
                        activity_id,
                        int(cursor.timestamp()),  # naive = local time
                        length * 60,
                        source="example",
                        example=True,
                    )
                )
                cursor += dt.timedelta(minutes=length + rng.choice((0, 0, 15, 30)))
    deliveries: list[Delivery] = []
    for i, output in enumerate(role_map.nodes_of(NodeKind.OUTPUT)):
        for week in range(WEEKS):
            for _ in range(rng.choice(_DELIVERY_CHOICES[i % len(_DELIVERY_CHOICES)])):
                day = rng.choice([d for d in workdays if (d - first).days // 7 == week])
                deliveries.append(
                    Delivery(new_id("delivery"), output.id, day.isoformat(),
                             f"{output.title} (example)", example=True)
                )  # fmt: skip
    checkins: list[CheckIn] = []
    for outcome in role_map.nodes_of(NodeKind.OUTCOME):
        baseline, target = outcome.detail("baseline"), outcome.detail("target")
        if not isinstance(baseline, int | float) or not isinstance(target, int | float):
            continue
        progress = rng.uniform(0.05, 0.15)
        for week in range(WEEKS):
            friday = first + dt.timedelta(days=week * 7 + (4 - first.weekday()) % 7)
            progress += rng.uniform(0.02, 0.09)
            value = round(baseline + (target - baseline) * progress, 1)
            checkins.append(
                CheckIn(new_id("checkin"), outcome.id, friday.isoformat(), value,
                        round(rng.uniform(0.55, 0.85), 2), "Example check-in", example=True)
            )  # fmt: skip
    return SampleRecords(entries, deliveries, checkins)
