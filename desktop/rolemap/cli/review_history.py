"""`rolemap review list/show/diff/export`: looking back at reviews, and what every review
command shares (opening the store, finding the review, printing JSON).

`review_commands.py` registers these with the others under `rolemap review`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rolemap.cli.common import CommandError, choose_role, open_database, say
from rolemap.cli.review_format import diff_json, review_json, sheet_json, sheet_lines
from rolemap.domain.errors import DomainError
from rolemap.domain.periods import parse_date
from rolemap.domain.review import Review, span_text
from rolemap.domain.review_sheet import ReviewSheet
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.evidence_json import changes_to_json
from rolemap.services import review_session as session
from rolemap.services.review_report import change_lines, markdown
from rolemap.store.database import Store
from rolemap.store.review_repository import ReviewHistory, ReviewRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.system.atomic_write import WriteError, write_bytes

EXPORT_SUFFIXES = (".pdf", ".md")


@contextmanager
def review_session_of(
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


def history_of(store: Store, role_map: RoleMap) -> ReviewHistory:
    """The role's reviews, newest first."""
    return ReviewRepository(store).history(role_map.role.id)


def current_review(store: Store, role_map: RoleMap) -> Review:
    """The review in progress (a command error says how to start one)."""
    return session.find_review(history_of(store, role_map), "current")


def print_json(value: Any) -> None:
    """Print a JSON value for a script (indented, non-finite numbers refused)."""
    say(json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False))


def day_of(text: str | None, clock: session.Clock) -> dt.date | None:
    """A --from/--to date as given (YYYY-MM-DD, today, yesterday), None when left out."""
    return None if text is None else parse_date(text, clock.today)


def sheet_of(store: Store, role_map: RoleMap, review: Review) -> ReviewSheet:
    """The review as stored, with its evidence and actions, now."""
    return session.review_sheet(store, role_map, review, session.Clock.current())


def run_list(args: argparse.Namespace) -> int:
    """The role's reviews and when the next is due."""
    with review_session_of(args, read_only=True) as (store, role_map):
        clock = session.Clock.current()
        history = history_of(store, role_map)
        status = session.review_status(history, role_map.role, clock.today)
        if args.json:
            print_json(
                {
                    "role": {"id": role_map.role.id, "name": role_map.role.name},
                    "cadence": status.cadence,
                    "next_due": status.due.isoformat(),
                    "due": status.is_due,
                    "reviews": [
                        {**review_json(r), "damaged": history.damaged.get(r.id)}
                        for r in history.reviews
                    ],
                    "unreadable": list(history.unreadable),
                }
            )
            return 0
        due = "due now" if status.is_due else "next due"
        say(f"{role_map.role.name}: reviewed every {status.cadence}; {due} "
            f"{status.due.isoformat()}.")  # fmt: skip
        if not history.reviews:
            say("No review yet: start one with `rolemap review start`.")
        for review in history.reviews:
            answered = sum(1 for a in review.answers if a.strip())
            state = f"finished {(review.finished or '')[:10]}" if review.finished else "in progress"
            problem = f"  ({history.damaged[review.id]})" if review.id in history.damaged else ""
            say(f"  {review.short_id}  {span_text(review.first_day, review.last_day):<26} "
                f"{state:<21} {answered}/4 answered{problem}")  # fmt: skip
        for line in history.unreadable:
            say(f"  {line}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """One review, its questions, evidence, answers and actions."""
    with review_session_of(args, read_only=True) as (store, role_map):
        history = history_of(store, role_map)
        key = args.id or ("current" if history.in_progress else "last")
        review = session.find_review(history, key)
        sheet = sheet_of(store, role_map, review)
        if args.json:
            print_json(sheet_json(sheet, role_map.role.id))
        else:
            say("\n".join(sheet_lines(sheet)))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    """The map's changes since a review (or between two)."""
    with review_session_of(args, read_only=True) as (store, role_map):
        history = history_of(store, role_map)
        since = session.find_review(history, args.id)
        until = session.find_review(history, args.other) if args.other else None
        if (
            until is not None
            and until.is_finished
            and since.is_finished
            and (until.last_day, until.finished or "") < (since.last_day, since.finished or "")
        ):
            since, until = until, since  # always from the older to the newer
        comparison = session.compare(store, role_map, since, until)
        if args.json:
            print_json(diff_json(since, until, changes_to_json(comparison.changes)))
            return 0
        target = (
            "now"
            if until is None
            else f"the review of {span_text(until.first_day, until.last_day)}"
        )
        say(f"Changes from the review of {span_text(since.first_day, since.last_day)} to {target}:")
        lines = change_lines(comparison.changes)
        say("\n".join(f"  • {line}" for line in lines) if lines else "  none")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write a review as PDF or Markdown."""
    output: Path = args.output
    suffix = output.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise CommandError(f"Give a file name ending in .pdf or .md (not ‘{output.name}’).")
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give a file name.")
    with review_session_of(args, read_only=True) as (store, role_map):
        review = session.find_review(history_of(store, role_map), args.id)
        sheet = sheet_of(store, role_map, review)
        if suffix == ".md":
            try:
                write_bytes(output, markdown(sheet).encode("utf-8"))
            except WriteError as error:
                raise CommandError(str(error)) from None
        else:
            notes = _write_pdf(sheet, output, args.page)
            for note in notes:
                say(f"Note: {note}")
    say(f"Wrote {output}")
    return 0


def _write_pdf(sheet: ReviewSheet, output: Path, page: str) -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from rolemap.render.review_pages import compose_review, write_review_pdf
    from rolemap.render.writers import RenderError

    app = QGuiApplication.instance() or QGuiApplication(["rolemap"])  # painting needs one
    assert app is not None
    pages = compose_review(sheet, page)
    try:
        write_review_pdf(pages, output, title=f"{sheet.role_name} — review of {sheet.span}")
    except RenderError as error:
        raise CommandError(str(error)) from None
    return list(pages.notes)
