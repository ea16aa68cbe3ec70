"""The `rolemap` argument parser and the dispatch of commands.

Each command module has `register(subparsers)`, which adds its commands with
`handler=` defaults. Errors a person can act on are printed as one line on
stderr with exit status 1; argparse's usage errors exit 2.

A command line that names its command plainly (`rolemap import-time …`,
`rolemap --db F import …`) builds the parser of that command's module alone:
importing every command module costs ~80 ms more than one (the exporters,
the reviews, the plans), a twentieth of an import's budget. `COMMANDS` says
which module holds which command (tests/unit/test_cli_parser.py holds it to
what the modules register); anything else builds the whole parser.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from rolemap import __version__
from rolemap.cli.common import CommandError, fail
from rolemap.domain.errors import DomainError
from rolemap.interchange.errors import FormatError
from rolemap.store.database import write_message
from rolemap.store.errors import StoreError

COMMAND_MODULES = (
    "map_commands",
    "role_commands",
    "safety_commands",
    "track_commands",
    "entry_commands",
    "plan_commands",
    "time_commands",
    "rules_commands",
    "manual_commands",
    "review_commands",
    "completion",
)
COMMANDS = {
    **dict.fromkeys(("export", "import", "check"), "map_commands"),
    **dict.fromkeys(("templates", "new"), "role_commands"),
    **dict.fromkeys(("backup", "restore"), "safety_commands"),
    **dict.fromkeys(
        ("log", "start", "stop", "status", "deliver", "checkin", "report"), "track_commands"
    ),
    **dict.fromkeys(("cancel", "continue", "edit", "delete"), "entry_commands"),
    **dict.fromkeys(("plan", "checklist"), "plan_commands"),
    **dict.fromkeys(("import-time", "export-time"), "time_commands"),
    "rules": "rules_commands",
    "manual": "manual_commands",
    "review": "review_commands",
    "completion": "completion",
}
"""Each command's module (a module in `rolemap.cli`)."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line: options of the window, and every command.

    Given the arguments, the parser may hold only the command they name (see the module).
    """
    parser = argparse.ArgumentParser(
        prog="rolemap",
        description="Map a role as activities → outputs → outcomes, track where the time "
        "goes, and print it on one page. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"rolemap {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the database file (default: $ROLEMAP_DB, else the data folder's)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, then quit with status 0 once it is shown (for packaging checks)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = None if argv is None else _named_command(argv)
    for name in COMMAND_MODULES if named is None else (COMMANDS[named],):
        importlib.import_module(f"rolemap.cli.{name}").register(commands)
    return parser


def _named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names, if nothing before it but `--db PATH` and `--smoke-test`."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--db":
            index += 2
        elif word.startswith("--db=") or word == "--smoke-test":
            index += 1
        else:
            return word if word in COMMANDS else None
    return None


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; known errors become a message and exit status 1."""
    try:
        return int(args.handler(args))
    except (CommandError, StoreError, FormatError, DomainError) as error:
        return fail(str(error))
    except sqlite3.Error as error:
        return fail(write_message(error))
    except OSError as error:
        return fail(f"{error.filename or ''}: {error.strerror}".lstrip(": "))
    except KeyboardInterrupt:
        return fail("interrupted", 130)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse and run a command (the window is started by rolemap.app)."""
    args = build_parser(argv).parse_args(argv)
    if args.command is None:
        return fail("no command given; see rolemap --help", 2)
    return run(args)
