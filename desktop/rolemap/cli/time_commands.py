"""`rolemap import-time` and `export-time`: time kept in other tools, in and out.

`import-time` reads a file with its format's parser, maps it onto the role's
activities (`--map` pairs, then the rules: `--rules FILE` or the role's own),
prints the preview and writes it in one transaction
(`services.time_import`). A bad file, or names no rule maps without
`--skip-unmapped`, changes nothing and exits 1. `rules` edits the role's
ordered rules (`cli/rules_commands.py` edits them); `export-time` writes the
role's entries for Toggl or Timewarrior.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import time
from pathlib import Path

from rolemap.cli.common import (
    CommandError,
    add_db_option,
    add_role_option,
    choose_role,
    given,
    open_database,
    role_map_of,
    say,
)
from rolemap.cli.report_format import hours_text, import_lines
from rolemap.cli.time_options import add_period_options, checked_address, days, zone
from rolemap.domain import record_rules
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import (
    Period,
    date_range,
)
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_range import FIRST_DAY
from rolemap.domain.time_rules import TimeRule
from rolemap.interchange.errors import FormatError
from rolemap.interchange.generic_csv import DurationUnit, GenericColumns
from rolemap.services import time_files, time_import, time_mapping, time_settings
from rolemap.services.input_file import read_input
from rolemap.services.time_files import ReadOptions, TimeFormat
from rolemap.services.time_preview import ImportChoices, OverlapChoice
from rolemap.system.atomic_write import WriteError, write_bytes

RULES_FILE_BYTES = 1_048_576  # a rule is under 1 kB; ten thousand rules fit twice over

EXPORT_FORMATS = ("csv", "timew")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import-time` and `export-time` to the parser."""
    _register_import(commands)
    _register_export(commands)


def _register_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import-time",
        help="import time from a calendar, Toggl, Clockify, Timewarrior, Watson or a CSV",
        description="Import time entries from another tool's file into a role. Each item maps "
        "to an activity by --map, then the rules (the role's own, or --rules FILE), then by "
        "a name equal to an activity's title. The whole file is checked first and written "
        "in one transaction; importing it again adds nothing twice. Left out, and listed "
        "with their hours: items no rule maps (exit status 1 and nothing imported, unless "
        "--skip-unmapped), zero-length ones, ones already imported or repeated in the file, "
        "and ones that overlap time already in Rolemap (unless --overlaps keep).",
    )
    parser.add_argument(
        "format",
        choices=[f.value for f in TimeFormat],
        metavar="FORMAT",
        help="ics, toggl, clockify, timew, watson or csv",
    )
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="the file (for timew: a `timew export` file or the data folder)",
    )
    add_role_option(parser)
    add_period_options(parser, "the days to import (ics default: the last 4 weeks to today)")
    parser.add_argument(
        "--tz",
        type=given,
        metavar="ZONE",
        help="the time zone of the file's wall-clock times and of the days "
        "(default: this computer's)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        type=given,
        metavar="NAME=ACTIVITY",
        help="send time named NAME (project, tag or title) to ACTIVITY; repeat for more",
    )
    parser.add_argument(
        "--rules",
        type=Path,
        metavar="FILE",
        help="rules for this run instead of the role's (JSON, as "
        "`rolemap rules list --json` prints)",
    )
    parser.add_argument(
        "--overlaps",
        choices=[c.value for c in OverlapChoice],
        default=OverlapChoice.SKIP.value,
        help="entries that overlap time already in Rolemap: skip them (default) or keep both",
    )
    parser.add_argument(
        "--skip-unmapped",
        action="store_true",
        help="import what maps and leave the rest out (exit status 0)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the preview and change nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the preview as JSON")
    calendar = parser.add_argument_group("calendars (ics)")
    calendar.add_argument(
        "--me",
        action="append",
        type=given,
        metavar="EMAIL",
        help="your address, to leave out events you declined; repeat for "
        "more; remembered (default: the addresses given last time)",
    )
    calendar.add_argument(
        "--all-day", action="store_true", help="import all-day events as 24 h (left out by default)"
    )
    clockify = parser.add_argument_group("Clockify")
    clockify.add_argument(
        "--day-first", action="store_true", help="dates are day first (03/04/2024 is 3 April)"
    )
    csv = parser.add_argument_group("any CSV (csv): the columns, by their header names")
    csv.add_argument("--start-column", type=given, metavar="NAME", help="the start (required)")
    csv.add_argument("--end-column", type=given, metavar="NAME", help="the end")
    csv.add_argument("--duration-column", type=given, metavar="NAME", help="or the duration")
    csv.add_argument(
        "--duration-unit",
        choices=[u.value for u in DurationUnit],
        default=DurationUnit.SECONDS.value,
        help="what a bare number of duration counts (default seconds)",
    )
    csv.add_argument(
        "--title-column",
        type=given,
        metavar="NAME",
        help="the name rules match (like an activity's title)",
    )
    csv.add_argument("--project-column", type=given, metavar="NAME", help="a project")
    csv.add_argument("--tags-column", type=given, metavar="NAME", help="comma-separated tags")
    csv.add_argument("--note-column", type=given, metavar="NAME", help="kept as the note")
    add_db_option(parser)
    parser.set_defaults(handler=run_import_time)


