"""`rolemap log`, `start`, `stop`, `status`, `deliver`, `checkin`, `report`: tracking in a terminal.

`cancel`, `continue`, `edit` and `delete` are in `cli/entry_commands.py`.

Names of activities, outputs and outcomes match titles case-insensitively
(an exact title, else a unique prefix, else a unique part); an unknown or
ambiguous name lists the candidates and changes nothing. Each write is one
transaction through the store, checked by the same domain rules as the
window's Track tab.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable

from rolemap.cli.common import (
    CommandError,
    given,
    say,
)
from rolemap.cli.report_format import hours_text, report_csv, report_json, report_lines
from rolemap.cli.tracking_session import (
    LONG_ID,
    SHORT_ID,
    add_period,
    clock,
    command,
    current_time,
    local,
    session,
    title_of,
)
from rolemap.domain import record_rules
from rolemap.domain.durations import format_clock, format_duration, parse_duration
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import (
    Period,
    date_range,
    local_zone,
    parse_date,
    parse_when,
    period_of,
)
from rolemap.store.figures import role_figures
from rolemap.store.record_repository import RecordRepository

BY_CHOICES = ("category", "activity", "output", "outcome")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the tracking commands to the parser."""

    def add(
        name: str, help_text: str, description: str, handler: Callable[..., int]
    ) -> argparse.ArgumentParser:
        return command(commands, name, help_text, description, handler)

    log = add(
        "log",
        "log time on an activity, or list the entries (--list)",
        "Log time spent on an activity. Without --at the entry ends now. With --list, list "
        "the period's entries instead, each with its short id (for rolemap edit and delete).",
        run_log,
    )
    log.add_argument(
        "activity", nargs="?", metavar="ACTIVITY", help="the activity's title (or part of it)"
    )
    log.add_argument(
        "duration", nargs="?", metavar="DURATION", help="45m, 1h30, 1:30, 1.5h or 90 (minutes)"
    )
    log.add_argument("--list", action="store_true", help="list the entries instead")
    add_period(log, "with --list: the entries' period (default: this week)")
    log.add_argument("--json", action="store_true", help="with --list: print them as JSON")
    log.add_argument(
        "--at",
        type=given,
        metavar="WHEN",
        help="when it started: 14:05, yesterday 9:30, 2024-03-05 14:05",
    )
    log.add_argument("--note", default="", metavar="TEXT")

    start = add(
        "start",
        "start the timer on an activity",
        "Start the timer on an activity (only one timer runs at a time; it survives restarts).",
        run_start,
    )
    start.add_argument("activity", metavar="ACTIVITY")

    stop = add(
        "stop",
        "stop the running timer",
        "Stop the running timer; its time is logged (a timer that ran less than a second is "
        "discarded).",
        run_stop,
    )
    stop.add_argument("--at", type=given, metavar="WHEN", help="when you stopped (default: now)")
    add(
        "status",
        "show the running timer and today's time",
        "Show the running timer and the hours logged today and this week.",
        run_status,
    )

    deliver = add(
        "deliver",
        "record a delivery of an output",
        "Record that an output was delivered.",
        run_deliver,
    )
    deliver.add_argument("output", metavar="OUTPUT")
    deliver.add_argument("--title", default="", metavar="T", help="what was delivered")
    deliver.add_argument(
        "--on", type=given, metavar="DATE", help="YYYY-MM-DD, today or yesterday (default today)"
    )
    deliver.add_argument("--link", default="", metavar="URL", help="evidence: a URL or a path")

    checkin = add(
        "checkin",
        "record an outcome's metric value",
        "Record an outcome's metric value.",
        run_checkin,
    )
    checkin.add_argument("outcome", metavar="OUTCOME")
    checkin.add_argument("value", metavar="VALUE")
    checkin.add_argument(
        "--confidence", type=given, metavar="N", help="0–1, or a percent (70 or 70%%)"
    )
    checkin.add_argument("--note", default="", metavar="T")
    checkin.add_argument(
        "--on", type=given, metavar="DATE", help="YYYY-MM-DD, today or yesterday (default today)"
    )

    report = add(
        "report",
        "hours, purposeful share, outcomes for a period",
        "Report a period: "
        "hours per category and activity, the purposeful share, hours attributed to each "
        "outcome, deliveries per output and the latest check-ins.",
        run_report,
    )
    add_period(report, "the current week (default), today, lastmonth, …")
    report.add_argument("--by", choices=BY_CHOICES, default="category", help="the table shown")
    shape = report.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON (every table; see README)")
    shape.add_argument("--csv", action="store_true", help="print the --by table as CSV")


