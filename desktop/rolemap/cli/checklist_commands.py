"""`rolemap checklist`: the quarter's checklist, ticked from the data and by hand.

    checklist [--quarter 2026-Q4] [--json]
    checklist tick ITEM / untick ITEM       by number or text; automatic items refuse
    checklist add TEXT / remove ITEM        the person's own items

Showing a quarter two weeks past its end keeps its automatic results for
good (domain/checklist.py), so the command opens the file for writing.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rolemap.cli.common import add_db_option, choose_role, given, open_database, say
from rolemap.cli.plan_format import checklist_json, checklist_lines
from rolemap.domain.checklist_items import Checklist
from rolemap.domain.periods import local_date, local_zone
from rolemap.domain.quarter import Quarter, parse_quarter
from rolemap.domain.role_map import RoleMap
from rolemap.services.quarter_checklist import add, quarter_checklist, remove, tick
from rolemap.store.database import Store
from rolemap.store.role_repository import RoleRepository


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `checklist` and its actions to the parser."""
    checklist = commands.add_parser(
        "checklist",
        help="the quarter's checklist: is the role in balance?",
        description="The quarterly checklist of a role: items decided from the data "
        "(check-ins, accountabilities, purposeful share, hands-on deliveries, balance, "
        "reviews), items ticked by hand, and your own. Quarters: 2026-Q4, a date in it, "
        "this, last or next (default: this quarter).",
    )
    _options(checklist, argparse.SUPPRESS, top=True)
    checklist.add_argument("--json", action="store_true", help="print JSON")
    checklist.set_defaults(handler=run_show)
    actions = checklist.add_subparsers(dest="checklist_action", metavar="ACTION")

    def action(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> None:
        parser = actions.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + "."
        )
        parser.add_argument(
            "item",
            metavar="TEXT" if name == "add" else "ITEM",
            help="the item's text" if name == "add" else "its number, or part of its text",
        )
        _options(parser, argparse.SUPPRESS)
        parser.set_defaults(handler=handler)

    action("tick", "tick an item by hand", run_tick)
    action("untick", "untick an item", run_untick)
    action("add", "add an item of your own", run_add)
    action("remove", "remove an item of your own", run_remove)


def _options(parser: argparse.ArgumentParser, default: object, *, top: bool = False) -> None:
    """--quarter, --role, --db; on the actions their defaults stay out of the way of a value
    given before the action (`checklist --quarter 2026-Q3 tick 2`)."""
    parser.add_argument(
        "--quarter",
        type=given,
        metavar="Q",
        default=None if top else default,
        help="2026-Q4 (default: this quarter)",
    )
    parser.add_argument(
        "--role",
        type=given,
        metavar="NAME",
        default=None if top else default,
        help="the role, by name (case-insensitive)",
    )
    add_db_option(parser)


@contextmanager
def _session(args: argparse.Namespace) -> Iterator[tuple[Store, RoleMap, Checklist]]:
    """The open store, the role's map and its checklist for the quarter asked for."""
    store = open_database(args)
    try:
        role = choose_role(store, args.role)
        now = int(time.time())
        tz = local_zone()
        today = local_date(now, tz)
        quarter = parse_quarter(args.quarter, today) if args.quarter else Quarter.of(today)
        role_map = RoleRepository(store).load_map(role.id)
        yield store, role_map, quarter_checklist(store, role_map, quarter, tz=tz, now=now)
    finally:
        store.close()


def run_show(args: argparse.Namespace) -> int:
    """Print the quarter's checklist."""
    with _session(args) as (_, role_map, checklist):
        name = role_map.role.name
        if args.json:
            say(json.dumps(checklist_json(checklist, name), indent=2, ensure_ascii=False))
        else:
            today = local_date(int(time.time()), local_zone())
            say("\n".join(checklist_lines(checklist, name, today)))
    return 0


def run_tick(args: argparse.Namespace) -> int:
    """Tick an item by hand."""
    return _tick(args, True)


def run_untick(args: argparse.Namespace) -> int:
    """Untick an item."""
    return _tick(args, False)


def _tick(args: argparse.Namespace, ticked: bool) -> int:
    with _session(args) as (store, _, checklist):
        item, changed = tick(store, checklist, args.item, ticked)
        state = "ticked" if ticked else "not ticked"
        if not changed:
            say(f"‘{item.text}’ was already {state} ({checklist.quarter.name}).")
        else:
            say(f"‘{item.text}’ is {state} ({checklist.quarter.name}).")
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Add an item of the person's own."""
    with _session(args) as (store, _, checklist):
        row = add(store, checklist, args.item)
        say(f"Added ‘{row.text}’ to the checklist of {checklist.quarter.label}.")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove an item of the person's own."""
    with _session(args) as (store, _, checklist):
        row = remove(store, checklist, args.item)
        say(f"Removed ‘{row.text}’ from the checklist of {checklist.quarter.label}.")
    return 0
