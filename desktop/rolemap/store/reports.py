"""The tracking report: hours per activity and category, deliveries, check-ins, attribution.

The aggregates are SQL over the daily roll-up (`store/rollup.py`: seconds per
activity per *local* day, kept by triggers), so a report over a million
entries reads a few thousand rows. A running timer is not in the roll-up; its
time so far is added, clipped to the period. `build_report` combines the
queries with the domain's attribution; `report_json` is what
`rolemap report --json` prints.

JSON shape (hours are floats rounded to 3 decimals; dates are local ISO dates;
times are ISO 8601 with the local offset)::

    {
      "role": {"id": str, "name": str},
      "period": {"name": "week"|"month"|"quarter"|"year"|"all"|"range",
                 "from": "YYYY-MM-DD" | null, "to": "YYYY-MM-DD" | null,  # both included
                 "timezone": str},
      "generated": "2024-03-08T12:00:00+01:00",
      "total_hours": float,
      "purposeful_hours": float,
      "purposeful_share": float | null,        # null when nothing was tracked
      "attributed_hours": float,               # hours that reached some outcome
      "running_timer": null | {"activity_id": str, "activity": str,
                               "start": ISO time, "elapsed_hours": float},
      "categories": [{"category": str, "hours": float, "share": float}],   # most hours first
      "activities": [{"id": str, "title": str, "category": str, "hours": float,
                      "reaches_outcome": bool}],                          # most hours first
      "outputs": [{"id": str, "title": str, "attributed_hours": float,
                   "deliveries": int}],                                    # every output
      "outcomes": [{"id": str, "title": str, "attributed_hours": float,
                    "metric": str, "unit": str, "target": float | null,
                    "latest_checkin": null | {"date": str, "value": float,
                                              "confidence": float | null, "note": str}}]
    }
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rolemap.domain.attribution import Attribution, attribute
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, TimeEntry
from rolemap.store.rollup import ensure_local_zone

_EPOCH = dt.date(1970, 1, 1)
_CATEGORY = "COALESCE(NULLIF(json_extract(n.details, '$.category'), ''), 'Other')"


def _days(period: Period) -> tuple[int, int]:
    """The period as inclusive local day numbers (unbounded ends become extremes)."""
    first = -(10**9) if period.start is None else (period.start - _EPOCH).days
    last = 10**9 if period.end is None else (period.end - _EPOCH).days - 1
    return first, last


def _dates(period: Period) -> tuple[str, str]:
    """The period as ISO date bounds [from, to) for TEXT date columns."""
    return (
        "0000-00-00" if period.start is None else period.start.isoformat(),
        "9999-99-99" if period.end is None else period.end.isoformat(),
    )


def activity_seconds(conn: sqlite3.Connection, role_id: str, period: Period) -> dict[str, int]:
    """Finished seconds per activity of the role in the period (activities with time only)."""
    first, last = _days(period)
    rows = conn.execute(
        "SELECT r.activity_id, SUM(r.seconds) FROM time_rollup r "
        "WHERE r.activity_id IN (SELECT id FROM nodes WHERE role_id = ? AND kind = 'activity') "
        "AND r.day BETWEEN ? AND ? GROUP BY r.activity_id HAVING SUM(r.seconds) > 0",
        (role_id, first, last),
    ).fetchall()
    return {str(a): int(s) for a, s in rows}


def category_seconds(conn: sqlite3.Connection, role_id: str, period: Period) -> dict[str, int]:
    """Finished seconds per activity category in the period ("Other" when unset)."""
    first, last = _days(period)
    rows = conn.execute(
        f"SELECT {_CATEGORY} AS category, SUM(r.seconds) FROM time_rollup r "
        "JOIN nodes n ON n.id = r.activity_id "
        "WHERE n.role_id = ? AND n.kind = 'activity' AND r.day BETWEEN ? AND ? "
        "GROUP BY category HAVING SUM(r.seconds) > 0",
        (role_id, first, last),
    ).fetchall()
    return {str(c): int(s) for c, s in rows}


def seconds_between(conn: sqlite3.Connection, role_id: str, start: int, end: int) -> dict[str, int]:
    """Finished seconds per activity inside the UTC range [start, end), entries clipped to it.

    Straight from the entries (for ranges that are not whole local days); an
    entry that starts more than a day before `start` is not seen (entries are
    at most 24 h long).
    """
    rows = conn.execute(
        "SELECT activity_id, SUM(MAX(0, MIN(start + duration, ?) - MAX(start, ?))) "
        "FROM time_entries WHERE duration > 0 AND start >= ? AND start < ? "
        "AND activity_id IN (SELECT id FROM nodes WHERE role_id = ?) GROUP BY activity_id",
        (end, start, start - 86400, end, role_id),
    ).fetchall()
    return {str(a): int(s) for a, s in rows if s}


def delivery_counts(conn: sqlite3.Connection, role_id: str, period: Period) -> dict[str, int]:
    """Deliveries per output of the role with a date in the period."""
    low, high = _dates(period)
    rows = conn.execute(
        "SELECT d.output_id, COUNT(*) FROM deliveries d JOIN nodes n ON n.id = d.output_id "
        "WHERE n.role_id = ? AND d.date >= ? AND d.date < ? GROUP BY d.output_id",
        (role_id, low, high),
    ).fetchall()
    return {str(o): int(c) for o, c in rows}


def latest_checkins(
    conn: sqlite3.Connection, role_id: str, until: dt.date | None = None
) -> dict[str, CheckIn]:
    """Each outcome's latest check-in dated before `until` (None: the latest of all)."""
    high = "9999-99-99" if until is None else until.isoformat()
    rows = conn.execute(
        "SELECT id, outcome_id, date, value, confidence, note, example FROM ("
        "  SELECT c.*, ROW_NUMBER() OVER ("
        "    PARTITION BY c.outcome_id ORDER BY c.date DESC, c.rowid DESC) AS rank "
        "  FROM checkins c JOIN nodes n ON n.id = c.outcome_id "
        "  WHERE n.role_id = ? AND c.date < ?) WHERE rank = 1",
        (role_id, high),
    ).fetchall()
    return {
        str(r[1]): CheckIn(r[0], r[1], r[2], float(r[3]), r[4], r[5] or "", bool(r[6]))
        for r in rows
    }


