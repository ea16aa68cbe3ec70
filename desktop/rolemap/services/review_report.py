"""A review's evidence from the store's figures, and the review as Markdown.

`period_facts` reads a period's figures through `store.figures` (the daily
roll-up: a quarter over a million entries reads a few thousand rows) into
the domain's `PeriodFacts`; `live_evidence` adds the map's changes since the
review before and computes the four questions' evidence. `markdown` writes a
`ReviewSheet` as a Markdown document: the questions with their evidence and
answers, the map's changes and the actions.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from rolemap.domain.map_changes import MapChanges, field_change_text, role_change_text
from rolemap.domain.periods import date_range
from rolemap.domain.review import QUESTIONS, ActionStatus
from rolemap.domain.review_evidence import (
    ActivityRow,
    CheckPoint,
    Evidence,
    OutcomeRow,
    PeriodFacts,
    gather_evidence,
)
from rolemap.domain.review_sheet import ReviewSheet
from rolemap.domain.review_suggestions import hours_text, percent_text
from rolemap.domain.role_map import RoleMap
from rolemap.store.figures import checkin_series, role_figures
from rolemap.store.review_figures import first_checkin_dates

TABLE_ROWS = 12


def period_facts(
    conn: sqlite3.Connection,
    role_map: RoleMap,
    first_day: dt.date,
    last_day: dt.date,
    tz: dt.tzinfo,
    now: int,
) -> PeriodFacts:
    """The figures of the period [first_day, last_day] (both included) for the evidence."""
    period = date_range(first_day, last_day)
    figures = role_figures(conn, role_map, period, tz, now)
    points: dict[str, list[CheckPoint]] = {}
    for outcome_id, day, value in checkin_series(conn, role_map.role.id, period):
        points.setdefault(outcome_id, []).append(CheckPoint(day.isoformat(), value))
    return PeriodFacts(
        first_day=first_day,
        last_day=last_day,
        activity_hours={a: s / 3600 for a, s in figures.activity_seconds.items()},
        category_hours={c: s / 3600 for c, s in figures.category_seconds.items()},
        deliveries=dict(figures.deliveries),
        checkins=points,
        first_checkin=first_checkin_dates(conn, role_map.role.id),
    )


def live_evidence(
    conn: sqlite3.Connection,
    role_map: RoleMap,
    first_day: dt.date,
    last_day: dt.date,
    tz: dt.tzinfo,
    now: int,
    changes: MapChanges | None = None,
    changes_note: str = "",
) -> Evidence:
    """The evidence of a period computed now (a review in progress, or one finishing)."""
    facts = period_facts(conn, role_map, first_day, last_day, tz, now)
    return gather_evidence(role_map, facts, changes, changes_note)


# -- Markdown ---------------------------------------------------------------------------


def markdown(sheet: ReviewSheet) -> str:
    """The review as a Markdown document."""
    review = sheet.review
    lines = [f"# Review · {_md(sheet.role_name)} · {sheet.span}", ""]
    lines.append(f"*{sheet.status_title} · id {review.short_id}*")
    evidence = sheet.evidence
    if evidence is not None:
        share = evidence.purposeful_share
        lines.append("")
        lines.append(
            f"{hours_text(evidence.total_hours)} tracked · "
            + ("no time tracked" if share is None else f"{percent_text(share)} purposeful")
            + f" · {hours_text(evidence.attributed_hours)} reached outcomes"
        )
    if sheet.problem:
        lines += ["", f"> **Note:** {_md(sheet.problem)}"]
    for number, question in enumerate(QUESTIONS, start=1):
        lines += ["", f"## {number}. {question}", ""]
        if evidence is not None:
            lines += _EVIDENCE[number](sheet, evidence)
        lines += ["", "**Answer**", ""]
        answer = review.answers[number - 1]
        lines += [f"> {line}".rstrip() for line in answer.splitlines()] if answer else ["*—*"]
    lines += ["", "## Actions", ""]
    if not sheet.actions:
        lines.append("No actions.")
    for action in sheet.actions:
        mark = {ActionStatus.OPEN: "[ ]", ActionStatus.DONE: "[x]", ActionStatus.DROPPED: "[-]"}
        text = _md(action.text)
        if action.status is ActionStatus.DROPPED:
            text = f"~~{text}~~ (dropped)"
        about = f" — *{_md(action.node)}*" if action.node else ""
        carried = " (from an earlier review)" if action.carried else ""
        lines.append(f"- {mark[action.status]} {text}{about}{carried}")
    lines += ["", f"*Made with Rolemap on {sheet.today.isoformat()}.*", ""]
    return "\n".join(lines)


def _question_1(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del sheet
    lines = _table(
        ("Activity", "Planned", "Actual", "Delivered downstream", "Per 10 h"),
        [
            (
                a.title,
                hours_text(a.planned_hours),
                hours_text(a.hours),
                str(a.deliveries) if a.outputs else "no output",
                _yield(a.yield_per_10h),
            )
            for a in evidence.activities
            if a.hours > 0 or a.planned_hours > 0
        ],
        "No time was tracked or planned on any activity.",
    )
    idle = evidence.idle_activities
    if idle:
        lines += ["", "Hours with nothing delivered downstream: " + _ranked_text(idle) + "."]
    lines += [""]
    lines += _table(
        ("Output", "Hours in", "Delivered", "Per 10 h"),
        [
            (o.title, hours_text(o.hours_in), str(o.deliveries), _yield(o.yield_per_10h))
            for o in evidence.outputs
            if o.hours_in > 0 or o.deliveries > 0
        ],
        "No hours reached an output and nothing was delivered.",
    )
    return lines


def _question_2(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del sheet
    lines = _table(
        ("Outcome", "Hours", "Deliveries in", "Start", "End", "Baseline → target", "On track"),
        [
            (
                o.title,
                hours_text(o.hours),
                str(o.deliveries),
                _point(o, o.start),
                _point(o, o.end),
                _line(o),
                {True: "yes", False: "no", None: "–"}[o.on_track],
            )
            for o in evidence.outcomes
        ],
        "The map has no outcome.",
    )
    if evidence.weak_hours > 0:
        lines += [
            "",
            f"Hours on weak links: {hours_text(evidence.weak_hours)} of "
            f"{hours_text(evidence.attributed_hours)} reached outcomes only along a link of "
            "confidence below 50 %: "
            + "; ".join(
                f"{_md(w.source)} → {_md(w.target)} ({percent_text(w.confidence)}, "
                f"{hours_text(w.hours)})"
                for w in evidence.weak_links[:5]
                if w.hours > 0
            )
            + ".",
        ]
    elif evidence.weak_links:
        lines += ["", "No hours went along the map's weak links in this period."]
    return lines


def _question_3(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    lines = [f"- {_md(s.text)}" for s in sheet.suggestions] or ["Nothing stands out."]
    if evidence.allocation:
        lines += [""]
        lines += _table(
            ("Category", "Ideal", "Actual", "Gap"),
            [
                (
                    g.category,
                    percent_text(g.ideal),
                    percent_text(g.actual),
                    f"{g.gap * 100:+.0f} pts",
                )
                for g in evidence.allocation
            ],
            "",
        )
    if evidence.accountabilities:
        lines += [""]
        lines += _table(
            ("Accountability", "Served by", "Hours", "Status"),
            [
                (a.name, ", ".join(a.outcomes) or "–", hours_text(a.hours), a.status)
                for a in evidence.accountabilities
            ],
            "",
        )
    return lines


def _question_4(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del sheet
    changes = evidence.changes
    if changes is None:
        return [_md(evidence.changes_note or "No earlier map to compare with.")]
    return [f"- {_md(line)}" for line in change_lines(changes)] or [
        "The map did not change since the last review."
    ]


_EVIDENCE = {1: _question_1, 2: _question_2, 3: _question_3, 4: _question_4}


def change_lines(changes: MapChanges) -> list[str]:
    """The map's changes, one line each, as every export words them."""
    lines = [f"Added {r.kind} ‘{r.title}’" for r in changes.added_nodes]
    lines += [f"Removed {r.kind} ‘{r.title}’" for r in changes.removed_nodes]
    for edit in changes.changed_nodes:
        words = "; ".join(field_change_text(c) for c in edit.changes)
        lines.append(f"Changed {edit.node.kind} ‘{edit.node.title}’: {words}")
    lines += [f"Added link {r.title}" for r in changes.added_links]
    lines += [f"Removed link {r.title}" for r in changes.removed_links]
    for link in changes.changed_links:
        words = "; ".join(field_change_text(c) for c in link.changes)
        lines.append(f"Changed link {link.link.title}: {words}")
    lines += [role_change_text(c) for c in changes.role_fields]
    if changes.canvas_moves:
        moved = changes.canvas_moves
        lines.append(f"{moved} {'node' if moved == 1 else 'nodes'} moved on the canvas")
    return lines


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> list[str]:
    if not rows:
        return [empty] if empty else []
    shown = rows[:TABLE_ROWS]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in shown]
    if len(rows) > TABLE_ROWS:
        lines.append(f"\n… and {len(rows) - TABLE_ROWS} more.")
    return lines


def _ranked_text(rows: Sequence[ActivityRow]) -> str:
    items = [f"{_md(r.title)} ({hours_text(r.hours)})" for r in rows]
    shown = ", ".join(items[:5])
    return shown + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def _yield(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _point(outcome: OutcomeRow, point: CheckPoint | None) -> str:
    if point is None:
        return "–"
    unit = f" {outcome.unit}" if outcome.unit else ""
    return f"{point.value:g}{unit} ({point.day})"


def _line(outcome: OutcomeRow) -> str:
    if outcome.target is None:
        return "–"
    start = "–" if outcome.baseline is None else f"{outcome.baseline:g}"
    due = f" by {outcome.due}" if outcome.due else ""
    return f"{start} → {outcome.target:g}{due}"


_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})


def _md(text: str) -> str:
    """Text from the map or another person as literal Markdown (one line)."""
    return " ".join(text.split()).translate(_SPECIAL)


def _cell(text: str) -> str:
    return _md(text) or " "