def _register_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export-time",
        help="write the role's time entries for Toggl (csv) or Timewarrior (timew)",
        description="Write the role's finished time entries as a CSV that Toggl Track's "
        "importer takes (csv), or as `timew export` JSON that `timew import` takes (timew). "
        "The activity becomes the Toggl project or the first Timewarrior tag; the note, the "
        "description or the annotation.",
    )
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    add_role_option(parser)
    add_period_options(parser, "the days to export (default: all)")
    parser.add_argument(
        "--tz",
        type=given,
        metavar="ZONE",
        help="the Toggl profile's time zone (default: this computer's)",
    )
    parser.add_argument(
        "--email",
        type=given,
        metavar="ADDRESS",
        help="the Toggl account's email (default: your first calendar address)",
    )
    add_db_option(parser)
    parser.set_defaults(handler=run_export_time)


# -- import-time ----------------------------------------------------------------------------


def run_import_time(args: argparse.Namespace) -> int:
    """Read, map, preview, and (unless --dry-run) write one file's time."""
    kind = TimeFormat(args.format)
    tz = zone(args.tz)
    for given_address in args.me or ():
        checked_address(given_address, "--me")
    path: Path = args.file
    if not path.exists():
        raise CommandError(f"There is no file {path}.")
    columns = _columns(args, kind, path)
    now = int(time.time())
    today = dt.datetime.fromtimestamp(now, tz).date()
    store = open_database(args, read_only=args.dry_run)
    try:
        role_map = role_map_of(store, args.role)
        first, last = days(args, today)
        if kind is TimeFormat.ICS and args.period == "all":
            first, last = FIRST_DAY, today  # a calendar is read for days, not for ever
        elif kind is TimeFormat.ICS:
            first, last = time_files.calendar_range(today, first, last)
        assigned = [_assigned(pair, role_map) for pair in args.map]
        rules = _rules_file(args.rules, role_map) if args.rules is not None else None
        me = tuple(args.me or time_settings.calendar_addresses(store))
        options = ReadOptions(tz, first, last, me, args.all_day, args.day_first, columns)
        foreign = time_files.read_time_file(kind, path, options)
        ahead = time_mapping.name_rules(assigned, foreign)
        choices = ImportChoices(
            None if rules is None else tuple(rules), tuple(ahead), OverlapChoice(args.overlaps)
        )
        if args.dry_run:
            plan = time_import.plan_import(store, role_map.role.id, foreign, choices, now=now)
            written = 0
        else:
            result = time_import.import_time(
                store, role_map.role.id, foreign, choices, now=now, skip_unmapped=args.skip_unmapped
            )
            plan, written = result.plan, len(result.entry_ids)
        refused = bool(plan.unmapped) and not args.skip_unmapped
        if args.me and not args.dry_run and not refused and kind is TimeFormat.ICS:
            time_settings.remember_calendar_addresses(store, args.me)
    except DomainError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    heading = {
        "format": kind.value,
        "file": str(path),
        "timezone": str(getattr(tz, "key", None) or tz),
        "from": None if first is None else first.isoformat(),
        "to": None if last is None else last.isoformat(),
        "dry_run": bool(args.dry_run),
        "written": written,
    }
    if args.json:
        say(json.dumps({**heading, **plan.as_json(tz)}, indent=2, ensure_ascii=False))
    else:
        say("\n".join(import_lines(plan, heading, tz)))
    if refused:
        one = len(plan.unmapped) == 1
        raise CommandError(
            f"{len(plan.unmapped)} name{'' if one else 's'} "
            f"({hours_text(plan.unmapped_seconds)}) map{'s' if one else ''} to no "
            "activity: map them with --map NAME=ACTIVITY or a rule (rolemap rules add), or "
            "leave them out with --skip-unmapped. Nothing was imported."
        )
    return 0