def running_seconds(running: TimeEntry | None, period: Period, tz: dt.tzinfo, now: int) -> int:
    """The running timer's time so far that falls inside the period."""
    if running is None or running.duration is not None:
        return 0
    low, high = period.utc_bounds(tz)
    start = running.start if low is None else max(running.start, low)
    end = now if high is None else min(now, high)
    return max(0, end - start)


@dataclass(frozen=True)
class Report:
    """A role's tracking report over a period (seconds; hours via `attribution`)."""

    role_map: RoleMap
    period: Period
    tz: dt.tzinfo
    now: int
    activity_seconds: Mapping[str, int]
    category_seconds: Mapping[str, int]
    deliveries: Mapping[str, int]
    checkins: Mapping[str, CheckIn]
    running: TimeEntry | None
    attribution: Attribution = field(repr=False)

    @property
    def total_seconds(self) -> int:
        """Every tracked second in the period (the running timer's included)."""
        return sum(self.activity_seconds.values())


def build_report(
    conn: sqlite3.Connection,
    role_map: RoleMap,
    period: Period,
    tz: dt.tzinfo,
    now: int,
    *,
    refresh_zone: bool = True,
) -> Report:
    """Run every query of the report and attribute the hours to outcomes.

    `refresh_zone` first brings the roll-up to the current local zone (a write
    only when the zone changed; do not call inside a transaction).
    """
    if refresh_zone:
        ensure_local_zone(conn)
    role_id = role_map.role.id
    per_activity = activity_seconds(conn, role_id, period)
    per_category = category_seconds(conn, role_id, period)
    timer = _running_timer(conn)
    if timer is not None and timer.activity_id in role_map.nodes:
        extra = running_seconds(timer, period, tz, now)
        if extra:
            per_activity[timer.activity_id] = per_activity.get(timer.activity_id, 0) + extra
            category = str(role_map.nodes[timer.activity_id].detail("category") or "Other")
            per_category[category] = per_category.get(category, 0) + extra
    else:
        timer = None
    attribution = attribute(role_map, {a: s / 3600 for a, s in per_activity.items()})
    return Report(
        role_map=role_map,
        period=period,
        tz=tz,
        now=now,
        activity_seconds=per_activity,
        category_seconds=per_category,
        deliveries=delivery_counts(conn, role_id, period),
        checkins=latest_checkins(conn, role_id, period.end),
        running=timer,
        attribution=attribution,
    )


