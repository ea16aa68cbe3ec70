"""Every figure Rolemap shows, from one place: the report, the dashboard, the page, the plan.

"Hours per activity, deliveries per output, latest check-in per outcome,
attributed hours per outcome, purposeful share, for this role and period" is
answered here and nowhere else. Hours are SQL over the daily roll-up
(`store/rollup.py`: seconds per activity per *local* day, kept by triggers),
so an entry across local midnight counts on both days and a report over a
million entries reads a few thousand rows. A running timer's time so far is
added, cut at local midnights and clipped to the period. Weeks are ISO weeks
in local time, named by their Monday.

`role_figures` gathers a period's figures with the domain's attribution;
the weekly series feed the dashboard. The command line's JSON and text
shapes live in `cli/report_format.py`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.tracking import CheckIn, TimeEntry

# The window's first paint reads `latest_checkins` only: the attribution, the
# periods and the roll-up (~3 ms to import) are imported where they are used.
if TYPE_CHECKING:
    from rolemap.domain.attribution import Attribution
    from rolemap.domain.periods import Period
    from rolemap.domain.role_map import RoleMap

_EPOCH = dt.date(1970, 1, 1)
_CATEGORY = "COALESCE(NULLIF(json_extract(n.details, '$.category'), ''), 'Other')"
# ISO weeks start on Monday; day 0 (1970-01-01) was a Thursday, weekday 3.
_WEEK = "(r.day - ((r.day + 3) % 7))"


def local_day(date: dt.date) -> int:
    """The local day number of a date (days since 1970-01-01), as the roll-up counts days."""
    return (date - _EPOCH).days


def day_date(day: int) -> dt.date:
    """The date of a local day number."""
    return _EPOCH + dt.timedelta(days=day)


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Mondays of every ISO week that overlaps `first`…`last`, empty weeks included."""
    from rolemap.domain.periods import week_start

    monday = week_start(first)
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


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
    # One indexed look-up per outcome (checkins(outcome_id, date)): a window over every
    # check-in of the role cost 10-14 ms at 5,000 check-ins, this ~0.05 ms.
    rows = conn.execute(
        "SELECT c.id, c.outcome_id, c.date, c.value, c.confidence, c.note, c.example "
        "FROM nodes n JOIN checkins c ON c.rowid = ("
        "  SELECT p.rowid FROM checkins p WHERE p.outcome_id = n.id AND p.date < ? "
        "  ORDER BY p.date DESC, p.rowid DESC LIMIT 1) "
        "WHERE n.role_id = ? AND n.kind = 'outcome'",
        (high, role_id),
    ).fetchall()
    return {
        str(r[1]): CheckIn(r[0], r[1], r[2], float(r[3]), r[4], r[5] or "", bool(r[6]))
        for r in rows
    }


def running_seconds(running: TimeEntry | None, period: Period, tz: dt.tzinfo, now: int) -> int:
    """The running timer's time so far that falls inside the period.

    At most one entry's worth (24 h): a timer left running for days is a
    forgotten one, and stopping it asks for the real end.
    """
    if running is None or running.duration is not None:
        return 0
    low, high = period.utc_bounds(tz)
    start = running.start if low is None else max(running.start, low)
    end = min(now, running.start + MAX_ENTRY_SECONDS)
    end = end if high is None else min(end, high)
    return max(0, end - start)


@dataclass(frozen=True)
class Figures:
    """A role's figures over a period (seconds; hours via `attribution`)."""

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


def role_figures(
    conn: sqlite3.Connection,
    role_map: RoleMap,
    period: Period,
    tz: dt.tzinfo,
    now: int,
    *,
    refresh_zone: bool = True,
) -> Figures:
    """Run every query of a period's figures and attribute the hours to outcomes.

    `refresh_zone` first brings the roll-up to the current local zone (a write
    only when the zone changed; do not call inside a transaction).
    """
    from rolemap.domain.attribution import attribute
    from rolemap.store.rollup import ensure_local_zone

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
    return Figures(
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


# -- weekly series (the dashboard) ----------------------------------------------------------


def activity_week_seconds(
    conn: sqlite3.Connection,
    role_map: RoleMap,
    period: Period,
    tz: dt.tzinfo,
    now: int,
) -> list[tuple[dt.date, str, int]]:
    """(week Monday, activity id, seconds) of the role's time in a bounded period.

    Weeks with time only; the running timer's time so far is added like the
    roll-up would count it once stopped, so the weeks sum to `role_figures`.
    """
    from rolemap.domain.periods import split_by_day, week_start

    assert period.start is not None and period.end is not None, "a bounded period"
    rows = conn.execute(
        f"SELECT {_WEEK} AS week, r.activity_id, SUM(r.seconds) "
        "FROM time_rollup r JOIN nodes n ON n.id = r.activity_id "
        "WHERE r.day BETWEEN ? AND ? AND n.role_id = ? AND n.kind = 'activity' "
        "GROUP BY week, r.activity_id HAVING SUM(r.seconds) > 0",
        (local_day(period.start), local_day(period.end) - 1, role_map.role.id),
    ).fetchall()
    totals = {(day_date(w), str(a)): int(s) for w, a, s in rows}
    timer = _running_timer(conn)
    if timer is not None and timer.activity_id in role_map.nodes and now > timer.start:
        so_far = min(now - timer.start, MAX_ENTRY_SECONDS)  # as running_seconds counts it
        for day, seconds in split_by_day(timer.start, so_far, tz):
            if period.contains(day):
                key = (week_start(day), timer.activity_id)
                totals[key] = totals.get(key, 0) + seconds
    return sorted((week, a, s) for (week, a), s in totals.items())


def delivery_week_counts(
    conn: sqlite3.Connection, role_id: str, period: Period
) -> list[tuple[dt.date, str, int]]:
    """(week Monday, output id, deliveries) in a bounded period, weeks with deliveries only."""
    low, high = _dates(period)
    rows = conn.execute(
        "SELECT day - ((day + 3) % 7) AS week, output_id, COUNT(*) FROM ("
        "  SELECT CAST(julianday(d.date) - 2440587.5 AS INTEGER) AS day, d.output_id "
        "  FROM deliveries d JOIN nodes n ON n.id = d.output_id "
        "  WHERE d.date >= ? AND d.date < ? AND n.role_id = ?) "
        "GROUP BY week, output_id ORDER BY week, output_id",
        (low, high, role_id),
    ).fetchall()
    return [(day_date(int(w)), str(o), int(c)) for w, o, c in rows]


def checkin_series(
    conn: sqlite3.Connection, role_id: str, period: Period
) -> list[tuple[str, dt.date, float]]:
    """(outcome id, date, value) of the role's check-ins in the period, by outcome and date.

    The latest check-in before the period is included too, so a line starts
    where the outcome stood when the period began.
    """
    low, high = _dates(period)
    rows = conn.execute(
        "SELECT c.outcome_id, c.date, c.value FROM checkins c "
        "JOIN nodes n ON n.id = c.outcome_id "
        "WHERE n.role_id = ? AND c.date < ? AND (c.date >= ? OR c.date = ("
        "  SELECT MAX(p.date) FROM checkins p WHERE p.outcome_id = c.outcome_id AND p.date < ?)) "
        "ORDER BY c.outcome_id, c.date, c.id",
        (role_id, high, low, low),
    ).fetchall()
    return [(str(o), dt.date.fromisoformat(d), float(v)) for o, d, v in rows]