# -- writing -----------------------------------------------------------------------------------


def run_log(args: argparse.Namespace) -> int:
    """Log time on an activity, or list the entries."""
    if args.list:
        if args.activity is not None:
            raise CommandError("rolemap log --list takes no activity or duration.")
        return _list_entries(args)
    if args.activity is None or args.duration is None:
        raise CommandError("Give the activity and the duration: rolemap log ACTIVITY 45m.")
    if args.period or args.first or args.last or args.json:
        raise CommandError("--period, --from, --to and --json go with --list.")
    with session(args) as (store, role_map):
        activity = record_rules.find_by_title(role_map, NodeKind.ACTIVITY, args.activity)
        seconds = parse_duration(args.duration)
        now = current_time()
        start = (
            int(parse_when(args.at, local(now)).timestamp())
            if args.at is not None
            else now - seconds
        )
        entry = record_rules.time_entry(activity.id, start, seconds, args.note)
        with store.transaction():
            RecordRepository(store).put_time_entries([entry])
        say(
            f"Logged {format_duration(seconds)} on ‘{activity.title}’ "
            f"({clock(start)}–{local(start + seconds).strftime('%H:%M')})."
        )
    return 0


def run_start(args: argparse.Namespace) -> int:
    """Start the timer."""
    with session(args) as (store, role_map):
        activity = record_rules.find_by_title(role_map, NodeKind.ACTIVITY, args.activity)
        records = RecordRepository(store)
        with store.transaction():
            running = records.running_timer()
            title = title_of(store, running.activity_id) if running else ""
            entry = record_rules.start_timer(running, activity.id, current_time(), title)
            records.put_time_entries([entry])
        say(f"Started the timer on ‘{activity.title}’ at {clock(entry.start)}.")
    return 0


def run_stop(args: argparse.Namespace) -> int:
    """Stop the timer."""
    with session(args) as (store, _role_map):
        records = RecordRepository(store)
        now = current_time()
        end = int(parse_when(args.at, local(now)).timestamp()) if args.at is not None else now
        with store.transaction():
            running = records.running_timer()
            # Under a second (or a clock set back): nothing to log, and not an error either.
            discard = (
                running is not None
                and end - running.start < 1
                and (args.at is None or end == running.start)
            )
            if discard and running is not None:
                records.delete_time_entries([running.id])
            else:
                closed = record_rules.stop_timer(running, end)
                records.put_time_entries([closed])
        if discard and running is not None:
            say(
                f"The timer on ‘{title_of(store, running.activity_id)}’ ran less than a "
                "second: it was discarded, nothing was logged."
            )
            return 0
        say(
            f"Stopped the timer on ‘{title_of(store, closed.activity_id)}’ after "
            f"{format_duration(closed.duration or 0)}."
        )
    return 0


def run_deliver(args: argparse.Namespace) -> int:
    """Record a delivery."""
    with session(args) as (store, role_map):
        output = record_rules.find_by_title(role_map, NodeKind.OUTPUT, args.output)
        today = local(current_time()).date()
        day = parse_date(args.on, today) if args.on is not None else today
        delivery = record_rules.delivery(output.id, day.isoformat(), args.title, args.link)
        with store.transaction():
            RecordRepository(store).put_deliveries([delivery])
        say(f"Recorded a delivery of ‘{output.title}’ on {delivery.date}.")
    return 0


