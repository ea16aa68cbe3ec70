"""The `rolemap` argument parser and the dispatch of commands.

Each command module has `register(subparsers)`, which adds its commands with
`handler=` defaults. Errors a person can act on are printed as one line on
stderr with exit status 1; argparse's usage errors exit 2.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from rolemap import __version__
from rolemap.cli import (
    completion,
    entry_commands,
    manual_commands,
    map_commands,
    plan_commands,
    review_commands,
    role_commands,
    rules_commands,
    safety_commands,
    time_commands,
    track_commands,
)
from rolemap.cli.common import CommandError, fail
from rolemap.domain.errors import DomainError
from rolemap.interchange.errors import FormatError
from rolemap.store.database import write_message
from rolemap.store.errors import StoreError

COMMAND_MODULES = (
    map_commands,
    role_commands,
    safety_commands,
    track_commands,
    entry_commands,
    plan_commands,
    time_commands,
    rules_commands,
    manual_commands,
    review_commands,
    completion,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: options of the window, and every command."""
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
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


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
    args = build_parser().parse_args(argv)
    if args.command is None:
        return fail("no command given; see rolemap --help", 2)
    return run(args)
