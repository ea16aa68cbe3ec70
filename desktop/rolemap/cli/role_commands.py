"""`rolemap templates` and `rolemap new`: the template library, and new roles from it."""

from __future__ import annotations

import argparse
import json

from rolemap.cli.common import CommandError, add_db_option, given, open_database, say
from rolemap.domain.errors import DomainError
from rolemap.services.templates import new_role, templates


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands to the parser."""
    listing = commands.add_parser(
        "templates",
        help="list the role templates",
        description="List the role templates a new role can start from (rolemap new "
        "NAME --template KEY).",
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(listing)  # accepted like everywhere; the library is not in the database
    listing.set_defaults(handler=run_templates)

    new = commands.add_parser(
        "new",
        help="create a role, blank or from a template",
        description="Create a role in the database (created if needed): a copy of a "
        "template, with new ids, or a blank one.",
    )
    new.add_argument("name", type=given, metavar="NAME", help="the new role's name")
    choice = new.add_mutually_exclusive_group(required=True)
    choice.add_argument("--template", type=given, metavar="KEY", help="see rolemap templates")
    choice.add_argument("--blank", action="store_true", help="an empty role")
    add_db_option(new)
    new.set_defaults(handler=run_new)


def run_templates(args: argparse.Namespace) -> int:
    """Print the library."""
    library = templates()
    if args.json:
        rows = [{"key": t.key, "title": t.title, "summary": t.summary} for t in library]
        say(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max(len(t.key) for t in library)
    for template in library:
        say(f"{template.key.ljust(width)}  {template.title} — {template.summary}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Create the role and say what it holds."""
    store = open_database(args, create=True)
    try:
        try:
            new_role(store, args.name, None if args.blank else args.template)
        except KeyError as error:
            raise CommandError(str(error.args[0])) from None
        except DomainError as error:
            raise CommandError(str(error)) from None
    finally:
        store.close()
    what = "a blank role" if args.blank else f"the {args.template} template"
    say(f"Created the role ‘{args.name.strip()}’ from {what}.")
    return 0
