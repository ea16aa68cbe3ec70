"""`rolemap review …`: the framework's fourth step in a terminal, the same code as the window's.

    review start [--from D] [--to D]         opens (or continues) the review in progress
    review answer N TEXT [--review ID]       N = 1..4; TEXT "-" reads the answer from stdin
    review action add TEXT [--node NAME]     and: action done N, drop N, reopen N, list
    review finish                            keeps answers, figures and the map's snapshot
    review discard                           throws away the review in progress
    review list                              history, newest first, and when the next is due
    review show [ID]                         the four questions with evidence and answers
    review diff ID [ID2]                     the map's changes since review ID (or between two)
    review export ID -o FILE.pdf|FILE.md     the review on one or two pages, or as Markdown

IDs are a review id or its first characters, "last" (the latest finished
review) or "current" (the one in progress). Action numbers are the ones
`review action list` and `review show` print. `--json` prints the values
documented in cli/review_format.py. Every refusal changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from rolemap.cli.common import CommandError, add_db_option, add_role_option, given, say
from rolemap.cli.review_format import (
    action_json,
    action_lines_text,
    review_json,
    sheet_json,
    sheet_lines,
)
from rolemap.cli.review_history import (
    current_review,
    day_of,
    history_of,
    print_json,
    review_session_of,
    run_diff,
    run_export,
    run_list,
    run_show,
    sheet_of,
)
from rolemap.domain.entities import Node
from rolemap.domain.review import ActionStatus, span_text
from rolemap.domain.review_sheet import ActionLine, ReviewSheet
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import MAX_TEXT
from rolemap.services import review_session as session

Parser = argparse.ArgumentParser


def register(commands: argparse._SubParsersAction[Parser]) -> None:
    """Add `review` and its subcommands to the parser."""
    review = commands.add_parser(
        "review",
        help="review the role: four questions with the period's evidence",
        description="Review the role, as the framework's fourth step asks: four questions, "
        "each with the period's evidence, your answers, and follow-up actions. Finishing "
        "keeps the figures and a snapshot of the map. IDs: a review id or its first "
        "characters, 'last' (latest finished) or 'current' (in progress).",
    )
    add_db_option(review)
    steps = review.add_subparsers(dest="review_command", metavar="COMMAND", required=True)

    def add(
        parent: argparse._SubParsersAction[Parser],
        name: str,
        help_text: str,
        handler: Callable[[argparse.Namespace], int],
        *,
        json_option: bool = True,
    ) -> Parser:
        parser = parent.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + "."
        )
        add_role_option(parser)
        add_db_option(parser)
        if json_option:
            parser.add_argument("--json", action="store_true", help="print JSON")
        parser.set_defaults(handler=handler)
        return parser

    start = add(
        steps,
        "start",
        "open the review in progress, or start one (default period: since the last review)",
        run_start,
    )
    start.add_argument(
        "--from", dest="first", type=given, metavar="D", help="first day: YYYY-MM-DD, yesterday"
    )
    start.add_argument(
        "--to", dest="last", type=given, metavar="D", help="last day, included (default: today)"
    )

    answer = add(steps, "answer", "answer question N (1–4) of the review", run_answer)
    answer.add_argument("number", type=int, metavar="N", help="the question, 1 to 4")
    answer.add_argument("text", metavar="TEXT", help="the answer; - reads it from stdin")
    answer.add_argument(
        "--review", type=given, metavar="ID", help="a finished review (default: current)"
    )

    action = steps.add_parser(
        "action",
        help="follow-up actions: add, done, drop, reopen, list",
        description="Follow-up actions of the review in progress. Open actions of earlier "
        "reviews carry into it, to be ticked off (done) or dropped.",
    )
    add_db_option(action)
    moves = action.add_subparsers(dest="action_command", metavar="ACTION", required=True)
    added = add(moves, "add", "record a follow-up action", run_action_add)
    added.add_argument("text", metavar="TEXT")
    added.add_argument("--node", type=given, metavar="NAME", help="the node it is about")
    for name, verb in (("done", "tick off"), ("drop", "drop"), ("reopen", "open again")):
        move = add(moves, name, f"{verb} action N", _run_action_status(name))
        move.add_argument("number", type=int, metavar="N", help="as `review action list` shows")
    add(moves, "list", "list the actions of the review in progress", run_action_list)

    add(steps, "finish", "finish the review in progress: keep its figures and map", run_finish)
    add(steps, "discard", "throw away the review in progress", run_discard, json_option=False)
    add(steps, "list", "the role's reviews, newest first, and when the next is due", run_list)

    show = add(steps, "show", "a review's four questions with evidence and answers", run_show)
    show.add_argument("id", nargs="?", metavar="ID", help="default: current, else last")

    compare = add(steps, "diff", "the map's changes since review ID (or between two)", run_diff)
    compare.add_argument("id", metavar="ID")
    compare.add_argument("other", nargs="?", metavar="ID2", help="a later review (default: now)")

    export = add(
        steps, "export", "write a review as PDF or Markdown", run_export, json_option=False
    )
    export.add_argument("id", metavar="ID")
    export.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.pdf or FILE.md"
    )
    export.add_argument("--page", choices=("a4", "letter"), default="a4", help="(PDF) paper")


def _action(sheet: ReviewSheet, number: int) -> ActionLine:
    for line in sheet.actions:
        if line.number == number:
            return line
    count = len(sheet.actions)
    raise CommandError(
        f"There is no action {number}: the review lists {count} (see `rolemap review action list`)."
        if count
        else "The review has no actions yet."
    )


def _find_node(role_map: RoleMap, name: str) -> Node:
    """A node of any kind by title: exact, else a unique beginning, else a unique part."""
    wanted = " ".join(name.split()).casefold()
    nodes = sorted(role_map.nodes.values(), key=lambda n: (n.kind.lane, n.title.casefold()))
    for test in (str.__eq__, str.startswith, lambda title, w: w in title):
        found = [n for n in nodes if wanted and test(n.title.casefold(), wanted)]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"‘{n.title}’" for n in found[:8])
            raise CommandError(f"‘{name}’ matches several nodes: {names}.")
    raise CommandError(f"No node is called ‘{name}’.")


# -- writing ----------------------------------------------------------------------------------


def run_start(args: argparse.Namespace) -> int:
    """Open or start the review in progress and say what it covers."""
    with review_session_of(args) as (store, role_map):
        clock = session.Clock.current()
        review, started = session.start_review(
            store, role_map, clock, day_of(args.first, clock), day_of(args.last, clock)
        )
        sheet = session.review_sheet(store, role_map, review, clock)
        if args.json:
            print_json({"started": started, **sheet_json(sheet, role_map.role.id)})
            return 0
        verb = "Started" if started else "Continuing"
        say(f"{verb} the review of {sheet.span} ({review.short_id}) for ‘{role_map.role.name}’.")
        say("\n".join(sheet_lines(sheet)[1:]))
        say("\nAnswer with: rolemap review answer N TEXT   ·   finish with: rolemap review finish")
    return 0


def _stdin_answer() -> str:
    """The answer on standard input: one character past the longest an answer may be, so
    that `< /dev/zero` is refused as too long rather than read until memory runs out."""
    try:
        return sys.stdin.read(MAX_TEXT + 1)
    except UnicodeDecodeError:
        raise CommandError("The answer on standard input is not UTF-8 text.") from None


def run_answer(args: argparse.Namespace) -> int:
    """Keep an answer."""
    text = _stdin_answer() if args.text == "-" else args.text
    with review_session_of(args) as (store, role_map):
        history = history_of(store, role_map)
        review = session.find_review(history, args.review or "current")
        review = session.set_answer(store, review, args.number, text)
        if args.json:
            print_json(review_json(review))
        else:
            state = "" if not review.is_finished else " (finished: its figures stay as kept)"
            say(f"Kept the answer to question {args.number} of the review of "
                f"{span_text(review.first_day, review.last_day)}{state}.")  # fmt: skip
    return 0


def run_action_add(args: argparse.Namespace) -> int:
    """Record an action in the review in progress."""
    with review_session_of(args) as (store, role_map):
        review = current_review(store, role_map)
        node = _find_node(role_map, args.node) if args.node is not None else None
        added = session.add_action(store, role_map, review, args.text, node.id if node else None)
        sheet = sheet_of(store, role_map, review)
        line = next(a for a in sheet.actions if a.id == added.id)
        if args.json:
            print_json(action_json(line))
        else:
            about = f" about ‘{node.title}’" if node else ""
            say(f"Added action {line.number}{about}: {line.text}")
    return 0


def _run_action_status(name: str) -> Callable[[argparse.Namespace], int]:
    status = {"done": ActionStatus.DONE, "drop": ActionStatus.DROPPED}.get(name, ActionStatus.OPEN)
    words = {"done": "Ticked off", "drop": "Dropped", "reopen": "Opened again"}[name]

    def run(args: argparse.Namespace) -> int:
        with review_session_of(args) as (store, role_map):
            review = current_review(store, role_map)
            line = _action(sheet_of(store, role_map, review), args.number)
            session.set_action_status(store, review, line.id, status)
            sheet = sheet_of(store, role_map, review)
            changed = next(a for a in sheet.actions if a.id == line.id)
            if args.json:
                print_json(action_json(changed))
            else:
                say(f"{words} action {changed.number}: {changed.text}")
        return 0

    return run


def run_action_list(args: argparse.Namespace) -> int:
    """The actions of the review in progress (its own, carried in, closed in it)."""
    with review_session_of(args, read_only=True) as (store, role_map):
        review = current_review(store, role_map)
        sheet = sheet_of(store, role_map, review)
        if args.json:
            print_json({"review": review.id, "actions": [action_json(a) for a in sheet.actions]})
        else:
            say(f"Actions of the review of {sheet.span}:")
            say("\n".join(action_lines_text(sheet.actions) or ["   none yet"]))
    return 0


def run_finish(args: argparse.Namespace) -> int:
    """Finish the review in progress."""
    with review_session_of(args) as (store, role_map):
        review = current_review(store, role_map)
        clock = session.Clock.current()
        finished = session.finish_review(store, role_map, review, clock)
        sheet = session.review_sheet(store, role_map, finished, clock)
        open_count = sum(1 for a in sheet.actions if a.status is ActionStatus.OPEN)
        if args.json:
            print_json(review_json(finished))
            return 0
        blank = [n for n, a in enumerate(finished.answers, start=1) if not a.strip()]
        say(f"Finished the review of {sheet.span} ({finished.short_id}): its figures and "
            "the map as it is now are kept.")  # fmt: skip
        if blank:
            say(f"Question{'s' if len(blank) > 1 else ''} {', '.join(map(str, blank))} "
                "had no answer; answers stay editable (review answer N TEXT --review "
                f"{finished.short_id}).")  # fmt: skip
        if open_count:
            say(f"{open_count} open action{'s carry' if open_count > 1 else ' carries'} into "
                "the next review.")  # fmt: skip
        status = session.review_status(history_of(store, role_map), role_map.role, clock.today)
        say(f"The next review is due on {status.due.isoformat()}.")
    return 0


def run_discard(args: argparse.Namespace) -> int:
    """Throw away the review in progress."""
    with review_session_of(args) as (store, role_map):
        review = current_review(store, role_map)
        session.discard_review(store, review)
        say(f"Discarded the review of {span_text(review.first_day, review.last_day)}.")
    return 0
