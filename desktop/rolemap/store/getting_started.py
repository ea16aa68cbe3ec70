"""The facts of the getting-started steps that no other store module keeps.

- Whether a calendar was ever imported into a role: its time entries with
  `source = 'ics'` (found through the (source, external_id) index).
- Whether the role still carries the example's sample time (the welcome page
  then offers to keep the example).
- When and where the role's operating manual was last exported: whoever
  writes a manual calls `note_manual_exported`; the mark is one row of the
  `preferences` table, `manual-export:<role id>` → {"path", "at"}, beside the
  diagram's export preset (`store/preferences.py`), which already records the
  diagram's last export.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rolemap.store.database import Store


@dataclass(frozen=True, slots=True)
class ExportMark:
    """A file Rolemap wrote for a role: where, and the local date it was written."""

    path: str
    day: dt.date | None


def manual_key(role_id: str) -> str:
    """The preferences key of a role's last manual export."""
    return f"manual-export:{role_id}"


def note_manual_exported(
    store: Store, role_id: str, path: Path | str, day: dt.date | None = None
) -> None:
    """Remember that the role's operating manual was written to `path` (one transaction).

    Call it after the file is in place: the welcome page's third step reads it.
    `day` defaults to today.
    """
    value = {"path": str(path), "at": (day or dt.date.today()).isoformat()}
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO preferences (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (manual_key(role_id), json.dumps(value, sort_keys=True)),
        )


def manual_exported(store: Store, role_id: str) -> ExportMark | None:
    """The role's last manual export, or None (never, or a mark that cannot be read)."""
    row = store.conn.execute(
        "SELECT value FROM preferences WHERE key = ?", (manual_key(role_id),)
    ).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("path"), str) or not data["path"]:
        return None
    try:
        day = dt.date.fromisoformat(str(data.get("at")))
    except ValueError:
        day = None
    return ExportMark(data["path"], day)


def calendar_imported(conn: sqlite3.Connection, role_id: str) -> bool:
    """Whether any of the role's time entries came from a calendar (.ics) import."""
    row = conn.execute(
        "SELECT 1 FROM time_entries WHERE source = 'ics' "
        "AND activity_id IN (SELECT id FROM nodes WHERE role_id = ?) LIMIT 1",
        (role_id,),
    ).fetchone()
    return row is not None


def has_sample_time(conn: sqlite3.Connection, role_id: str) -> bool:
    """Whether the role still carries the example's sample time entries (the first start's)."""
    row = conn.execute(
        "SELECT 1 FROM time_entries WHERE example = 1 "
        "AND activity_id IN (SELECT id FROM nodes WHERE role_id = ?) LIMIT 1",
        (role_id,),
    ).fetchone()
    return row is not None
