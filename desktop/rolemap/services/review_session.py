"""Reviews as the person works through them: start, answer, act, finish, look back, compare.

The Review tab and `rolemap review` both come here, so they apply the same
rules: one review in progress per role; a period that ends before it starts,
after today, or on a day a finished review already covers is refused;
finishing keeps the evidence and a snapshot of the map, and never writes
them again. Each write is one transaction (an answer as typed is one small
write). A finished review whose kept figures or map cannot be read is
reported (`UnreadableReviewError`, or `ReviewSheet.problem`) and the rest of
the history opens.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import Any

from rolemap.domain.cadence import default_period, is_due, next_due
from rolemap.domain.entities import Role, new_id
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.map_changes import MapChanges, describe
from rolemap.domain.map_diff import MapDiff
from rolemap.domain.periods import local_date, local_zone
from rolemap.domain.review import (
    ActionStatus,
    Review,
    ReviewAction,
    check_period,
    check_question,
    clean_action,
    clean_answer,
    overlap_message,
    overlapping,
    previous_finished,
    span_text,
)
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_sheet import ReviewSheet, action_lines
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.errors import FormatError
from rolemap.interchange.evidence_json import evidence_from_json, evidence_to_json
from rolemap.interchange.snapshot_diff import SnapshotError, snapshot_diff
from rolemap.interchange.snapshot_json import map_from_json, map_to_json
from rolemap.services.review_report import live_evidence
from rolemap.store.database import Store
from rolemap.store.errors import StoreError
from rolemap.store.review_repository import ReviewHistory, ReviewRepository


class UnreadableReviewError(StoreError):
    """A finished review's kept figures or map cannot be read; the message says which."""


@dataclass(frozen=True)
class Clock:
    """The moment an operation sees: UTC epoch seconds and the person's zone."""

    now: int
    tz: dt.tzinfo

    @property
    def today(self) -> dt.date:
        """The local date."""
        return local_date(self.now, self.tz)

    @classmethod
    def current(cls) -> Clock:
        """Now, in the person's zone."""
        return cls(int(time.time()), local_zone())


@dataclass(frozen=True)
class ReviewStatus:
    """Where a role stands with its reviews: the nudge the window and `review list` show."""

    cadence: str
    due: dt.date
    is_due: bool
    last_finished: Review | None
    in_progress: Review | None


def review_status(history: ReviewHistory, role: Role, today: dt.date) -> ReviewStatus:
    """The role's cadence, next due date and whether a review is due today."""
    last = history.finished[0] if history.finished else None
    due = next_due(role.review_cadence, last.last_day if last else None, role.created, today)
    return ReviewStatus(role.review_cadence, due, is_due(due, today), last, history.in_progress)


