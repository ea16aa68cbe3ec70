"""ReviewEditor: the Review tab's way to the review services, with their refusals in words.

Every write goes through `services/review_session.py`, the code the command
line runs, one transaction each, outside the window's undo stack (see
`review_tab.py` for why). A refusal (a period that overlaps a finished
review, an empty action) is told through the document's `refuse`, so the
status bar says it; a write that could not be saved (a full disk) is told
through `report_failure`, except an answer saved as it is typed: that one
is only reported (`problem_reported`), so that a full disk does not raise a
message box at every pause in typing, and the text stays on screen to be
saved again.

Signals:
    reviews_changed(str): a review of the role started, finished, was discarded or got
        another period (the role's id).
    review_finished(str): a review became history (its id).
    problem_reported(str): what went wrong with the last request ("" after one that worked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from rolemap.document.document import RoleDocument
from rolemap.domain.errors import DomainError
from rolemap.domain.review import ActionStatus, Review
from rolemap.domain.review_sheet import ActionLine, ReviewSheet, action_lines
from rolemap.services import review_session as session
from rolemap.services.review_session import Clock, Comparison, ReviewStatus
from rolemap.store.errors import StoreError
from rolemap.store.review_repository import ReviewHistory, ReviewRepository

T = TypeVar("T")


class ReviewEditor(QObject):
    """Reads and writes the current role's reviews for the tab; see the module docstring."""

    reviews_changed = Signal(str)
    review_finished = Signal(str)
    problem_reported = Signal(str)

    def __init__(
        self,
        document: RoleDocument,
        clock: Callable[[], Clock] = Clock.current,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.clock = clock  # tests give a fixed one
        self.last_problem = ""  # why the last request gave nothing ("" when it worked)

    @property
    def today(self) -> dt.date:
        """The person's date now."""
        return self.clock().today

    # -- reading ------------------------------------------------------------------------

    def history(self) -> ReviewHistory:
        """The current role's reviews, newest first (empty without a role)."""
        if not self.document.has_role:
            return ReviewHistory()
        return ReviewRepository(self.document.store).history(self.document.role_map.role.id)

    def status(self, history: ReviewHistory | None = None) -> ReviewStatus | None:
        """The role's cadence and next due date (None without a role)."""
        if not self.document.has_role:
            return None
        history = self.history() if history is None else history
        return session.review_status(history, self.document.role_map.role, self.today)

    def sheet(self, review: Review) -> ReviewSheet | None:
        """The review with its evidence and actions, as stored now (None if it cannot be read)."""
        return self._run(
            lambda: session.review_sheet(
                self.document.store, self.document.role_map, review, self.clock()
            ),
            write=False,
        )

    def actions(self, review: Review) -> tuple[ActionLine, ...]:
        """The actions `review` shows, numbered (cheaper than a whole sheet: no evidence)."""
        role_map = self.document.role_map
        titles = {node.id: node.title for node in role_map.nodes.values()}
        actions = ReviewRepository(self.document.store).actions(role_map.role.id)
        return action_lines(actions, review, titles)

    def open_action_count(self) -> int:
        """How many actions of the role are still open (they carry into the next review)."""
        if not self.document.has_role:
            return 0
        actions = ReviewRepository(self.document.store).actions(self.document.role_map.role.id)
        return sum(1 for action in actions if action.is_open)

    def compare(self, since: Review, until: Review | None) -> Comparison | None:
        """The map's changes from `since` to `until` (None: the map now); None if unreadable."""
        return self._run(
            lambda: session.compare(self.document.store, self.document.role_map, since, until),
            write=False,
        )

    # -- writing ------------------------------------------------------------------------

    def start(self, first: dt.date | None = None, last: dt.date | None = None) -> Review | None:
        """Open (or continue) the review in progress; with dates, over that period."""
        result = self._run(
            lambda: session.start_review(
                self.document.store, self.document.role_map, self.clock(), first, last
            )
        )
        if result is None:
            return None
        review, _started = result
        self.reviews_changed.emit(review.role_id)
        return review

    def set_answer(self, review: Review, number: int, text: str) -> Review | None:
        """Keep an answer as typed; None if it could not be saved (told, never in a box)."""
        return self._run(
            lambda: session.set_answer(self.document.store, review, number, text), typing=True
        )

    def add_action(self, review: Review, text: str, node_id: str | None = None) -> bool:
        """Record a follow-up action in the review."""
        added = self._run(
            lambda: session.add_action(
                self.document.store, self.document.role_map, review, text, node_id
            )
        )
        return added is not None

    def set_action_status(self, review: Review, action_id: str, status: ActionStatus) -> bool:
        """Tick an action off, drop it, or open it again, in `review`."""
        changed = self._run(
            lambda: session.set_action_status(self.document.store, review, action_id, status)
        )
        return changed is not None

    def finish(self, review: Review) -> Review | None:
        """Make the review history: its answers, evidence and the map's snapshot are kept."""
        finished = self._run(
            lambda: session.finish_review(
                self.document.store, self.document.role_map, review, self.clock()
            )
        )
        if finished is not None:
            self.reviews_changed.emit(finished.role_id)
            self.review_finished.emit(finished.id)
        return finished

    def discard(self, review: Review) -> bool:
        """Throw away the review in progress and its own actions."""

        def discard() -> bool:
            session.discard_review(self.document.store, review)
            return True

        done = self._run(discard)
        if done:
            self.reviews_changed.emit(review.role_id)
        return bool(done)

    def _run(self, call: Callable[[], T], *, write: bool = True, typing: bool = False) -> T | None:
        """`call()`, or None with `last_problem` saying why; a write also tells the others."""
        self.last_problem = ""
        try:
            result = call()
        except (DomainError, StoreError) as error:
            self.last_problem = str(error)
            if write:
                self.problem_reported.emit(self.last_problem)
                if typing:
                    pass  # the answer stays on screen, and is saved again at the next pause
                elif isinstance(error, StoreError):
                    self.document.report_failure(self.last_problem)
                else:
                    self.document.refuse(self.last_problem)
            return None
        if write:
            self.problem_reported.emit("")
        return result
