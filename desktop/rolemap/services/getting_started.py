"""The four steps' progress for one role, read from the store (the welcome page shows it).

Gathers the facts `domain/getting_started.py` judges: the person's own time
in the last seven local days (the example's sample entries left out, a
running timer counted so far), whether a calendar was ever imported, the map's
targets, rubrics, lines of sight and allocation, the last exports of the
one-page diagram (its export preset keeps the path) and of the manual, and
the next review's date. Reads only; a handful of indexed queries.
"""

from __future__ import annotations

import datetime as dt
import time

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.getting_started import (
    AUDIT_DAYS,
    AuditFacts,
    ManualFacts,
    ReviewFacts,
    Step,
    design_facts,
    four_steps,
)
from rolemap.domain.periods import local_date, local_midnight, local_zone, split_by_day
from rolemap.domain.role_map import RoleMap
from rolemap.services.review_session import review_status
from rolemap.store.database import Store
from rolemap.store.getting_started import calendar_imported, manual_exported
from rolemap.store.preferences import load_preset
from rolemap.store.record_repository import RecordRepository
from rolemap.store.review_repository import ReviewRepository


def role_steps(
    store: Store, role_map: RoleMap, now: int | None = None, tz: dt.tzinfo | None = None
) -> tuple[Step, ...]:
    """The four steps of `role_map`'s role as of `now` (UTC seconds) in zone `tz`."""
    now = int(time.time()) if now is None else now
    tz = tz or local_zone()
    today = local_date(now, tz)
    role_id = role_map.role.id
    history = ReviewRepository(store).history(role_id)
    status = review_status(history, role_map.role, today)
    last = history.finished[0] if history.finished else None
    manual = manual_exported(store, role_id)
    return four_steps(
        audit_facts(store, role_id, now, tz),
        design_facts(role_map),
        ManualFacts(
            diagram_path=load_preset(store, role_id).path,
            manual_path=manual.path if manual else "",
            manual_day=manual.day if manual else None,
        ),
        ReviewFacts(
            cadence=status.cadence,
            due=status.due,
            is_due=status.is_due,
            in_progress=status.in_progress is not None,
            last_finished=_finished_day(last.finished, tz) if last and last.finished else None,
        ),
        today,
    )


def audit_facts(store: Store, role_id: str, now: int, tz: dt.tzinfo) -> AuditFacts:
    """Days of the last seven (today included) with the person's own time on the role."""
    today = local_date(now, tz)
    first = today - dt.timedelta(days=AUDIT_DAYS - 1)
    low = local_midnight(first, tz)
    high = local_midnight(today + dt.timedelta(days=1), tz)
    # An entry is at most a day long: one that starts a day early can still reach in.
    entries = RecordRepository(store).time_entries_between(role_id, low - MAX_ENTRY_SECONDS, high)
    own: set[dt.date] = set()
    sample: set[dt.date] = set()
    for entry in entries:
        duration = entry.duration
        if duration is None:  # a running timer: its time so far
            duration = max(0, min(now - entry.start, MAX_ENTRY_SECONDS))
        for day, seconds in split_by_day(entry.start, duration, tz):
            if seconds > 0 and first <= day <= today:
                (sample if entry.example else own).add(day)
    return AuditFacts(
        days_tracked=len(own),
        calendar_imported=calendar_imported(store.conn, role_id),
        example_days=len(sample - own),
    )


def _finished_day(finished: str, tz: dt.tzinfo) -> dt.date | None:
    try:
        moment = dt.datetime.fromisoformat(finished.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz).date()
