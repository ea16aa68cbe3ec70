"""`rolemap plan …`: the week's plan in a terminal; `rolemap checklist` is registered with it.

    plan show [--week W] [--json]          planned vs actual, intended vs delivered, the check
    plan set ACTIVITY HOURS / unset ACTIVITY
    plan intend OUTPUT [--count N] [--by DAY] / unintend OUTPUT
    plan focus OUTCOME / unfocus OUTCOME
    plan copy-last [--replace]
    plan print -o FILE.pdf|FILE.png [--page a4|letter]

Weeks are ISO weeks ("2026-W49", a date in the week, this, next, last);
the default is this week. Names match titles as everywhere else (an exact
title, else a unique beginning, else a unique part); bad input is refused
with a message before anything is written. A week without a plan shows each
activity's planned hours a week; the first change keeps them, changed, as
the week's plan.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rolemap.cli import checklist_commands
from rolemap.cli.common import (
    CommandError,
    add_db_option,
    choose_role,
    given,
    open_database,
    say,
)
from rolemap.cli.plan_format import day_text, hours, week_json, week_lines
from rolemap.domain import record_rules
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_date, local_zone
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import (
    PlannedOutput,
    Week,
    WeekPlan,
    parse_count,
    parse_day_in_week,
    parse_hours,
    parse_week,
)
from rolemap.services.week_plan import copy_latest_plan, edit_plan, load_plan, week_view
from rolemap.store.database import Store
from rolemap.store.role_repository import RoleRepository

PAGES = ("a4", "letter")
PRINT_FORMATS = ("pdf", "png")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `plan` and `checklist` to the parser."""
    plan = commands.add_parser(
        "plan",
        help="the week's plan: hours, outputs, outcomes in focus",
        description="Plan a week across activities, outputs and outcomes, and see how it goes. "
        "Weeks are ISO weeks: 2026-W49, a date in the week, this, next or last "
        "(default: this week).",
    )
    add_db_option(plan)
    actions = plan.add_subparsers(dest="plan_action", metavar="ACTION", required=True)

    def add(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> Parser:
        parser = actions.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + "."
        )
        parser.add_argument(
            "--week",
            type=given,
            metavar="W",
            help="2026-W49, a date in it, this, next or last (default: this week)",
        )
        parser.add_argument(
            "--role", type=given, metavar="NAME", help="the role, by name (case-insensitive)"
        )
        add_db_option(parser)
        parser.set_defaults(handler=handler)
        return parser

    show = add(
        "show", "planned vs actual hours, intended vs delivered outputs, the check", run_show
    )
    show.add_argument("--json", action="store_true", help="print JSON")

    put = add("set", "plan hours on an activity", run_set)
    put.add_argument("activity", metavar="ACTIVITY", help="the activity's title (or part of it)")
    put.add_argument("hours", metavar="HOURS", help="hours this week: 4, 2.5 or 3h")
    unset = add("unset", "plan no hours on an activity", run_unset)
    unset.add_argument("activity", metavar="ACTIVITY", help="the activity's title (or part of it)")

    intend = add("intend", "intend to deliver an output in the week", run_intend)
    intend.add_argument("output", metavar="OUTPUT", help="the output's title (or part of it)")
    intend.add_argument("--count", type=given, metavar="N", help="how many deliveries (default 1)")
    intend.add_argument("--by", type=given, metavar="DAY", help="mon … sun, or a date in the week")
    unintend = add("unintend", "no longer intend an output", run_unintend)
    unintend.add_argument("output", metavar="OUTPUT", help="the output's title (or part of it)")

    focus = add("focus", "put an outcome in focus", run_focus)
    focus.add_argument("outcome", metavar="OUTCOME", help="the outcome's title (or part of it)")
    unfocus = add("unfocus", "take an outcome out of focus", run_unfocus)
    unfocus.add_argument("outcome", metavar="OUTCOME", help="the outcome's title (or part of it)")

    copy = add("copy-last", "copy the latest earlier week's plan into the week", run_copy_last)
    copy.add_argument("--replace", action="store_true", help="copy over the week's own plan")

    printed = add("print", "print the week on one page, as a checklist to pin up", run_print)
    printed.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf or FILE.png"
    )
    printed.add_argument("--page", choices=PAGES, default="a4", help="paper size (default a4)")

    checklist_commands.register(commands)


