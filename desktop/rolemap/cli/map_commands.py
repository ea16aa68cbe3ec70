"""`rolemap export`, `rolemap import`, `rolemap check`: whole roles in and out, and their health."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from rolemap.cli import diagram_export
from rolemap.cli.common import (
    CommandError,
    add_db_option,
    add_role_option,
    choose_role,
    database_path,
    given,
    open_database,
    say,
)
from rolemap.domain.purpose import check_purpose
from rolemap.interchange import rolemap_json
from rolemap.services.input_file import read_input
from rolemap.services.map_files import FORMATS, import_preview, map_format, read_map
from rolemap.services.transfer import export_json, import_bundles
from rolemap.store.database import open_store
from rolemap.store.errors import UnusableDatabaseError
from rolemap.store.integrity import consistency_problems, damage
from rolemap.store.role_repository import RoleRepository
from rolemap.system.atomic_write import WriteError, write_bytes

EXPORT_FORMATS = ("json", "pdf", "svg", "png", *(f.name for f in FORMATS))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands to the parser."""
    export = commands.add_parser(
        "export",
        help="write roles to a file",
        description="Write a role (or every role) to a file.",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the file format")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    export.add_argument(
        "--role", type=given, metavar="NAME", help="one role (default for json: every role)"
    )
    diagram_export.add_options(export)
    add_db_option(export)
    export.set_defaults(handler=run_export)

    load = commands.add_parser(
        "import",
        help="read roles from a Rolemap JSON file",
        description="Read roles from a Rolemap JSON file, or a map from a JSON Canvas "
        "(.canvas), Markdown outline (.md) or GraphML (.graphml) file as a new role. The whole "
        "file is checked first; a bad file changes nothing. Roles already in the database "
        "are skipped.",
    )
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--replace", action="store_true", help="replace roles already present")
    load.add_argument(
        "--format",
        choices=("rolemap", *(f.name for f in FORMATS if f.read)),
        help="the file's format (default: from its name; .json is Rolemap JSON)",
    )
    load.add_argument("--name", type=given, metavar="NAME", help="the new role's name (maps)")
    load.add_argument(
        "--import-rest",
        action="store_true",
        help="import a map whose file has problems (a link against the lane rule, …) "
        "without what they leave out; without it such a file imports nothing",
    )
    load.add_argument(
        "--dry-run", action="store_true", help="show what a map file would add; change nothing"
    )
    add_db_option(load)
    load.set_defaults(handler=run_import)

    check = commands.add_parser(
        "check",
        help="check the database and each role's purpose",
        description="Check the database file (integrity, foreign keys, ids shared between "
        "records, links that leave their role) and list what the purpose check flags on each "
        "role. Exit status 1 if the file is damaged or inconsistent.",
    )
    add_role_option(check)
    add_db_option(check)
    check.set_defaults(handler=run_check)


def run_export(args: argparse.Namespace) -> int:
    """Export as JSON (other formats are handled by the diagram renderer)."""
    if args.format in diagram_export.DIAGRAM_FORMATS:
        return diagram_export.run(args)
    if args.format != "json":
        return _export_map(args)
    store = open_database(args)
    try:
        role_ids = [choose_role(store, args.role).id] if args.role is not None else None
        write_atomically(args.output, export_json(store, role_ids).encode("utf-8"))
    finally:
        store.close()
    say(f"Wrote {args.output}")
    return 0


