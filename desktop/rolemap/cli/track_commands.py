"""`rolemap log`, `start`, `stop`, `status`, `deliver`, `checkin`, `report`: tracking in a terminal.

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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rolemap.cli.common import (
    CommandError,
    add_db_option,
    add_role_option,
    choose_role,
    given,
    open_database,
    say,
)
from rolemap.cli.report_format import report_json, report_lines
from rolemap.domain import record_rules
from rolemap.domain.durations import format_clock, format_duration, parse_duration
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import (
    PERIOD_NAMES,
    date_range,
    local_zone,
    parse_date,
    parse_when,
    period_of,
)
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.figures import role_figures
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

BY_CHOICES = ("category", "activity", "output", "outcome")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the tracking commands to the parser."""

    def add(
        name: str, help_text: str, description: str, handler: Callable[..., int]
    ) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help_text, description=description)
        add_role_option(parser)
        add_db_option(parser)
        parser.set_defaults(handler=handler)
        return parser

    log = add(
        "log",
        "log time on an activity",
        "Log time spent on an activity. Without --at the entry ends now.",
        run_log,
    )
    log.add_argument("activity", metavar="ACTIVITY", help="the activity's title (or part of it)")
    log.add_argument("duration", metavar="DURATION", help="45m, 1h30, 1:30, 1.5h or 90 (minutes)")
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
        "stop", "stop the running timer", "Stop the running timer; its time is logged.", run_stop
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
    report.add_argument(
        "--period", choices=PERIOD_NAMES, help="the current week (default), month, …"
    )
    report.add_argument(
        "--from", dest="first", type=given, metavar="D", help="first day, YYYY-MM-DD"
    )
    report.add_argument(
        "--to", dest="last", type=given, metavar="D", help="last day, YYYY-MM-DD (included)"
    )
    report.add_argument("--by", choices=BY_CHOICES, default="category", help="the table shown")
    report.add_argument("--json", action="store_true", help="print JSON (every table; see README)")


# -- shared ---------------------------------------------------------------------------------


@contextmanager
def _session(
    args: argparse.Namespace, *, read_only: bool = False
) -> Iterator[tuple[Store, RoleMap]]:
    """The open store and the chosen role's map; domain refusals become command errors."""
    store = open_database(args, read_only=read_only)
    try:
        role = choose_role(store, args.role)
        yield store, RoleRepository(store).load_map(role.id)
    except DomainError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()


def _now() -> int:
    return int(time.time())


def _local(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, local_zone())


def _clock(epoch: int) -> str:
    moment = _local(epoch)
    today = _local(_now()).date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%Y-%m-%d %H:%M")


def _title_of(store: Store, node_id: str) -> str:
    node = RoleRepository(store).get_node(node_id)
    return node.title if node else node_id


# -- writing -----------------------------------------------------------------------------------


def run_log(args: argparse.Namespace) -> int:
    """Log time on an activity."""
    with _session(args) as (store, role_map):
        activity = record_rules.find_by_title(role_map, NodeKind.ACTIVITY, args.activity)
        seconds = parse_duration(args.duration)
        now = _now()
        start = (
            int(parse_when(args.at, _local(now)).timestamp())
            if args.at is not None
            else now - seconds
        )
        entry = record_rules.time_entry(activity.id, start, seconds, args.note)
        with store.transaction():
            RecordRepository(store).put_time_entries([entry])
        say(
            f"Logged {format_duration(seconds)} on ‘{activity.title}’ "
            f"({_clock(start)}–{_local(start + seconds).strftime('%H:%M')})."
        )
    return 0


def run_start(args: argparse.Namespace) -> int:
    """Start the timer."""
    with _session(args) as (store, role_map):
        activity = record_rules.find_by_title(role_map, NodeKind.ACTIVITY, args.activity)
        records = RecordRepository(store)
        with store.transaction():
            running = records.running_timer()
            title = _title_of(store, running.activity_id) if running else ""
            entry = record_rules.start_timer(running, activity.id, _now(), title)
            records.put_time_entries([entry])
        say(f"Started the timer on ‘{activity.title}’ at {_clock(entry.start)}.")
    return 0


def run_stop(args: argparse.Namespace) -> int:
    """Stop the timer."""
    with _session(args) as (store, _role_map):
        records = RecordRepository(store)
        now = _now()
        end = int(parse_when(args.at, _local(now)).timestamp()) if args.at is not None else now
        with store.transaction():
            closed = record_rules.stop_timer(records.running_timer(), end)
            records.put_time_entries([closed])
        say(
            f"Stopped the timer on ‘{_title_of(store, closed.activity_id)}’ after "
            f"{format_duration(closed.duration or 0)}."
        )
    return 0


def run_deliver(args: argparse.Namespace) -> int:
    """Record a delivery."""
    with _session(args) as (store, role_map):
        output = record_rules.find_by_title(role_map, NodeKind.OUTPUT, args.output)
        today = _local(_now()).date()
        day = parse_date(args.on, today) if args.on is not None else today
        delivery = record_rules.delivery(output.id, day.isoformat(), args.title, args.link)
        with store.transaction():
            RecordRepository(store).put_deliveries([delivery])
        say(f"Recorded a delivery of ‘{output.title}’ on {delivery.date}.")
    return 0


def run_checkin(args: argparse.Namespace) -> int:
    """Record a check-in."""
    with _session(args) as (store, role_map):
        outcome = record_rules.find_by_title(role_map, NodeKind.OUTCOME, args.outcome)
        today = _local(_now()).date()
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
    with _session(args, read_only=True) as (store, role_map):
        now = _now()
        tz = local_zone()
        today = _local(now).date()
        running = RecordRepository(store).running_timer()
        if running is None:
            say("No timer is running.")
        else:
            say(
                f"Running: ‘{_title_of(store, running.activity_id)}’ since {_clock(running.start)} "
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


def run_report(args: argparse.Namespace) -> int:
    """Print the report as text or JSON."""
    with _session(args, read_only=True) as (store, role_map):
        now = _now()
        tz = local_zone()
        today = _local(now).date()
        if args.first is not None or args.last is not None:
            if args.period:
                raise CommandError("Give either --period or --from/--to, not both.")
            first = parse_date(args.first, today) if args.first is not None else None
            last = parse_date(args.last, today) if args.last is not None else None
            period = date_range(first, last)
        else:
            period = period_of(args.period or "week", today)
        report = role_figures(store.conn, role_map, period, tz, now)
        if args.json:
            say(json.dumps(report_json(report), indent=2, ensure_ascii=False))
        else:
            say("\n".join(report_lines(report, args.by)))
    return 0