Parser = argparse.ArgumentParser


# -- shared ---------------------------------------------------------------------------------


@contextmanager
def _session(
    args: argparse.Namespace, *, read_only: bool = False
) -> Iterator[tuple[Store, RoleMap, Week]]:
    """The open store, the chosen role's map and the week asked for (checked before use)."""
    store = open_database(args, read_only=read_only)
    try:
        role = choose_role(store, args.role)
        today = local_date(_now(), local_zone())
        week = parse_week(args.week, today) if args.week is not None else Week.of(today)
        yield store, RoleRepository(store).load_map(role.id), week
    finally:
        store.close()


def _now() -> int:
    return int(time.time())


def _find(role_map: RoleMap, kind: NodeKind, name: str) -> str:
    return record_rules.find_by_title(role_map, kind, name).id


def _edit(
    store: Store, role_map: RoleMap, week: Week, change: Callable[[WeekPlan], WeekPlan]
) -> WeekPlan | None:
    """Store the change unless it changes nothing; the plan after, or None when unchanged."""
    current, _ = load_plan(store, role_map, week)
    if change(current) == current:
        return None
    done = edit_plan(store, role_map, week, change)
    if done.started:
        say(f"Started the plan of {week.label} from each activity's planned hours a week.")
    return done.after


def _totals(role_map: RoleMap, plan: WeekPlan) -> str:
    capacity = role_map.role.weekly_capacity
    total = plan.on_map(role_map).total_hours
    if total > capacity + 0.005:
        return (
            f"{hours(total)} planned, {hours(total - capacity)} over the role's {hours(capacity)}"
        )
    return f"{hours(total)} of {hours(capacity)} planned"


# -- reading ----------------------------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    """Print the week's plan beside its figures."""
    with _session(args, read_only=True) as (store, role_map, week):
        report = week_view(store, role_map, week, tz=local_zone(), now=_now())
        if args.json:
            say(json.dumps(week_json(report), indent=2, ensure_ascii=False, allow_nan=False))
        else:
            say("\n".join(week_lines(report)))
    return 0


# -- writing ----------------------------------------------------------------------------------


def run_set(args: argparse.Namespace) -> int:
    """Plan hours on an activity."""
    with _session(args) as (store, role_map, week):
        activity = _find(role_map, NodeKind.ACTIVITY, args.activity)
        amount = parse_hours(args.hours)
        title = role_map.nodes[activity].title
        after = _edit(store, role_map, week, lambda p: p.with_hours(activity, amount))
        if after is None:
            say(f"‘{title}’ already has {hours(amount)} planned in {week.label}.")
            return 0
        say(f"Planned {hours(amount)} on ‘{title}’ in {week.label}: {_totals(role_map, after)}.")
    return 0


def run_unset(args: argparse.Namespace) -> int:
    """Plan no hours on an activity."""
    with _session(args) as (store, role_map, week):
        activity = _find(role_map, NodeKind.ACTIVITY, args.activity)
        title = role_map.nodes[activity].title
        after = _edit(store, role_map, week, lambda p: p.with_hours(activity, 0))
        if after is None:
            say(f"‘{title}’ has no hours planned in {week.label}; nothing changed.")
            return 0
        say(f"No hours planned on ‘{title}’ in {week.label}: {_totals(role_map, after)}.")
    return 0


def run_intend(args: argparse.Namespace) -> int:
    """Intend to deliver an output in the week."""
    with _session(args) as (store, role_map, week):
        output = _find(role_map, NodeKind.OUTPUT, args.output)
        count = parse_count(args.count) if args.count is not None else 1
        by_day = parse_day_in_week(args.by, week) if args.by is not None else None
        intended = PlannedOutput(output, count, by_day)
        title = role_map.nodes[output].title
        after = _edit(store, role_map, week, lambda p: p.with_output(intended))
        times = f"{count} × " if count > 1 else ""
        by = f" by {day_text(by_day)}" if by_day else ""
        if after is None:
            say(f"{times}‘{title}’{by} is already intended in {week.label}.")
            return 0
        say(f"Intending {times}‘{title}’{by} in {week.label}.")
    return 0