def find_review(history: ReviewHistory, key: str) -> Review:
    """A review by a prefix of its id, "last" (the latest finished) or "current" (in progress)."""
    wanted = key.strip().casefold()
    if wanted == "last":
        if not history.finished:
            raise InvalidValueError("No review of this role is finished yet.")
        return history.finished[0]
    if wanted == "current":
        if history.in_progress is None:
            raise InvalidValueError(
                "No review is in progress: start one with `rolemap review start`."
            )
        return history.in_progress
    found = [r for r in history.reviews if wanted and r.id.casefold().startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(f"{r.short_id} ({span_text(r.first_day, r.last_day)})" for r in found)
        raise InvalidValueError(f"‘{key}’ matches several reviews: {names}. Give more of the id.")
    raise InvalidValueError(
        f"No review of this role has an id starting ‘{key}’ (see `rolemap review list`)."
    )


# -- in progress ---------------------------------------------------------------------------


def start_review(
    store: Store,
    role_map: RoleMap,
    clock: Clock,
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> tuple[Review, bool]:
    """Open the role's review in progress, or start one; returns (review, started now).

    Without dates a new review covers the days since the last finished one up
    to today (or the last cadence's worth); a review in progress whose period
    the person did not choose has its end moved to today. With dates, the
    period is the one chosen (a missing end: today; a missing start: the
    default's).
    """
    role = role_map.role
    repository = ReviewRepository(store)
    history = repository.history(role.id)
    current = history.in_progress
    today = clock.today
    last = history.finished[0] if history.finished else None
    chosen = first_day is not None or last_day is not None
    if chosen:
        end = last_day or today
        if first_day is None:
            first_day = default_period(
                role.review_cadence, last.last_day if last else None, end
            ).start
        assert first_day is not None
        period = (first_day, end)
    elif current is not None:
        end = today if not current.chosen and current.last_day < today else current.last_day
        period = (current.first_day, end)
    else:
        default = default_period(role.review_cadence, last.last_day if last else None, today)
        assert default.start is not None and default.last_day is not None
        period = (default.start, default.last_day)
    check_period(*period, today=today if chosen else None)
    clash = overlapping(*period, history.finished)
    if clash is not None:
        if not chosen and current is not None:
            period = (current.first_day, current.last_day)  # keep what it had
        else:
            raise InvalidValueError(overlap_message(clash))
    if current is not None:
        if period != (current.first_day, current.last_day) or (chosen and not current.chosen):
            with store.transaction():
                repository.set_period(current.id, *period, chosen or current.chosen)
            current = dataclasses.replace(
                current,
                first_day=period[0],
                last_day=period[1],
                chosen=chosen or current.chosen,
            )
        return current, False
    review = Review(
        id=new_id(),
        role_id=role.id,
        first_day=period[0],
        last_day=period[1],
        started=_utc(clock.now),
        chosen=chosen,
    )
    with store.transaction():
        repository.insert_review(review)
    return review, True


def set_answer(store: Store, review: Review, number: int, text: str) -> Review:
    """Keep the answer to question `number` (one write); finished reviews' text stays editable."""
    check_question(number)
    answer = clean_answer(text)
    with store.transaction():
        ReviewRepository(store).set_answer(review.id, number, answer)
    answers = list(review.answers)
    answers[number - 1] = answer
    return dataclasses.replace(review, answers=(answers[0], answers[1], answers[2], answers[3]))


def add_action(
    store: Store, role_map: RoleMap, review: Review, text: str, node_id: str | None = None
) -> ReviewAction:
    """Record a follow-up action in `review`, optionally about a node of the map."""
    cleaned = clean_action(text)
    if node_id is not None and node_id not in role_map.nodes:
        raise InvalidValueError("The action's node is not on this role's map.")
    action = ReviewAction(new_id(), role_map.role.id, review.id, cleaned, node_id, position=-1)
    repository = ReviewRepository(store)
    with store.transaction():
        repository.insert_actions([action])
    stored = repository.action(action.id)
    assert stored is not None
    return stored


def set_action_status(
    store: Store, review: Review, action_id: str, status: ActionStatus
) -> ReviewAction:
    """Tick an action off or drop it in `review` (or open it again)."""
    repository = ReviewRepository(store)
    action = repository.action(action_id)
    if action is None:
        raise InvalidValueError("That action is no longer there.")
    if status is not ActionStatus.OPEN and not action.is_open:
        raise InvalidValueError(f"‘{action.text}’ is already {action.status.value}.")
    with store.transaction():
        repository.set_action_status(action_id, status, review.id)
    changed = repository.action(action_id)
    assert changed is not None
    return changed


def set_action_text(store: Store, action_id: str, text: str) -> None:
    """Change an action's text."""
    cleaned = clean_action(text)
    with store.transaction():
        ReviewRepository(store).set_action_text(action_id, cleaned)


def discard_review(store: Store, review: Review) -> None:
    """Throw away a review in progress with its own actions (finished ones are history)."""
    if review.is_finished:
        raise InvalidValueError("A finished review is history: it cannot be discarded.")
    with store.transaction():
        ReviewRepository(store).delete_in_progress(review.id)


def finish_review(store: Store, role_map: RoleMap, review: Review, clock: Clock) -> Review:
    """Keep the review's answers, its evidence and a snapshot of the map; it becomes history.

    Refused for a period that ends before it starts or overlaps a finished
    review of the role.
    """
    if review.is_finished:
        raise InvalidValueError("This review is already finished.")
    check_period(review.first_day, review.last_day)
    history = ReviewRepository(store).history(role_map.role.id)
    clash = overlapping(review.first_day, review.last_day, history.finished, exclude=review.id)
    if clash is not None:
        raise InvalidValueError(overlap_message(clash))
    evidence = _evidence_now(store, role_map, review, history, clock)
    figures = _dumps(evidence_to_json(evidence))
    snapshot = _dumps(map_to_json(role_map))
    finished = _utc(clock.now)
    with store.transaction():
        ReviewRepository(store).finish(review.id, finished, figures, snapshot)
    return dataclasses.replace(review, finished=finished)


# -- reading -------------------------------------------------------------------------------


def review_sheet(store: Store, role_map: RoleMap, review: Review, clock: Clock) -> ReviewSheet:
    """The review as stored now, with its evidence (kept, or computed now) and its actions."""
    repository = ReviewRepository(store)
    review = repository.get(review.id) or review
    problem = ""
    evidence: Evidence | None
    if review.is_finished:
        try:
            evidence = stored_evidence(store, review)
        except UnreadableReviewError as error:
            evidence, problem = None, str(error)
    else:
        history = repository.history(role_map.role.id)
        evidence = _evidence_now(store, role_map, review, history, clock)
    titles = {node.id: node.title for node in role_map.nodes.values()}
    actions = action_lines(repository.actions(role_map.role.id), review, titles)
    return ReviewSheet(role_map.role.name, review, evidence, actions, clock.today, problem)


def stored_evidence(store: Store, review: Review) -> Evidence:
    """A finished review's kept evidence; UnreadableReviewError if it cannot be read."""
    text = ReviewRepository(store).figures_text(review.id)
    if text is None:
        raise UnreadableReviewError(_lost(review, "figures", "none were kept"))
    try:
        return evidence_from_json(_loads(text, "figures"), "figures")
    except FormatError as error:
        raise UnreadableReviewError(_lost(review, "figures", str(error))) from None


def snapshot_of(store: Store, review: Review) -> RoleMap:
    """The map as it was when `review` finished; UnreadableReviewError if it cannot be read."""
    value = _snapshot_value(store, review)
    try:
        return map_from_json(value, "map", check_fields=False)
    except FormatError as error:
        raise UnreadableReviewError(_lost(review, "map", str(error))) from None


def _snapshot_value(store: Store, review: Review) -> Any:
    """A finished review's snapshot as parsed JSON (not yet checked)."""
    if not review.is_finished:
        raise InvalidValueError(
            f"The review of {span_text(review.first_day, review.last_day)} is in progress: "
            "its map is kept when it finishes."
        )
    text = ReviewRepository(store).snapshot_text(review.id)
    if text is None:
        raise UnreadableReviewError(_lost(review, "map", "none was kept"))
    try:
        return _loads(text, "map")
    except FormatError as error:
        raise UnreadableReviewError(_lost(review, "map", str(error))) from None


@dataclass(frozen=True)
class Comparison:
    """What changed on a role's map between two moments.

    `diff` holds every item's old and new value (removed nodes keep their
    place on the canvas, for a compare view to ghost them); `changes` is the
    person's view of it.
    """

    diff: MapDiff
    changes: MapChanges


def compare(
    store: Store, role_map: RoleMap, since: Review, until: Review | None = None
) -> Comparison:
    """The map's changes from `since`'s snapshot to `until`'s (None: to the map as it is).

    UnreadableReviewError names the review whose map cannot be read.
    """
    before = _snapshot_value(store, since)
    after = map_to_json(role_map) if until is None else _snapshot_value(store, until)
    try:
        found = snapshot_diff(before, after)
    except SnapshotError as error:
        damaged = until if error.side == "after" and until is not None else since
        raise UnreadableReviewError(_lost(damaged, "map", str(error))) from None
    return Comparison(found.diff, describe(found.diff, found.before, found.after))


def _evidence_now(
    store: Store, role_map: RoleMap, review: Review, history: ReviewHistory, clock: Clock
) -> Evidence:
    previous = previous_finished(history.reviews, before=review)
    changes: MapChanges | None = None
    note = ""
    if previous is None:
        note = "This is the role's first review: there is no earlier map to compare with."
    else:
        try:
            changes = compare(store, role_map, previous).changes
        except UnreadableReviewError as error:
            note = f"{error} The changes since then are not known."
    return live_evidence(
        store.conn, role_map, review.first_day, review.last_day, clock.tz, clock.now, changes, note
    )


def _lost(review: Review, what: str, why: str) -> str:
    return (
        f"The {what} kept with the review of {span_text(review.first_day, review.last_day)} "
        f"({review.short_id}) cannot be read: {why}"
    )


def _loads(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise FormatError(f"the stored {what} is not JSON ({error}).") from None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _utc(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