def _running_timer(conn: sqlite3.Connection) -> TimeEntry | None:
    row = conn.execute(
        "SELECT id, activity_id, start, note, source FROM time_entries "
        "WHERE duration IS NULL ORDER BY start DESC LIMIT 1"
    ).fetchone()
    return None if row is None else TimeEntry(row[0], row[1], row[2], None, row[3] or "", row[4])


def _hours(seconds: float) -> float:
    return round(seconds / 3600, 3)


def report_json(report: Report) -> dict[str, Any]:
    """The report as the documented JSON value (see the module docstring)."""
    role_map = report.role_map
    nodes = role_map.nodes
    attribution = report.attribution
    total = report.total_seconds
    reaching = reaching_outcome(role_map)
    period = report.period
    running = report.running
    share = attribution.purposeful_share
    return {
        "role": {"id": role_map.role.id, "name": role_map.role.name},
        "period": {
            "name": period.name,
            "from": None if period.start is None else period.start.isoformat(),
            "to": None if period.last_day is None else period.last_day.isoformat(),
            "timezone": str(getattr(report.tz, "key", None) or report.tz),
        },
        "generated": dt.datetime.fromtimestamp(report.now, report.tz).isoformat(timespec="seconds"),
        "total_hours": _hours(total),
        "purposeful_hours": round(attribution.purposeful_hours, 3),
        "purposeful_share": None if share is None else round(share, 4),
        "attributed_hours": round(attribution.attributed_hours, 3),
        "running_timer": None
        if running is None
        else {
            "activity_id": running.activity_id,
            "activity": nodes[running.activity_id].title,
            "start": dt.datetime.fromtimestamp(running.start, report.tz).isoformat(
                timespec="seconds"
            ),
            "elapsed_hours": _hours(max(0, report.now - running.start)),
        },
        "categories": [
            {"category": name, "hours": _hours(seconds), "share": round(seconds / total, 4)}
            for name, seconds in sorted(
                report.category_seconds.items(), key=lambda i: (-i[1], i[0])
            )
        ],
        "activities": [
            {
                "id": activity_id,
                "title": nodes[activity_id].title,
                "category": str(nodes[activity_id].detail("category") or "Other"),
                "hours": _hours(seconds),
                "reaches_outcome": activity_id in reaching,
            }
            for activity_id, seconds in sorted(
                report.activity_seconds.items(), key=lambda i: (-i[1], nodes[i[0]].title)
            )
        ],
        "outputs": [
            {
                "id": node.id,
                "title": node.title,
                "attributed_hours": round(attribution.output_hours.get(node.id, 0.0), 3),
                "deliveries": report.deliveries.get(node.id, 0),
            }
            for node in role_map.nodes_of(NodeKind.OUTPUT)
        ],
        "outcomes": [
            _outcome_json(report, node.id) for node in role_map.nodes_of(NodeKind.OUTCOME)
        ],
    }


def _outcome_json(report: Report, outcome_id: str) -> dict[str, Any]:
    node = report.role_map.nodes[outcome_id]
    checkin = report.checkins.get(outcome_id)
    return {
        "id": node.id,
        "title": node.title,
        "attributed_hours": round(report.attribution.outcome_hours.get(node.id, 0.0), 3),
        "metric": str(node.detail("metric") or ""),
        "unit": str(node.detail("unit") or ""),
        "target": node.detail("target"),
        "latest_checkin": None
        if checkin is None
        else {
            "date": checkin.date,
            "value": checkin.value,
            "confidence": checkin.confidence,
            "note": checkin.note,
        },
    }