def run_unintend(args: argparse.Namespace) -> int:
    """No longer intend an output."""
    with _session(args) as (store, role_map, week):
        output = _find(role_map, NodeKind.OUTPUT, args.output)
        title = role_map.nodes[output].title
        after = _edit(store, role_map, week, lambda p: p.without_output(output))
        if after is None:
            say(f"‘{title}’ was not intended in {week.label}; nothing changed.")
            return 0
        say(f"‘{title}’ is no longer intended in {week.label}.")
    return 0


def run_focus(args: argparse.Namespace) -> int:
    """Put an outcome in focus."""
    with _session(args) as (store, role_map, week):
        outcome = _find(role_map, NodeKind.OUTCOME, args.outcome)
        title = role_map.nodes[outcome].title
        after = _edit(store, role_map, week, lambda p: p.with_focus(outcome))
        if after is None:
            say(f"‘{title}’ is already in focus in {week.label}.")
            return 0
        say(f"‘{title}’ is in focus in {week.label}.")
    return 0


def run_unfocus(args: argparse.Namespace) -> int:
    """Take an outcome out of focus."""
    with _session(args) as (store, role_map, week):
        outcome = _find(role_map, NodeKind.OUTCOME, args.outcome)
        title = role_map.nodes[outcome].title
        after = _edit(store, role_map, week, lambda p: p.without_focus(outcome))
        if after is None:
            say(f"‘{title}’ was not in focus in {week.label}; nothing changed.")
            return 0
        say(f"‘{title}’ is out of focus in {week.label}.")
    return 0


def run_copy_last(args: argparse.Namespace) -> int:
    """Copy the latest earlier plan into the week."""
    with _session(args) as (store, role_map, week):
        done = copy_latest_plan(store, role_map, week, replace=args.replace)
        plan = done.plan
        parts = [_totals(role_map, plan)]
        parts.append(f"{len(plan.outputs)} output{'s' if len(plan.outputs) != 1 else ''} intended")
        parts.append(f"{len(plan.focus)} outcome{'s' if len(plan.focus) != 1 else ''} in focus")
        replaced = " (its own plan replaced)" if done.replaced is not None else ""
        say(
            f"Copied the plan of {done.source.label} into {week.label}{replaced}: "
            f"{', '.join(parts)}."
        )
    return 0


def run_print(args: argparse.Namespace) -> int:
    """Print the week on one page (PDF or PNG)."""
    output = Path(args.output)
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in PRINT_FORMATS:
        raise CommandError(f"Give a file ending in .pdf or .png (not ‘{output.name}’).")
    _check_output(output)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with _session(args, read_only=True) as (store, role_map, week):
        report = week_view(store, role_map, week, tz=local_zone(), now=_now())
        notes = _write_page(report, output, fmt, args.page)
    for note in notes:
        say(f"Note: {note}")
    say(f"Wrote {output}")
    return 0


def _write_page(report: object, output: Path, fmt: str, page: str) -> list[str]:
    """Compose and write the week's page; Qt is imported only here."""
    from PySide6.QtGui import QGuiApplication

    from rolemap.domain.week_report import WeekReport
    from rolemap.render.page import PageSetup
    from rolemap.render.week_page import compose_week
    from rolemap.render.writers import RenderError, write

    app = QGuiApplication.instance() or QGuiApplication(["rolemap"])  # painting needs one
    assert isinstance(report, WeekReport) and app is not None
    composition = compose_week(report, PageSetup(page, landscape=False))
    try:
        write(composition, output, fmt)
    except RenderError as error:
        raise CommandError(str(error)) from None
    return list(composition.notes)


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give a file name.")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"Cannot write {output}: there is no folder {folder}.")
    if not os.access(folder, os.W_OK):
        raise CommandError(f"Cannot write {output}: the folder {folder} is not writable.")
