"""`rolemap cancel`, `continue`, `edit` and `delete`: the running timer and single entries.

Entries are named by the short ids `rolemap log --list` shows.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from rolemap.cli.common import CommandError, given, say
from rolemap.cli.tracking_session import (
    MIN_ID,
    SHORT_ID,
    clock,
    command,
    current_time,
    local,
    session,
    title_of,
)
from rolemap.domain import record_rules
from rolemap.domain.durations import format_duration, parse_duration
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import parse_when
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import clean_text
from rolemap.domain.tracking import TimeEntry
from rolemap.store.database import Store
from rolemap.store.record_repository import RecordRepository


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `cancel`, `continue`, `edit` and `delete` to the parser."""

    def add(
        name: str, help_text: str, description: str, handler: object
    ) -> argparse.ArgumentParser:
        return command(commands, name, help_text, description, handler)  # type: ignore[arg-type]

    add(
        "cancel",
        "discard the running timer",
        "Discard the running timer: nothing is logged.",
        run_cancel,
    )
    add(
        "continue",
        "start the timer on the last activity again",
        "Start the timer on the activity of the role's latest time entry.",
        run_continue,
    )
    edit = add(
        "edit",
        "change a time entry (by the id rolemap log --list shows)",
        "Change one time entry, named by its id or a unique beginning of it (at least 4 "
        "characters, as rolemap log --list shows them).",
        run_edit,
    )
    edit.add_argument("id", metavar="ID")
    edit.add_argument("--activity", type=given, metavar="A", help="move it to another activity")
    edit.add_argument("--at", type=given, metavar="WHEN", help="a new start (keeps the duration)")
    edit.add_argument("--duration", type=given, metavar="D", help="a new duration: 45m, 1h30")
    edit.add_argument("--note", metavar="T", help="a new note ('' clears it)")
    delete = add(
        "delete",
        "delete a time entry (by the id rolemap log --list shows)",
        "Delete one time entry, named by its id or a unique beginning of it.",
        run_delete,
    )
    delete.add_argument("id", metavar="ID")


def run_cancel(args: argparse.Namespace) -> int:
    """Discard the running timer."""
    with session(args) as (store, _role_map):
        records = RecordRepository(store)
        with store.transaction():
            running = records.running_timer()
            if running is None:
                raise CommandError("No timer is running.")
            records.delete_time_entries([running.id])
        say(
            f"Cancelled the timer on ‘{title_of(store, running.activity_id)}’ "
            f"(started {clock(running.start)}): nothing was logged."
        )
    return 0


def run_continue(args: argparse.Namespace) -> int:
    """Start the timer on the activity of the role's latest entry."""
    with session(args) as (store, role_map):
        records = RecordRepository(store)
        with store.transaction():
            latest = records.latest_time_entry(role_map.role.id)
            if latest is None:
                raise CommandError(
                    f"Nothing to continue: no time is logged on ‘{role_map.role.name}’ yet."
                )
            running = records.running_timer()
            title = title_of(store, running.activity_id) if running else ""
            entry = record_rules.start_timer(running, latest.activity_id, current_time(), title)
            records.put_time_entries([entry])
        say(
            f"Continued ‘{title_of(store, entry.activity_id)}’: the timer runs from "
            f"{clock(entry.start)}."
        )
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """Change one entry's activity, start, duration or note."""
    if args.activity is None and args.at is None and args.duration is None and args.note is None:
        raise CommandError("Say what to change: --activity, --at, --duration or --note.")
    with session(args) as (store, role_map):
        records = RecordRepository(store)
        with store.transaction():
            entry = _entry_by_id(records, role_map, args.id)
            changed = entry
            if args.activity is not None:
                node = record_rules.find_by_title(role_map, NodeKind.ACTIVITY, args.activity)
                changed = replace(changed, activity_id=node.id)
            if args.at is not None:
                start = int(parse_when(args.at, local(current_time())).timestamp())
                changed = replace(changed, start=start)
            if args.duration is not None:
                if entry.duration is None:
                    raise CommandError("The timer is still running: stop it first.")
                changed = replace(changed, duration=parse_duration(args.duration))
            if args.note is not None:
                changed = replace(changed, note=clean_text(args.note, "The note"))
            records.put_time_entries([record_rules.check_entry(changed)])
        say(f"Changed {_entry_text(store, changed)}.")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Delete one entry."""
    with session(args) as (store, role_map):
        records = RecordRepository(store)
        with store.transaction():
            entry = _entry_by_id(records, role_map, args.id)
            records.delete_time_entries([entry.id])
        say(f"Deleted {_entry_text(store, entry)}.")
    return 0


def _entry_by_id(records: RecordRepository, role_map: RoleMap, given_id: str) -> TimeEntry:
    """The role's one entry whose id starts with `given_id`; CommandError otherwise."""
    prefix = given_id.strip().lower()
    if len(prefix) < MIN_ID:
        raise CommandError(
            f"‘{given_id}’ is too short an id: give at least {MIN_ID} characters "
            "(rolemap log --list shows them)."
        )
    found = records.time_entries_by_prefix(role_map.role.id, prefix, limit=2)
    if not found:
        raise CommandError(
            f"No time entry of ‘{role_map.role.name}’ has an id starting ‘{given_id}’ "
            "(rolemap log --list shows them)."
        )
    if len(found) > 1:
        raise CommandError(f"‘{given_id}’ begins several entries' ids: give more of it.")
    return found[0]


def _entry_text(store: Store, entry: TimeEntry) -> str:
    span = clock(entry.start)
    if entry.duration is not None:
        span += f"–{local(entry.start + entry.duration).strftime('%H:%M')}"
        span += f" ({format_duration(entry.duration)})"
    else:
        span += " (running)"
    return f"entry {entry.id[:SHORT_ID]}: ‘{title_of(store, entry.activity_id)}’ {span}"
