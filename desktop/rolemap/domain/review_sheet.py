"""Everything one review shows, gathered for a page, a file or a terminal.

A `ReviewSheet` is what the command line's `review show`, the Markdown and
the PDF export and the Review tab all print: the review with its answers,
the evidence of its period (kept, for a finished review; computed now, for
one in progress), its actions numbered as the person refers to them, and the
suggestions of question 3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rolemap.domain.review import ActionStatus, Review, ReviewAction, actions_of, span_text
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_suggestions import Suggestion, review_suggestions


@dataclass(frozen=True, slots=True)
class ActionLine:
    """An action as a review lists it: `number` is what `action done N` takes.

    `node` is the title of the node it is about ("" for none; "(removed)"
    when the node is no longer on the map); `carried` says it was recorded
    in an earlier review.
    """

    number: int
    id: str
    text: str
    status: ActionStatus
    node: str
    carried: bool


@dataclass(frozen=True)
class ReviewSheet:
    """A review ready to show.

    Attributes:
        role_name: the role's name.
        review: the review, with its answers.
        evidence: the period's evidence; None when a finished review's kept
            figures cannot be read (`problem` says why).
        actions: the actions the review shows, numbered.
        today: the day the sheet was made.
        problem: what could not be read ("" when all is well).
    """

    role_name: str
    review: Review
    evidence: Evidence | None
    actions: tuple[ActionLine, ...]
    today: dt.date
    problem: str = ""

    @property
    def span(self) -> str:
        """The period in words ("2 Nov – 1 Dec 2026")."""
        return span_text(self.review.first_day, self.review.last_day)

    @property
    def status(self) -> str:
        """ "in progress" or "finished 1 Dec 2026"."""
        finished = self.review.finished
        if finished is None:
            return "in progress"
        try:
            day = dt.date.fromisoformat(finished[:10])
        except ValueError:
            return "finished"
        return f"finished {day.day} {day.strftime('%B %Y')}"

    @property
    def status_title(self) -> str:
        """The status as a heading starts it: "In progress", "Finished 1 December 2026"."""
        return self.status[:1].upper() + self.status[1:]

    @property
    def suggestions(self) -> list[Suggestion]:
        """Question 3's suggestions (none without evidence)."""
        return [] if self.evidence is None else review_suggestions(self.evidence)


def action_lines(
    actions: Iterable[ReviewAction], review: Review, titles: Mapping[str, str]
) -> tuple[ActionLine, ...]:
    """The actions `review` shows, numbered from 1; `titles` maps node ids to titles."""
    lines = []
    for number, action in enumerate(actions_of(actions, review), start=1):
        node = ""
        if action.node_id is not None:
            node = titles.get(action.node_id, "(removed)")
        lines.append(
            ActionLine(
                number,
                action.id,
                action.text,
                action.status,
                node,
                action.review_id != review.id,
            )
        )
    return tuple(lines)
