"""The one figure a review needs that `store/figures.py` does not have yet: each outcome's
first check-in, where the straight line from baseline to target starts.

Kept apart so the figures module stays one owner's; it belongs there (beside
`checkin_series`) when the two are next touched together.
"""

from __future__ import annotations

import datetime as dt
import sqlite3


def first_checkin_dates(conn: sqlite3.Connection, role_id: str) -> dict[str, dt.date]:
    """Outcome id → the date of its first check-in, for the role's outcomes that have one."""
    rows = conn.execute(
        "SELECT c.outcome_id, MIN(c.date) FROM checkins c JOIN nodes n ON n.id = c.outcome_id "
        "WHERE n.role_id = ? GROUP BY c.outcome_id",
        (role_id,),
    ).fetchall()
    found: dict[str, dt.date] = {}
    for outcome_id, day in rows:
        try:
            found[str(outcome_id)] = dt.date.fromisoformat(str(day))
        except ValueError:
            continue
    return found
