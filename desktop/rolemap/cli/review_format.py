"""`rolemap review`'s output: the documented JSON values and the text a terminal shows.

JSON shapes (hours are floats; days ISO dates; times ISO 8601 UTC)::

    review  = {"id", "short_id", "first_day", "last_day", "period": "2 Nov – 1 Dec 2026",
               "status": "in progress" | "finished", "chosen": bool, "started",
               "finished": str | null, "answers": [str × 4]}
    list    = {"role": {"id", "name"}, "cadence", "next_due", "due": bool,
               "reviews": [review + {"damaged": str | null}],   # newest first
               "unreadable": [str]}
    show    = {"role": {"id", "name"}, "review": review, "problem": str | null,
               "totals": {"total_hours", "purposeful_hours", "purposeful_share",
                          "attributed_hours", "weak_hours"} | null,
               "questions": [{"number", "question", "answer", "evidence": {...} | null}],
               "actions": [action]}
        evidence 1 = {"activities": [...], "outputs": [...], "idle_activities": [id]}
        evidence 2 = {"outcomes": [...], "weak_hours", "weak_links": [...]}
        evidence 3 = {"suggestions": [{"kind", "text", "node_id"}], "unanchored": [...],
                      "unfed_outcomes": [...], "allocation": [...], "biggest_gap": {...} | null,
                      "accountabilities": [...]}
        evidence 4 = {"changes": changes | null, "note": str}
        (rows as interchange/review_json.py keeps them)
    action  = {"number", "id", "text", "status", "node": str | null, "carried": bool}
    diff    = {"from": {"review", "period"}, "to": {"review": id | null, "period": str | null},
               "added": {"nodes", "links"}, "removed": {...}, "changed": {...},
               "role_fields": [...], "canvas_moves": int}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rolemap.domain.review import QUESTION_TOPICS, QUESTIONS, ActionStatus, Review, span_text
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_sheet import ActionLine, ReviewSheet
from rolemap.domain.review_suggestions import hours_text, percent_text
from rolemap.interchange.evidence_json import evidence_to_json
from rolemap.services.review_report import change_lines

ROWS = 10


def review_json(review: Review) -> dict[str, Any]:
    """The documented `review` value."""
    return {
        "id": review.id,
        "short_id": review.short_id,
        "first_day": review.first_day.isoformat(),
        "last_day": review.last_day.isoformat(),
        "period": span_text(review.first_day, review.last_day),
        "status": "finished" if review.is_finished else "in progress",
        "chosen": review.chosen,
        "started": review.started,
        "finished": review.finished,
        "answers": list(review.answers),
    }


def action_json(action: ActionLine) -> dict[str, Any]:
    """The documented `action` value."""
    return {
        "number": action.number,
        "id": action.id,
        "text": action.text,
        "status": action.status.value,
        "node": action.node or None,
        "carried": action.carried,
    }


def sheet_json(sheet: ReviewSheet, role_id: str) -> dict[str, Any]:
    """The documented `show` value."""
    evidence = sheet.evidence
    kept = None if evidence is None else evidence_to_json(evidence)
    totals = None
    if evidence is not None:
        share = evidence.purposeful_share
        totals = {
            "total_hours": round(evidence.total_hours, 3),
            "purposeful_hours": round(evidence.purposeful_hours, 3),
            "purposeful_share": None if share is None else round(share, 4),
            "attributed_hours": round(evidence.attributed_hours, 3),
            "weak_hours": round(evidence.weak_hours, 3),
        }
    parts: list[dict[str, Any] | None] = [None] * 4
    if kept is not None and evidence is not None:
        gap = kept["allocation"][0] if kept["allocation"] else None
        parts = [
            {
                "activities": kept["activities"],
                "outputs": kept["outputs"],
                "idle_activities": [a.id for a in evidence.idle_activities],
            },
            {
                "outcomes": kept["outcomes"],
                "weak_hours": kept["weak_hours"],
                "weak_links": kept["weak_links"],
            },
            {
                "suggestions": [
                    {"kind": s.kind, "text": s.text, "node_id": s.node_id}
                    for s in sheet.suggestions
                ],
                "unanchored": kept["unanchored"],
                "unfed_outcomes": kept["unfed_outcomes"],
                "allocation": kept["allocation"],
                "biggest_gap": gap,
                "accountabilities": kept["accountabilities"],
            },
            {"changes": kept["changes"], "note": evidence.changes_note},
        ]
    return {
        "role": {"id": role_id, "name": sheet.role_name},
        "review": review_json(sheet.review),
        "problem": sheet.problem or None,
        "totals": totals,
        "questions": [
            {
                "number": number,
                "question": question,
                "answer": sheet.review.answers[number - 1],
                "evidence": parts[number - 1],
            }
            for number, question in enumerate(QUESTIONS, start=1)
        ],
        "actions": [action_json(a) for a in sheet.actions],
    }


def diff_json(since: Review, until: Review | None, changes: dict[str, Any]) -> dict[str, Any]:
    """The documented `diff` value (`changes` from `changes_to_json`)."""
    return {
        "from": {"review": since.id, "period": span_text(since.first_day, since.last_day)},
        "to": {
            "review": None if until is None else until.id,
            "period": None if until is None else span_text(until.first_day, until.last_day),
        },
        **changes,
    }


# -- text -----------------------------------------------------------------------------------


def sheet_lines(sheet: ReviewSheet) -> list[str]:
    """The review as a terminal shows it: each question with its evidence and answer."""
    review = sheet.review
    lines = [f"Review of {sheet.span} · {sheet.role_name} · {sheet.status} · {review.short_id}"]
    evidence = sheet.evidence
    if evidence is not None:
        share = evidence.purposeful_share
        lines.append(
            f"{hours_text(evidence.total_hours)} tracked · "
            + ("nothing tracked" if share is None else f"{percent_text(share)} purposeful")
            + f" · {hours_text(evidence.attributed_hours)} reached outcomes"
        )
    if sheet.problem:
        lines.append(f"Note: {sheet.problem}")
    for number, question in enumerate(QUESTIONS, start=1):
        lines += ["", f"{number}. {question}  [{QUESTION_TOPICS[number - 1]}]"]
        if evidence is not None:
            lines += ["   " + line if line else "" for line in _EVIDENCE[number](sheet, evidence)]
        answer = review.answers[number - 1]
        lines.append("   Answer:" + ("" if answer else " –"))
        lines += [f"     {line}" for line in answer.splitlines()]
    lines += ["", "Actions:"]
    lines += action_lines_text(sheet.actions) or ["   none"]
    return lines


def action_lines_text(actions: tuple[ActionLine, ...]) -> list[str]:
    """ "   2. [x] Book the offsite — Team health (from an earlier review)"."""
    marks = {ActionStatus.OPEN: "[ ]", ActionStatus.DONE: "[x]", ActionStatus.DROPPED: "[-]"}
    lines = []
    for action in actions:
        about = f" — {action.node}" if action.node else ""
        carried = " (from an earlier review)" if action.carried else ""
        dropped = " (dropped)" if action.status is ActionStatus.DROPPED else ""
        lines.append(
            f"   {action.number}. {marks[action.status]} {action.text}{about}{dropped}{carried}"
        )
    return lines


def _q1(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del sheet
    rows = [
        (
            a.title,
            hours_text(a.planned_hours),
            hours_text(a.hours),
            str(a.deliveries) if a.outputs else "no output",
            "–" if a.yield_per_10h is None else f"{a.yield_per_10h:.1f}",
        )
        for a in evidence.activities
        if a.hours > 0 or a.planned_hours > 0
    ]
    lines = table(("Activity", "Planned", "Actual", "Delivered", "Per 10 h"), rows)
    idle = evidence.idle_activities
    if idle:
        names = ", ".join(f"{a.title} ({hours_text(a.hours)})" for a in idle[:5])
        lines.append(f"Nothing delivered downstream: {names}" + _more(len(idle), 5))
    return lines or ["No time tracked or planned."]


def _q2(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del sheet
    rows = []
    for o in evidence.outcomes:
        unit = f" {o.unit}" if o.unit else ""
        start = "–" if o.start is None else f"{o.start.value:g}"
        end = "–" if o.end is None else f"{o.end.value:g}{unit}"
        goal = "–" if o.target is None else f"{o.target:g}{unit}"
        track = {True: "on track", False: "behind", None: "–"}[o.on_track]
        rows.append((o.title, hours_text(o.hours), f"{start} → {end}", goal, track))
    lines = table(("Outcome", "Hours", "Start → end", "Target", "Line"), rows)
    if evidence.weak_hours > 0:
        lines.append(
            f"Hours on weak links: {hours_text(evidence.weak_hours)} reached outcomes only "
            "along links of confidence below 50 %."
        )
    return lines or ["The map has no outcome."]


def _q3(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del evidence
    return [f"• {s.text}" for s in sheet.suggestions] or ["Nothing stands out."]


def _q4(sheet: ReviewSheet, evidence: Evidence) -> list[str]:
    del sheet
    if evidence.changes is None:
        return [evidence.changes_note or "No earlier map to compare with."]
    lines = change_lines(evidence.changes)
    return [f"• {line}" for line in lines] or ["The map did not change since the last review."]


_EVIDENCE = {1: _q1, 2: _q2, 3: _q3, 4: _q4}


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], limit: int = ROWS) -> list[str]:
    """Aligned columns, the first left-aligned, the rest right-aligned; capped at `limit` rows."""
    if not rows:
        return []
    shown = rows[:limit]
    widths = [max(len(r[i]) for r in (header, *shown)) for i in range(len(header))]
    lines = []
    for row in (header, *shown):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    if len(rows) > limit:
        lines.append(f"… and {len(rows) - limit} more")
    return lines


def _more(count: int, shown: int) -> str:
    return f" and {count - shown} more" if count > shown else ""