def _columns(args: argparse.Namespace, kind: TimeFormat, path: Path) -> GenericColumns | None:
    """The generic CSV's columns; without --start-column, a refusal that lists the file's."""
    if kind is not TimeFormat.CSV:
        return None
    if not args.start_column or not (args.end_column or args.duration_column):
        header = ""
        if path.is_file():
            from rolemap.interchange.generic_csv import sniff_columns

            with contextlib.suppress(FormatError, OSError):  # a hint only
                columns = ", ".join(sniff_columns(read_input(path)))[:300]
                header = f" The file's columns: {columns}."
        raise CommandError(
            "A CSV needs --start-column, and --end-column or --duration-column (by header "
            f"name).{header}"
        )
    return GenericColumns(
        start=args.start_column,
        end=args.end_column or "",
        duration=args.duration_column or "",
        title=args.title_column or "",
        note=args.note_column or "",
        project=args.project_column or "",
        tags=args.tags_column or "",
        duration_unit=DurationUnit(args.duration_unit),
    )


def _assigned(pair: str, role_map: RoleMap) -> tuple[str, str]:
    """(name, activity id) of a --map NAME=ACTIVITY pair."""
    name, equals, activity = pair.partition("=")
    if not equals or not name.strip() or not activity.strip():
        raise CommandError(f"--map ‘{pair}’: write it as NAME=ACTIVITY.")
    node = record_rules.find_by_title(role_map.nodes.values(), NodeKind.ACTIVITY, activity)
    return name.strip(), node.id


def _rules_file(path: Path, role_map: RoleMap) -> list[TimeRule]:
    # A device or a pipe would be read until memory ran out, or waited on for ever.
    if not path.is_file():
        raise CommandError(f"--rules {path} is not a regular file: give a JSON file of rules.")
    try:
        with path.open("rb") as file:
            data = file.read(RULES_FILE_BYTES + 1)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    if len(data) > RULES_FILE_BYTES:
        raise CommandError(
            f"--rules {path} is larger than {RULES_FILE_BYTES // 1_048_576} MB: it is not a "
            "rules file (`rolemap rules list --json` writes one)."
        )
    return time_settings.rules_from_json(data, role_map, f"rules file {path}")


# -- export-time ----------------------------------------------------------------------------


def run_export_time(args: argparse.Namespace) -> int:
    """Write the role's entries as Toggl CSV or `timew export` JSON."""
    tz = zone(args.tz)
    today = dt.datetime.now(tz).date()
    store = open_database(args, read_only=True)
    try:
        role = choose_role(store, args.role)
        first, last = days(args, today)
        period: Period = date_range(first, last)
        email = checked_address(args.email, "--email") if args.email else ""
        email = email or next(iter(time_settings.calendar_addresses(store)), "")
        outgoing = time_settings.export_entries(store, role.id, period, tz)
    except DomainError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    if args.format == "csv":
        from rolemap.interchange.toggl_csv import write_toggl

        text = write_toggl(outgoing, tz, email=email)
    else:
        from rolemap.interchange.timewarrior import write_timew

        text = write_timew(outgoing)
    try:
        write_bytes(args.output, text.encode("utf-8"))
    except WriteError as error:
        raise CommandError(str(error)) from None
    seconds = sum(entry.duration for entry in outgoing)
    say(f"Wrote {len(outgoing):,} entries ({hours_text(seconds)}) to {args.output}")
    return 0
