"""What every command shares: opening the database, choosing a role, reporting errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rolemap.domain.entities import Role
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import escape_controls
from rolemap.store.database import Store, open_store
from rolemap.store.locations import default_database
from rolemap.store.role_repository import RoleRepository


class CommandError(Exception):
    """A known failure of a command: printed as `rolemap: message`, exit status 1."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """--db on a subcommand (SUPPRESS keeps a value given before the subcommand)."""
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the database file (default: $ROLEMAP_DB, else the data folder's)",
    )


def add_role_option(parser: argparse.ArgumentParser) -> None:
    """--role NAME: which role a command works on (default: the only or first role)."""
    parser.add_argument(
        "--role", type=given, metavar="NAME", help="the role, by name (case-insensitive)"
    )


def given(text: str) -> str:
    """An option's value that must say something: `--at ''` is refused, not taken as absent."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty value; leave the option out instead")
    return text


def say(text: str = "") -> None:
    """Print a line for the person, every control character escaped.

    Titles come from files other people share; one holding ESC sequences must
    not rewrite the person's terminal.
    """
    print(escape_controls(text))


def database_path(args: argparse.Namespace) -> Path:
    """The database a command uses: --db, else ROLEMAP_DB, else the data folder's."""
    chosen = getattr(args, "db", None)
    return Path(chosen).expanduser() if chosen else default_database()


def open_database(
    args: argparse.Namespace, *, create: bool = False, read_only: bool = False
) -> Store:
    """Open the command's database (StoreError propagates and becomes the message).

    `read_only` is for commands that only read (report, status): see open_store.
    """
    return open_store(database_path(args), create=create, read_only=read_only)


def choose_role(store: Store, name: str | None) -> Role:
    """The role named `name` (case-insensitive; a unique prefix is enough), or the first."""
    roles = RoleRepository(store).list_roles()
    if not roles:
        raise CommandError("The database holds no role yet.")
    if name is None:
        return roles[0]
    wanted = name.casefold().strip()
    exact = [r for r in roles if r.name.casefold() == wanted]
    matches = exact or [r for r in roles if r.name.casefold().startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(f"‘{r.name}’" for r in (matches or roles))
    if matches:
        raise CommandError(f"‘{name}’ matches several roles: {names}.")
    raise CommandError(f"No role is called ‘{name}’. Roles: {names}.")


def role_map_of(store: Store, name: str | None) -> RoleMap:
    """The map of the role named `name` (see choose_role)."""
    return RoleRepository(store).load_map(choose_role(store, name).id)


def fail(message: str, code: int = 1) -> int:
    """Print `rolemap: message` on stderr and return the exit status."""
    print(f"rolemap: {escape_controls(message)}", file=sys.stderr)
    return code
