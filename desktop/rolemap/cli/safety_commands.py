"""`rolemap backup` and `rolemap restore`: verified copies of the database, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from rolemap.cli.common import CommandError, add_db_option, database_path, open_database, say
from rolemap.store.backup_folder import export_backup, inspect_backup, make_backup
from rolemap.store.database import open_store
from rolemap.store.errors import UnusableDatabaseError
from rolemap.store.restore import restore_backup, restore_to_path, set_aside


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands to the parser."""
    backup = commands.add_parser(
        "backup",
        help="make a verified backup of the database",
        description="Copy the database through SQLite's backup API, check the copy and put "
        "it in the backups folder beside the database (thinned like the automatic ones), "
        "or in FILE.",
    )
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it")
    add_db_option(backup)
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup (backing up the current one first)",
        description="Check FILE, back up the current database into the backups folder, then "
        "put FILE's contents in its place. A damaged database is set aside as "
        "NAME.damaged-DATE instead. Asks nothing.",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    add_db_option(restore)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    """Write one backup and say where."""
    store = open_database(args)
    try:
        if args.output is not None:
            written = export_backup(store.conn, args.output)
        else:
            written = make_backup(store.conn, store.path)
    finally:
        store.close()
    info = inspect_backup(written)
    say(f"Backed up {store.path} to {written} ({_describe(info.roles, info.nodes, info.size)})")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore FILE over the database; report the safety copy or the file set aside."""
    path = database_path(args)
    backup = Path(args.file)
    if not backup.is_file():
        raise CommandError(f"There is no file {backup}.")
    info = inspect_backup(backup)
    if not path.exists():
        restore_to_path(backup, path)
        say(f"There was no database at {path}.")
    else:
        try:
            store = open_store(path)
        except UnusableDatabaseError as error:
            if error.reason not in ("damaged", "empty"):
                raise CommandError(
                    f"{error} Move it away yourself if you want to restore over it."
                ) from error
            aside = set_aside(path)
            restore_to_path(backup, path)
            say(f"The database was damaged; it is kept as {aside}.")
        else:
            try:
                safety = restore_backup(store, backup)
            finally:
                store.close()
            say(f"Backed up the current database to {safety}")
        say(f"Restored {path} from {backup} ({_describe(info.roles, info.nodes, info.size)})")
    open_store(path).close()  # upgrades an older backup's schema now, not at the next start
    return 0


def _describe(roles: int | None, nodes: int | None, size: int) -> str:
    role_word = "role" if roles == 1 else "roles"
    node_word = "node" if nodes == 1 else "nodes"
    return f"{roles or 0} {role_word}, {nodes or 0} {node_word}, {size / 1024:.0f} KiB"
