"""Reviews and their actions as plain JSON values, and back: for the Rolemap file.

The next version of the Rolemap JSON file gives each role `reviews` and
`review_actions` (`to_json`, `from_json`). A review carries its figures
(`evidence_json`) and its snapshot (`snapshot_json`) when it is finished.
Every reader checks what it takes, applies the rules every way in applies
(an answer's and an action's text), and raises `FormatError` naming the
place ("In roles[0].reviews[2].snapshot.nodes[5]: …"); `from_json` also
checks the whole: unique ids, one review in progress, finished reviews that
do not overlap, actions that name reviews of the role.

Shapes (days ISO dates, times ISO 8601 UTC, ids text)::

    review  = {"id", "first_day", "last_day", "chosen": bool, "started",
               "finished": str | null, "answers": [str × 4],
               "figures": evidence | null, "snapshot": map | null}
    action  = {"id", "review", "text", "node": id | null,
               "status": "open" | "done" | "dropped", "closed_in": id | null,
               "position": int}
    evidence = interchange/evidence_json.py;  map = interchange/snapshot_json.py
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rolemap.domain.review import (
    ActionStatus,
    Review,
    ReviewAction,
    clean_action,
    clean_answer,
    overlapping,
)
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.errors import FormatError
from rolemap.interchange.evidence_json import evidence_from_json, evidence_to_json
from rolemap.interchange.review_values import JsonObject, checked_text
from rolemap.interchange.snapshot_json import map_from_json, map_to_json


@dataclass(frozen=True)
class ReviewRecord:
    """A review with what a file carries of it: its figures and snapshot (None: none kept)."""

    review: Review
    evidence: Evidence | None = None
    snapshot: RoleMap | None = None


def review_to_json(record: ReviewRecord) -> dict[str, Any]:
    """A review with its figures and snapshot as the documented `review` value."""
    review = record.review
    return {
        "id": review.id,
        "first_day": review.first_day.isoformat(),
        "last_day": review.last_day.isoformat(),
        "chosen": review.chosen,
        "started": review.started,
        "finished": review.finished,
        "answers": list(review.answers),
        "figures": None if record.evidence is None else evidence_to_json(record.evidence),
        "snapshot": None if record.snapshot is None else map_to_json(record.snapshot),
    }


def review_from_json(value: Any, where: str, role_id: str) -> ReviewRecord:
    """A review of role `role_id` from `review_to_json`'s value."""
    data = JsonObject(value, where)
    answers = data.texts("answers")
    if len(answers) != 4:
        raise FormatError(
            f"In {data.at('answers')}: a review has four answers, not {len(answers)}."
        )
    answers = tuple(
        checked_text(clean_answer, text, f"{data.at('answers')}[{i}]")
        for i, text in enumerate(answers)
    )
    first_day, last_day = data.day("first_day"), data.day("last_day")
    if last_day < first_day:
        raise FormatError(f"In {where}: the review's period ends before it starts.")
    finished = data.get("finished", None)
    review = Review(
        id=data.id("id"),
        role_id=role_id,
        first_day=first_day,
        last_day=last_day,
        started=data.text("started", limit=40),
        finished=None if finished is None else data.text("finished", limit=40),
        answers=(answers[0], answers[1], answers[2], answers[3]),
        chosen=data.boolean("chosen", False),
    )
    figures, snapshot = data.get("figures", None), data.get("snapshot", None)
    snapshot_map = None if snapshot is None else map_from_json(snapshot, data.at("snapshot"))
    if snapshot_map is not None and snapshot_map.role.id != role_id:
        raise FormatError(f"In {data.at('snapshot')}: the map is of another role.")
    return ReviewRecord(
        review,
        None if figures is None else evidence_from_json(figures, data.at("figures")),
        snapshot_map,
    )


def action_to_json(action: ReviewAction) -> dict[str, Any]:
    """An action as the documented `action` value."""
    return {
        "id": action.id,
        "review": action.review_id,
        "text": action.text,
        "node": action.node_id,
        "status": action.status.value,
        "closed_in": action.closed_in,
        "position": action.position,
    }


def action_from_json(value: Any, where: str, role_id: str) -> ReviewAction:
    """An action of role `role_id` from `action_to_json`'s value."""
    data = JsonObject(value, where)
    status_text = data.text("status", "open", limit=10)
    try:
        status = ActionStatus(status_text)
    except ValueError:
        raise FormatError(
            f"In {data.at('status')}: ‘{status_text}’ is not open, done or dropped."
        ) from None
    closed_in = data.maybe_id("closed_in")
    if status is ActionStatus.OPEN and closed_in is not None:
        raise FormatError(f"In {where}: an open action was not closed in a review.")
    text = checked_text(clean_action, data.text("text", limit=500), data.at("text"))
    return ReviewAction(
        id=data.id("id"),
        role_id=role_id,
        review_id=data.id("review"),
        text=text,
        node_id=data.maybe_id("node"),
        status=status,
        closed_in=closed_in,
        position=data.integer("position", 0),
    )


def to_json(
    records: Sequence[ReviewRecord], actions: Sequence[ReviewAction]
) -> dict[str, list[dict[str, Any]]]:
    """A role's reviews and actions: {"reviews": [...], "review_actions": [...]}."""
    return {
        "reviews": [review_to_json(r) for r in records],
        "review_actions": [action_to_json(a) for a in actions],
    }


def from_json(
    value: Any, where: str, role_id: str
) -> tuple[list[ReviewRecord], list[ReviewAction]]:
    """A role's reviews and actions from `to_json`'s value, checked as a whole.

    Besides each item: ids are unique, at most one review is in progress,
    finished reviews do not overlap, and every action names reviews of the
    role.
    """
    data = JsonObject(value, where)
    records = [review_from_json(v, w, role_id) for v, w in data.items("reviews", ())]
    seen: set[str] = set()
    for record, (_, here) in zip(records, data.items("reviews", ()), strict=True):
        review = record.review
        if review.id in seen:
            raise FormatError(f"In {here}: the id {review.id} is used twice.")
        seen.add(review.id)
        clash = overlapping(
            review.first_day, review.last_day, (r.review for r in records), exclude=review.id
        )
        if review.is_finished and clash is not None:
            raise FormatError(
                f"In {here}: its period overlaps the finished review {clash.id}; a day is "
                "reviewed once."
            )
    if sum(1 for r in records if not r.review.is_finished) > 1:
        raise FormatError(f"In {where}.reviews: only one review can be in progress.")
    actions = []
    ids: set[str] = set()
    for item, here in data.items("review_actions", ()):
        action = action_from_json(item, here, role_id)
        if action.id in ids:
            raise FormatError(f"In {here}: the id {action.id} is used twice.")
        ids.add(action.id)
        for name, review_id in (("review", action.review_id), ("closed_in", action.closed_in)):
            if review_id is not None and review_id not in seen:
                raise FormatError(
                    f"In {here}.{name}: no review of this role has the id {review_id}."
                )
        actions.append(action)
    return records, actions
