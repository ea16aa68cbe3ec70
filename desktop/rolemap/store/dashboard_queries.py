"""The dashboard's aggregates, computed in SQL over the daily roll-up and the records.

Days are *local* calendar days, numbered from 1970-01-01 (see store/rollup.py);
a week is an ISO week in local time, named by its Monday. Periods are whole
days, `first` to `last` inclusive. Hours come from `time_rollup`, so a
running timer does not count and an entry across midnight counts on both days.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

_EPOCH = dt.date(1970, 1, 1)

# ISO weeks start on Monday; day 0 (1970-01-01) was a Thursday, weekday 3.
_WEEK = "(r.day - ((r.day + 3) % 7))"


def local_day(date: dt.date) -> int:
    """The local day number of a date (days since 1970-01-01)."""
    return (date - _EPOCH).days


def day_date(day: int) -> dt.date:
    """The date of a local day number."""
    return _EPOCH + dt.timedelta(days=day)


def week_monday(date: dt.date) -> dt.date:
    """The Monday of the ISO week holding `date`."""
    return date - dt.timedelta(days=date.weekday())


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Mondays of every ISO week that overlaps `first`…`last`, empty weeks included."""
    monday = week_monday(first)
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def category_week_seconds(
    conn: sqlite3.Connection, role_id: str, first: dt.date, last: dt.date
) -> list[tuple[dt.date, str, int]]:
    """(week Monday, category, seconds) of the role's time, weeks with time only.

    An activity without a category counts as "Other".
    """
    rows = conn.execute(
        f"SELECT {_WEEK} AS week, "
        "COALESCE(NULLIF(json_extract(n.details, '$.category'), ''), 'Other') AS category, "
        "SUM(r.seconds) FROM time_rollup r JOIN nodes n ON n.id = r.activity_id "
        "WHERE r.day BETWEEN ? AND ? AND n.role_id = ? "
        "GROUP BY week, category HAVING SUM(r.seconds) > 0 ORDER BY week, category",
        (local_day(first), local_day(last), role_id),
    ).fetchall()
    return [(day_date(w), str(c), int(s)) for w, c, s in rows]


def activity_week_seconds(
    conn: sqlite3.Connection, role_id: str, first: dt.date, last: dt.date
) -> list[tuple[dt.date, str, int]]:
    """(week Monday, activity id, seconds) of the role's time, weeks with time only."""
    rows = conn.execute(
        f"SELECT {_WEEK} AS week, r.activity_id, SUM(r.seconds) "
        "FROM time_rollup r JOIN nodes n ON n.id = r.activity_id "
        "WHERE r.day BETWEEN ? AND ? AND n.role_id = ? "
        "GROUP BY week, r.activity_id HAVING SUM(r.seconds) > 0 ORDER BY week, r.activity_id",
        (local_day(first), local_day(last), role_id),
    ).fetchall()
    return [(day_date(w), str(a), int(s)) for w, a, s in rows]


def activity_seconds(
    conn: sqlite3.Connection, role_id: str, first: dt.date, last: dt.date
) -> dict[str, int]:
    """Seconds per activity over the period (activities with time only)."""
    rows = conn.execute(
        "SELECT r.activity_id, SUM(r.seconds) FROM time_rollup r "
        "JOIN nodes n ON n.id = r.activity_id "
        "WHERE r.day BETWEEN ? AND ? AND n.role_id = ? "
        "GROUP BY r.activity_id HAVING SUM(r.seconds) > 0",
        (local_day(first), local_day(last), role_id),
    ).fetchall()
    return {str(a): int(s) for a, s in rows}


def delivery_week_counts(
    conn: sqlite3.Connection, role_id: str, first: dt.date, last: dt.date
) -> list[tuple[dt.date, str, int]]:
    """(week Monday, output id, deliveries) over the period, weeks with deliveries only."""
    rows = conn.execute(
        "SELECT day - ((day + 3) % 7) AS week, output_id, COUNT(*) FROM ("
        "  SELECT CAST(julianday(d.date) - 2440587.5 AS INTEGER) AS day, d.output_id "
        "  FROM deliveries d JOIN nodes n ON n.id = d.output_id "
        "  WHERE d.date BETWEEN ? AND ? AND n.role_id = ?) "
        "GROUP BY week, output_id ORDER BY week, output_id",
        (first.isoformat(), last.isoformat(), role_id),
    ).fetchall()
    return [(day_date(int(w)), str(o), int(c)) for w, o, c in rows]


def checkin_series(
    conn: sqlite3.Connection, role_id: str, first: dt.date, last: dt.date
) -> list[tuple[str, dt.date, float]]:
    """(outcome id, date, value) of the role's check-ins in the period, by outcome and date.

    The latest check-in before the period is included too, so a line starts
    where the outcome stood when the period began.
    """
    rows = conn.execute(
        "SELECT c.outcome_id, c.date, c.value FROM checkins c "
        "JOIN nodes n ON n.id = c.outcome_id "
        "WHERE n.role_id = ? AND c.date <= ? AND (c.date >= ? OR c.date = ("
        "  SELECT MAX(p.date) FROM checkins p WHERE p.outcome_id = c.outcome_id AND p.date < ?)) "
        "ORDER BY c.outcome_id, c.date, c.id",
        (role_id, last.isoformat(), first.isoformat(), first.isoformat()),
    ).fetchall()
    return [(str(o), dt.date.fromisoformat(d), float(v)) for o, d, v in rows]