def _export_map(args: argparse.Namespace) -> int:
    """One role in another tool's format (Mermaid, DOT, JSON Canvas, GraphML, Markdown)."""
    store = open_database(args, read_only=True)
    try:
        role = choose_role(store, args.role)
        text = map_format(args.format).write(RoleRepository(store).load_map(role.id))
    finally:
        store.close()
    write_atomically(args.output, text.encode("utf-8"))
    say(f"Wrote {args.output} ({role.name})")
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file through a temporary beside it and a rename: never half-written."""
    try:
        write_bytes(path, data)
    except WriteError as error:
        raise CommandError(str(error)) from None


def run_import(args: argparse.Namespace) -> int:
    """Import a Rolemap JSON file, creating the database if needed.

    The file is read and checked whole before the database is opened, so a
    refused file neither changes nor creates one.
    """
    if not args.file.is_file():
        raise CommandError(f"There is no file {args.file}.")
    if args.format not in (None, "rolemap") or (
        args.format is None and args.file.suffix.lower() != ".json"
    ):
        return _import_map(args)
    bundles = rolemap_json.load_bytes(read_input(args.file))
    if not bundles:
        raise CommandError(f"{args.file} holds no role: nothing was imported.")
    store = open_database(args, create=True)
    try:
        result = import_bundles(store, bundles, replace=args.replace)
    finally:
        store.close()
    for verb, names in (("Added", result.added), ("Replaced", result.replaced)):
        for name in names:
            say(f"{verb} role ‘{name}’")
    for name in result.skipped:
        say(f"Skipped role ‘{name}’: already in the database (use --replace to replace it)")
    for old, new in result.renamed:
        say(f"A role is already called ‘{old}’: the imported one is called ‘{new}’.")
    if result.rekeyed:
        say(
            f"{result.rekeyed} ids in the file were already used by other records of the "
            "database; the imported copies were given new ones."
        )
    return 0


def _import_map(args: argparse.Namespace) -> int:
    """A map file as a new role: its problems listed; all or nothing unless --import-rest."""
    preview = read_map(args.file, args.format, args.name)
    role_map = preview.role_map
    say(
        f"{args.file.name}: {_count(len(role_map.nodes), 'node')} and "
        f"{_count(len(role_map.links), 'link')} for a new role ‘{role_map.role.name}’."
    )
    for problem in preview.problems:
        say(f"  - {problem}")
    if args.dry_run:
        return 0
    if preview.problems and not args.import_rest:
        raise CommandError(
            f"{len(preview.problems)} problems in {args.file.name}: nothing was imported. "
            "Fix the file, or import the rest with --import-rest."
        )
    store = open_database(args, create=True)
    try:
        result = import_preview(store, preview)
    finally:
        store.close()
    for old, new in result.renamed:
        say(f"A role is already called ‘{old}’: the imported one is called ‘{new}’.")
    say(f"Added role ‘{(result.renamed[0][1] if result.renamed else role_map.role.name)}’")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_check(args: argparse.Namespace) -> int:
    """Integrity, foreign keys, then the purpose check of each role."""
    path = database_path(args)
    try:
        store = open_store(path)
    except UnusableDatabaseError as error:
        if error.reason == "damaged":
            say(f"Database: damaged. {error}")
            return 1
        raise
    try:
        damaged = damage(store.conn)
        if damaged:
            say(f"Database {path}: damaged")
            for problem in damaged:
                say(f"  {problem}")
            return 1
        inconsistent = consistency_problems(store.conn)
        if inconsistent:
            say(f"Database {path}: inconsistent")
            for problem in inconsistent:
                say(f"  {problem}")
            return 1
        say(f"Database {path}: ok")
        roles = RoleRepository(store)
        chosen = [choose_role(store, args.role)] if args.role is not None else roles.list_roles()
        for role in chosen:
            _print_purpose(roles, role.id)
    except sqlite3.DatabaseError as error:
        say(f"Database {path}: damaged ({error})")
        return 1
    finally:
        store.close()
    return 0


def _print_purpose(roles: RoleRepository, role_id: str) -> None:
    role_map = roles.load_map(role_id)
    report = check_purpose(role_map)
    say(f"\n{role_map.role.name}: {len(role_map.nodes)} nodes, {len(role_map.links)} links")
    if report.is_clean():
        say("  Every activity and output leads to an outcome, and every outcome is fed.")
        return
    for title, ids in (
        ("Unanchored activities (lead to no outcome)", report.unanchored),
        ("Unaimed outputs (reach no outcome)", report.unaimed),
        ("Unsupported outcomes (no activity feeds them)", report.unsupported),
    ):
        if ids:
            say(f"  {title}:")
            for node_id in ids:
                say(f"    - {role_map.nodes[node_id].title}")
