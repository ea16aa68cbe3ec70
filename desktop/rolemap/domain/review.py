"""A review: the framework's fourth step, its four questions, its answers and its actions.

A review covers a period of a role (local dates, both ends included). While
in progress it holds the person's answers as typed; finishing it keeps the
period's evidence (`domain.review_evidence`) and the map as it was. A
finished review's figures never change; its text stays editable. Follow-up
actions are recorded in a review; open ones carry into the next review, which
ticks them off (done) or drops them.

The rules here are the ones every way in applies (the window, the command
line, a file): the answer's text, the period, no overlap with a finished
review of the same role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.periods import Period, date_range
from rolemap.domain.text import clean_line, clean_text
from rolemap.domain.time_range import check_day

QUESTIONS: tuple[str, str, str, str] = (
    "Are my activities leading to the outputs I intended?",
    "Are my outputs contributing to the outcomes I'm accountable for?",
    "What's working well? What needs adjustment?",
    "How has my role evolved, and how should my framework adapt?",
)
"""The four questions of the review, in order (question N is QUESTIONS[N - 1])."""

QUESTION_TOPICS: tuple[str, str, str, str] = (
    "Activities → outputs",
    "Outputs → outcomes",
    "What to adjust",
    "How the role changed",
)
"""A short name for each question (headings, tabs)."""

MAX_ACTION = 500


class ActionStatus(StrEnum):
    """Where a follow-up action stands; its value is the stored spelling."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class Review:
    """One review of a role.

    Attributes:
        first_day, last_day: the period covered, both included.
        started, finished: UTC times as ISO text ("2026-12-01T09:30:00Z"); finished is
            None while the review is in progress.
        answers: the four answers, in the order of QUESTIONS.
        chosen: whether the person chose the period (else its end follows today
            while the review is in progress).
    """

    id: str
    role_id: str
    first_day: dt.date
    last_day: dt.date
    started: str
    finished: str | None = None
    answers: tuple[str, str, str, str] = ("", "", "", "")
    chosen: bool = False

    @property
    def is_finished(self) -> bool:
        """Whether the review is history (its figures and snapshot are kept)."""
        return self.finished is not None

    @property
    def period(self) -> Period:
        """The period covered, as the figures take it."""
        return date_range(self.first_day, self.last_day)

    @property
    def short_id(self) -> str:
        """The first eight characters of the id, as lists show it."""
        return self.id[:8]

    def answer(self, number: int) -> str:
        """The answer to question `number` (1–4)."""
        return self.answers[check_question(number) - 1]


@dataclass(frozen=True, slots=True)
class ReviewAction:
    """A follow-up action recorded in review `review_id`, optionally about a node.

    `closed_in` is the review in which it was ticked off or dropped.
    """

    id: str
    role_id: str
    review_id: str
    text: str
    node_id: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    closed_in: str | None = None
    position: int = 0

    @property
    def is_open(self) -> bool:
        """Whether it still waits to be done."""
        return self.status is ActionStatus.OPEN


def check_question(number: int) -> int:
    """`number` if it names one of the four questions (1–4), else InvalidValueError."""
    if isinstance(number, bool) or number not in (1, 2, 3, 4):
        raise InvalidValueError(f"There are four questions: {number} is not one of 1, 2, 3, 4.")
    return number


def clean_answer(text: str) -> str:
    """An answer as kept: lines kept, ends stripped, no control characters."""
    return clean_text(text, "The answer")


def clean_action(text: str) -> str:
    """An action's text as kept: one line, not empty."""
    cleaned = clean_line(text, "The action", MAX_ACTION)
    if not cleaned:
        raise InvalidValueError("An action needs some text.")
    return cleaned


def check_period(first_day: dt.date, last_day: dt.date, today: dt.date | None = None) -> None:
    """Refuse a period that ends before it starts, lies outside the range kept, or
    (when `today` is given) ends after today: a review looks back at time spent."""
    check_day(first_day)
    check_day(last_day)
    if last_day < first_day:
        raise InvalidValueError(
            f"The review's period ends ({last_day.isoformat()}) before it starts "
            f"({first_day.isoformat()})."
        )
    if today is not None and last_day > today:
        raise InvalidValueError(
            f"A review looks back: its period cannot end after today ({last_day.isoformat()} "
            f"is later than {today.isoformat()})."
        )


def overlapping(
    first_day: dt.date, last_day: dt.date, finished: Iterable[Review], exclude: str = ""
) -> Review | None:
    """The first finished review whose period shares a day with [first_day, last_day]."""
    for review in finished:
        if review.id == exclude or not review.is_finished:
            continue
        if review.first_day <= last_day and review.last_day >= first_day:
            return review
    return None


def overlap_message(review: Review) -> str:
    """Why a period that overlaps finished review `review` is refused."""
    return (
        f"The period overlaps the finished review of {span_text(review.first_day, review.last_day)}"
        f" ({review.short_id}): a day is reviewed once. Choose a period after "
        f"{review.last_day.isoformat()} or before {review.first_day.isoformat()}."
    )


def span_text(first_day: dt.date, last_day: dt.date) -> str:
    """A period in words: "2 Nov – 1 Dec 2026", "1–30 Nov 2026", "5 Dec 2025 – 4 Jan 2026"."""

    def day(d: dt.date, year: bool) -> str:
        return f"{d.day} {d.strftime('%b')}" + (f" {d.year}" if year else "")

    if first_day == last_day:
        return day(first_day, True)
    if first_day.year != last_day.year:
        return f"{day(first_day, True)} – {day(last_day, True)}"
    if first_day.month == last_day.month:
        return f"{first_day.day}–{last_day.day} {last_day.strftime('%b')} {last_day.year}"
    return f"{day(first_day, False)} – {day(last_day, True)}"


def previous_finished(reviews: Iterable[Review], before: Review | None = None) -> Review | None:
    """The finished review a review follows: the latest one that ends before `before` starts
    (before None: the latest finished review of all)."""
    candidates = [
        r
        for r in reviews
        if r.is_finished
        and (before is None or (r.id != before.id and r.last_day < before.first_day))
    ]
    return max(candidates, key=lambda r: (r.last_day, r.finished or ""), default=None)


def actions_of(actions: Iterable[ReviewAction], review: Review) -> list[ReviewAction]:
    """The actions a review shows, in the order given: those recorded in it, those closed
    in it, and, while it is in progress, every action still open (carried in)."""
    return [
        a
        for a in actions
        if a.review_id == review.id
        or a.closed_in == review.id
        or (a.is_open and not review.is_finished)
    ]
