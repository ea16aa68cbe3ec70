"""`rolemap manual -o FILE.pdf|FILE.md|FILE.html`: a role's operating manual from the command line.

The format follows the file's name. The PDF and the HTML's diagram are
painted with Qt, so for those (only) the offscreen platform is chosen here
unless the caller chose one, and Qt is imported only then: the Markdown
manual starts no Qt at all. The database is opened read-only: making the
manual changes nothing. The service (`services/manual.py`) is imported when
the command runs, not when the parser is built: every other command would pay
for it (~20 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path

from rolemap.cli.common import (
    CommandError,
    add_db_option,
    add_role_option,
    choose_role,
    given,
    open_database,
    say,
)
from rolemap.domain.periods import (
    PERIOD_NAMES,
    Period,
    date_range,
    local_zone,
    parse_date,
    period_of,
)

PAGES = ("a4", "letter")  # as services/manual.py has them (tests/unit/test_manual.py checks)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the parser."""
    manual = commands.add_parser(
        "manual",
        help="write the role's operating manual (PDF, Markdown or HTML)",
        description="Write a role's operating manual: the one-page diagram; purpose, "
        "accountabilities, domains, decision rights and the notes for a successor; outcomes "
        "with their check-ins; outputs with the evidence list of the period; activities with "
        "planned and actual hours a week; the allocation; and, where they exist, the last "
        "reviews, the quarter's checklist and this week's plan. The format follows the file's "
        "name: .pdf (contents, page numbers, bookmarks), .md (the diagram as a Mermaid block) "
        "or .html (one self-contained file).",
    )
    manual.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf, .md or .html"
    )
    manual.add_argument(
        "--period",
        choices=PERIOD_NAMES,
        help="what the figures cover (default: this quarter, or the last one during a "
        "quarter's first four weeks)",
    )
    manual.add_argument(
        "--from", dest="first", type=given, metavar="D", help="first day, YYYY-MM-DD"
    )
    manual.add_argument(
        "--to", dest="last", type=given, metavar="D", help="last day, YYYY-MM-DD (included)"
    )
    manual.add_argument("--page", choices=PAGES, default="a4", help="paper size (default a4)")
    add_role_option(manual)
    add_db_option(manual)
    manual.set_defaults(handler=run_manual)


def run_manual(args: argparse.Namespace) -> int:
    """Write the manual of one role."""
    from rolemap.services.manual import ManualError, default_period, export_manual, manual_format

    output = Path(args.output)
    try:
        fmt = manual_format(output)
    except ManualError as error:
        raise CommandError(str(error)) from None
    _check_output(output)
    now = int(time.time())
    tz = local_zone()
    today = dt.datetime.fromtimestamp(now, tz).date()
    period = _period(args, today) or default_period(today)
    if fmt != "markdown":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance() or QGuiApplication(["rolemap"])  # painting needs one
        assert app is not None
    store = open_database(args, read_only=True)
    try:
        role = choose_role(store, args.role)
        try:
            notes = export_manual(store, role.id, output, period, args.page, tz=tz, now=now)
        except ManualError as error:
            raise CommandError(str(error)) from None
    finally:
        store.close()
    for note in notes:
        say(f"Note: {note}")
    say(f"Wrote {output} ({role.name}, {period.label})")
    return 0


def _period(args: argparse.Namespace, today: dt.date) -> Period | None:
    """The period asked for; None when none was."""
    if args.first is None and args.last is None:
        return period_of(args.period, today) if args.period else None
    if args.period:
        raise CommandError("Give either --period or --from/--to, not both.")
    first = parse_date(args.first, today) if args.first is not None else None
    last = parse_date(args.last, today) if args.last is not None else None
    return date_range(first, last)


def _check_output(output: Path) -> None:
    """Refuse at once what cannot be written (the writer checks again, atomically)."""
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give a file name.")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"Cannot write {output}: there is no folder {folder}.")
    if not os.access(folder, os.W_OK):
        raise CommandError(f"Cannot write {output}: the folder {folder} is not writable.")