def run_checkin(args: argparse.Namespace) -> int:
    """Record a check-in."""
    with session(args) as (store, role_map):
        outcome = record_rules.find_by_title(role_map, NodeKind.OUTCOME, args.outcome)
        today = local(current_time()).date()
        day = parse_date(args.on, today) if args.on is not None else today
        checkin = record_rules.checkin(
            outcome.id, day.isoformat(), args.value, args.confidence, args.note
        )
        with store.transaction():
            RecordRepository(store).put_checkins([checkin])
        unit = str(outcome.detail("unit") or "")
        say(
            f"Checked in on ‘{outcome.title}’: {checkin.value:g} {unit} on {checkin.date}.".replace(
                " .", "."
            )
        )
    return 0


# -- reading ------------------------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    """The running timer, today's and this week's hours."""
    with session(args, read_only=True) as (store, role_map):
        now = current_time()
        tz = local_zone()
        today = local(now).date()
        running = RecordRepository(store).running_timer()
        if running is None:
            say("No timer is running.")
        else:
            say(
                f"Running: ‘{title_of(store, running.activity_id)}’ since {clock(running.start)} "
                f"({format_clock(now - running.start)})."
            )
        day = role_figures(store.conn, role_map, date_range(today, today), tz, now)
        week = role_figures(
            store.conn, role_map, period_of("week", today), tz, now, refresh_zone=False
        )
        say(
            f"Today: {format_duration(day.total_seconds)} · this week: "
            f"{format_duration(week.total_seconds)} ({role_map.role.name})"
        )
    return 0


def _period(args: argparse.Namespace, today: dt.date) -> Period:
    """--period or --from/--to (default: this week)."""
    if args.first is not None or args.last is not None:
        if args.period:
            raise CommandError("Give either --period or --from/--to, not both.")
        first = parse_date(args.first, today) if args.first is not None else None
        last = parse_date(args.last, today) if args.last is not None else None
        return date_range(first, last)
    return period_of(args.period or "week", today)


def _list_entries(args: argparse.Namespace) -> int:
    """`log --list`: the period's entries with their short ids, as text or JSON."""
    with session(args, read_only=True) as (store, role_map):
        tz = local_zone()
        period = _period(args, local(current_time()).date())
        low, high = period.utc_bounds(tz)
        records = RecordRepository(store)
        entries = records.time_entries_between(role_map.role.id, low, high)
        shared = records.shared_id_prefixes(e.id[:SHORT_ID] for e in entries)
        shown = {e.id: e.id[: LONG_ID if e.id[:SHORT_ID] in shared else SHORT_ID] for e in entries}
    titles = {n.id: n.title for n in role_map.nodes.values()}
    if args.json:
        listed = [
            {
                "id": e.id,
                "short_id": shown[e.id],
                "activity_id": e.activity_id,
                "activity": titles.get(e.activity_id, ""),
                "start": local(e.start).isoformat(timespec="seconds"),
                "end": None
                if e.duration is None
                else local(e.start + e.duration).isoformat(timespec="seconds"),
                "seconds": e.duration,
                "note": e.note,
                "source": e.source,
            }
            for e in entries
        ]
        say(json.dumps({"period": period.label, "entries": listed}, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        say(f"No time entries in {period.label}.")
        return 0
    rows = [
        (
            shown[e.id],
            local(e.start).strftime("%Y-%m-%d %H:%M"),
            "running" if e.duration is None else local(e.start + e.duration).strftime("%H:%M"),
            "" if e.duration is None else format_duration(e.duration),
            titles.get(e.activity_id, ""),
            e.note.split("\n", 1)[0][:60],
        )
        for e in entries
    ]
    header = ("ID", "Start", "End", "Time", "Activity", "Note")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    total = sum(e.duration or 0 for e in entries)
    say(f"{len(entries):,} entries, {hours_text(total)} ({period.label})")
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Print the report as text or JSON."""
    with session(args, read_only=True) as (store, role_map):
        now = current_time()
        tz = local_zone()
        today = local(now).date()
        report = role_figures(store.conn, role_map, _period(args, today), tz, now)
        if args.json:
            say(json.dumps(report_json(report), indent=2, ensure_ascii=False))
        elif args.csv:
            say(report_csv(report, args.by).rstrip("\n"))
        else:
            say("\n".join(report_lines(report, args.by)))
    return 0
