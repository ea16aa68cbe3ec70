"""`rolemap rules`: the role's ordered rules that map imported time onto activities.

The first rule that matches an item wins. The same rules serve every
`rolemap import-time` (and the window's import dialog); `rules list --json`
prints a file that `import-time --rules FILE` reads.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from rolemap.cli.common import (
    CommandError,
    add_db_option,
    add_role_option,
    given,
    open_database,
    role_map_of,
    say,
)
from rolemap.domain import record_rules
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule
from rolemap.services import time_settings


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `rules` to the parser."""
    _register_rules(commands)


def _register_rules(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = commands.add_parser(
        "rules",
        help="list and edit the rules that map imported time onto activities",
        description="The role's rules for imported time, in order: the first that matches "
        "an item wins. A rule reads a field (title, project, tag, calendar, attendees), "
        "compares it (text: equal ignoring case; contains; pattern: a regular expression) "
        "and names an activity.",
    )
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    def action(name: str, text: str, handler: Callable[[argparse.Namespace], int]) -> Any:
        parser = actions.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        add_role_option(parser)
        add_db_option(parser)
        parser.set_defaults(handler=handler)
        return parser

    listed = action("list", "list the rules, numbered", run_rules_list)
    listed.add_argument("--json", action="store_true", help="print them as JSON")
    add = action("add", "add a rule (at the end unless --at)", run_rules_add)
    add.add_argument(
        "field",
        choices=[f.value for f in RuleField],
        metavar="FIELD",
        help="title, project, tag, calendar or attendees",
    )
    add.add_argument(
        "value",
        type=given,
        metavar="VALUE",
        help="the text or pattern; for attendees a count: 2, <=2, >3",
    )
    add.add_argument("activity", metavar="ACTIVITY", help="the activity the time goes to")
    add.add_argument(
        "--how",
        choices=[h.value for h in RuleHow],
        default=RuleHow.TEXT.value,
        help="text (equal, the default), contains, or pattern",
    )
    add.add_argument("--at", type=int, metavar="N", help="its number in the list (1 = first)")
    remove = action("remove", "remove a rule by its number", run_rules_remove)
    remove.add_argument("number", type=int, metavar="N", help="its number (rules list)")
    move = action("move", "move a rule to another place in the order", run_rules_move)
    move.add_argument("number", type=int, metavar="N", help="its number (rules list)")
    move.add_argument("to", type=int, metavar="TO", help="its new number (1 = first)")


# -- rules ----------------------------------------------------------------------------------


def run_rules_list(args: argparse.Namespace) -> int:
    """Print the role's rules, numbered, as text or JSON."""
    store = open_database(args, read_only=True)
    try:
        role_map = role_map_of(store, args.role)
        rules = time_settings.role_rules(store, role_map.role.id)
    finally:
        store.close()
    listed = time_settings.rules_json(rules, role_map)
    if args.json:
        role = {"id": role_map.role.id, "name": role_map.role.name}
        say(json.dumps({"role": role, "rules": listed}, indent=2, ensure_ascii=False))
        return 0
    if not rules:
        say(f"‘{role_map.role.name}’ has no rules for imported time yet (rolemap rules add).")
        return 0
    say(f"Rules of ‘{role_map.role.name}’ (the first that matches wins):")
    for number, (rule, item) in enumerate(zip(rules, listed, strict=True), start=1):
        title = item["activity"]
        target = f"‘{title}’" if title is not None else "a deleted activity (passed over)"
        say(f"  {number}. {rule.describe()} → {target}")
    return 0


def run_rules_add(args: argparse.Namespace) -> int:
    """Add one rule."""

    def change(rules: list[TimeRule], role_map: RoleMap) -> str:
        node = record_rules.find_by_title(role_map.nodes.values(), NodeKind.ACTIVITY, args.activity)
        rule = TimeRule(RuleField(args.field), RuleHow(args.how), args.value, node.id)
        at = len(rules) + 1 if args.at is None else _place(args.at, len(rules) + 1)
        rules.insert(at - 1, rule)
        return f"Added rule {at}: {rule.describe()} → ‘{node.title}’."

    return _edit_rules(args, change)


def run_rules_remove(args: argparse.Namespace) -> int:
    """Remove one rule by number."""

    def change(rules: list[TimeRule], role_map: RoleMap) -> str:
        rule = rules.pop(_place(args.number, len(rules)) - 1)
        return f"Removed rule {args.number}: {rule.describe()}."

    return _edit_rules(args, change)


def run_rules_move(args: argparse.Namespace) -> int:
    """Move one rule to another number."""

    def change(rules: list[TimeRule], role_map: RoleMap) -> str:
        rule = rules.pop(_place(args.number, len(rules)) - 1)
        rules.insert(_place(args.to, len(rules) + 1) - 1, rule)
        return f"Moved rule {args.number} to {args.to}: {rule.describe()}."

    return _edit_rules(args, change)


def _place(number: int, count: int) -> int:
    if not 1 <= number <= count:
        if count == 0:
            raise CommandError("The role has no rules yet.")
        raise CommandError(f"There is no rule {number}: give 1 to {count}.")
    return number


def _edit_rules(args: argparse.Namespace, change: Callable[[list[TimeRule], RoleMap], str]) -> int:
    store = open_database(args)
    try:
        role_map = role_map_of(store, args.role)
        rules = list(time_settings.role_rules(store, role_map.role.id))
        message = change(rules, role_map)
        time_settings.save_role_rules(store, role_map.role.id, rules)
    except DomainError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    say(message)
    return 0
