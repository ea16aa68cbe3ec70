"""What the tracking commands share: the session on a role, the clock, the period options.

Short ids: `rolemap log --list` shows each entry by its id's first 8 hex
digits (13 where two share those); `edit` and `delete` take any unique
beginning of at least 4.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
)
from rolemap.domain.errors import DomainError
from rolemap.domain.periods import PERIOD_NAMES, local_zone
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.role_repository import RoleRepository

SHORT_ID = 8  # the id's first 8 hex digits, as `log --list` shows it
LONG_ID = 13  # where two ids share those 8: 8 more, with the dash
MIN_ID = 4  # a shorter beginning is too easily a typo that names another entry


def command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    description: str,
    handler: Callable[..., int],
) -> argparse.ArgumentParser:
    """A tracking command with --role and --db."""
    parser = commands.add_parser(name, help=help_text, description=description)
    add_role_option(parser)
    add_db_option(parser)
    parser.set_defaults(handler=handler)
    return parser


def add_period(parser: argparse.ArgumentParser, what: str) -> None:
    """--period, --from and --to."""
    parser.add_argument("--period", choices=PERIOD_NAMES, help=what)
    parser.add_argument(
        "--from", dest="first", type=given, metavar="D", help="first day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="last", type=given, metavar="D", help="last day, YYYY-MM-DD (included)"
    )


@contextmanager
def session(
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


def current_time() -> int:
    """Now, in UTC epoch seconds."""
    return int(time.time())


def local(epoch: int) -> dt.datetime:
    """An epoch as local time."""
    return dt.datetime.fromtimestamp(epoch, local_zone())


def clock(epoch: int) -> str:
    """14:05 today, else 2026-11-30 14:05."""
    moment = local(epoch)
    today = local(current_time()).date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%Y-%m-%d %H:%M")


def title_of(store: Store, node_id: str) -> str:
    """A node's title (any role), or its id."""
    node = RoleRepository(store).get_node(node_id)
    return node.title if node else node_id
