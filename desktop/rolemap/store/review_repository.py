"""Reviews and their actions in SQLite: rows in, domain values out.

Like the other repositories, methods that write expect to run inside
`Store.transaction()`; each one is a single statement, so that saving an
answer as it is typed stays a small write. The figures and the snapshot of a
finished review are kept as JSON text and handed out as text: their meaning
belongs to `interchange/review_json.py`, and a row whose text cannot be read
is reported by whoever decodes it while the rest of the history still opens.
A finished review's figures and snapshot are never written again.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rolemap.domain.review import ActionStatus, Review, ReviewAction, check_question
from rolemap.store.database import Store
from rolemap.store.errors import ConflictError

_REVIEW_COLUMNS = (
    "id, role_id, first_day, last_day, started, finished, "
    "answer_1, answer_2, answer_3, answer_4, chosen"
)
_ACTION_COLUMNS = "id, role_id, review_id, text, node_id, status, closed_in, position"


@dataclass(frozen=True)
class ReviewHistory:
    """A role's reviews, newest first, and what could not be read.

    Attributes:
        reviews: every readable review (the one in progress first, if any).
        unreadable: a sentence for each row that could not be read at all.
        damaged: review id → what is wrong with its stored figures or snapshot
            (text that is not JSON); found cheaply, by SQLite, without decoding.
    """

    reviews: tuple[Review, ...] = ()
    unreadable: tuple[str, ...] = ()
    damaged: dict[str, str] = field(default_factory=dict)

    @property
    def finished(self) -> tuple[Review, ...]:
        """The finished reviews, newest first."""
        return tuple(r for r in self.reviews if r.is_finished)

    @property
    def in_progress(self) -> Review | None:
        """The review in progress, if there is one."""
        return next((r for r in self.reviews if not r.is_finished), None)


class ReviewRepository:
    """Reads and writes reviews and review actions through one Store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- reading ---------------------------------------------------------

    def history(self, role_id: str) -> ReviewHistory:
        """Every review of the role, newest first (see ReviewHistory)."""
        rows = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS}, "
            "figures IS NOT NULL AND NOT json_valid(figures), "
            "snapshot IS NOT NULL AND NOT json_valid(snapshot) "
            "FROM reviews WHERE role_id = ? "
            "ORDER BY finished IS NOT NULL, last_day DESC, finished DESC",
            (role_id,),
        ).fetchall()
        reviews: list[Review] = []
        unreadable: list[str] = []
        damaged: dict[str, str] = {}
        for row in rows:
            review = _review_or_none(row)
            if review is None:
                unreadable.append(
                    f"A review ({str(row[0])[:8]}) cannot be read: its dates are lost."
                )
                continue
            reviews.append(review)
            bad = [what for what, broken in (("figures", row[11]), ("map", row[12])) if broken]
            if bad:
                damaged[review.id] = f"Its stored {' and '.join(bad)} cannot be read."
        return ReviewHistory(tuple(reviews), tuple(unreadable), damaged)

    def get(self, review_id: str) -> Review | None:
        """One review, or None (also when its row cannot be read)."""
        row = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        return None if row is None else _review_or_none(row)

    def in_progress(self, role_id: str) -> Review | None:
        """The role's review in progress, if there is one."""
        row = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE role_id = ? AND finished IS NULL",
            (role_id,),
        ).fetchone()
        return None if row is None else _review_or_none(row)

    def last_finished(self, role_id: str) -> Review | None:
        """The role's finished review that reaches furthest, if there is one."""
        return next(iter(self.history(role_id).finished), None)

    def count(self, role_id: str) -> int:
        """How many reviews the role has (what deleting the role would take with it)."""
        row = self._conn.execute(
            "SELECT COUNT(*) FROM reviews WHERE role_id = ?", (role_id,)
        ).fetchone()
        return int(row[0])

    def figures_text(self, review_id: str) -> str | None:
        """A finished review's stored figures (JSON text), None if none."""
        return self._column(review_id, "figures")

    def snapshot_text(self, review_id: str) -> str | None:
        """A finished review's stored map (JSON text), None if none."""
        return self._column(review_id, "snapshot")

    def kept_texts(self, role_id: str) -> dict[str, tuple[str | None, str | None]]:
        """Review id → its stored (figures, snapshot) texts, for every review of the role
        that has either (what an export of the role carries)."""
        rows = self._conn.execute(
            "SELECT id, figures, snapshot FROM reviews WHERE role_id = ? "
            "AND (figures IS NOT NULL OR snapshot IS NOT NULL)",
            (role_id,),
        ).fetchall()
        return {str(row[0]): (_text(row[1]), _text(row[2])) for row in rows}

    def _column(self, review_id: str, column: str) -> str | None:
        row = self._conn.execute(
            f"SELECT {column} FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        return None if row is None else _text(row[0])

    def actions(self, role_id: str) -> list[ReviewAction]:
        """Every action of the role, by the review it was recorded in (oldest first), then
        its position in that review."""
        rows = self._conn.execute(
            f"SELECT {', '.join('a.' + c for c in _ACTION_COLUMNS.split(', '))} "
            "FROM review_actions a LEFT JOIN reviews r ON r.id = a.review_id "
            "WHERE a.role_id = ? ORDER BY r.first_day, r.started, a.position, a.id",
            (role_id,),
        ).fetchall()
        return [_action(row) for row in rows]

    def action(self, action_id: str) -> ReviewAction | None:
        """One action, or None."""
        row = self._conn.execute(
            f"SELECT {_ACTION_COLUMNS} FROM review_actions WHERE id = ?", (action_id,)
        ).fetchone()
        return None if row is None else _action(row)

    # -- writing (inside Store.transaction) -------------------------------

    def insert_review(
        self, review: Review, figures: str | None = None, snapshot: str | None = None
    ) -> None:
        """Add a review (a new one, or a finished one from a file with its stored texts)."""
        self._conn.execute(
            f"INSERT INTO reviews ({_REVIEW_COLUMNS}, figures, snapshot) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (*_review_row(review), figures, snapshot),
        )

    def set_period(
        self, review_id: str, first_day: dt.date, last_day: dt.date, chosen: bool
    ) -> None:
        """Change the period of a review in progress (ConflictError if it is finished or gone)."""
        self._expect_one(
            self._conn.execute(
                "UPDATE reviews SET first_day = ?, last_day = ?, chosen = ? "
                "WHERE id = ? AND finished IS NULL",
                (first_day.isoformat(), last_day.isoformat(), int(chosen), review_id),
            ),
            "the review is finished or no longer in the file.",
        )

    def set_answer(self, review_id: str, number: int, text: str) -> None:
        """Keep the answer to question `number` (1–4); finished reviews' text stays editable."""
        column = f"answer_{check_question(number)}"
        self._expect_one(
            self._conn.execute(f"UPDATE reviews SET {column} = ? WHERE id = ?", (text, review_id)),
            "the review is no longer in the file.",
        )

    def finish(self, review_id: str, finished: str, figures: str, snapshot: str) -> None:
        """Make a review in progress history: its figures and snapshot are never written again."""
        self._expect_one(
            self._conn.execute(
                "UPDATE reviews SET finished = ?, figures = ?, snapshot = ? "
                "WHERE id = ? AND finished IS NULL",
                (finished, figures, snapshot, review_id),
            ),
            "the review was finished elsewhere, or is no longer in the file.",
        )

    def delete_in_progress(self, review_id: str) -> None:
        """Discard a review in progress: its own actions go, the ones it closed reopen."""
        self._conn.execute(
            "UPDATE review_actions SET status = 'open', closed_in = NULL WHERE closed_in = ?",
            (review_id,),
        )
        self._conn.execute("DELETE FROM review_actions WHERE review_id = ?", (review_id,))
        self._expect_one(
            self._conn.execute(
                "DELETE FROM reviews WHERE id = ? AND finished IS NULL", (review_id,)
            ),
            "the review is finished or no longer in the file.",
        )

    def insert_actions(self, actions: Iterable[ReviewAction]) -> None:
        """Add actions (a position of -1 puts one after the others of its review)."""
        for action in actions:
            position = action.position
            if position < 0:
                row = self._conn.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM review_actions "
                    "WHERE review_id = ?",
                    (action.review_id,),
                ).fetchone()
                position = int(row[0])
            self._conn.execute(
                f"INSERT INTO review_actions ({_ACTION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
                (
                    action.id,
                    action.role_id,
                    action.review_id,
                    action.text,
                    action.node_id,
                    action.status.value,
                    action.closed_in,
                    position,
                ),
            )

    def set_action_text(self, action_id: str, text: str) -> None:
        """Change an action's text."""
        self._expect_one(
            self._conn.execute(
                "UPDATE review_actions SET text = ? WHERE id = ?", (text, action_id)
            ),
            "the action is no longer in the file.",
        )

    def set_action_status(
        self, action_id: str, status: ActionStatus, closed_in: str | None
    ) -> None:
        """Tick an action off, drop it (closed in review `closed_in`) or open it again."""
        self._expect_one(
            self._conn.execute(
                "UPDATE review_actions SET status = ?, closed_in = ? WHERE id = ?",
                (status.value, None if status is ActionStatus.OPEN else closed_in, action_id),
            ),
            "the action is no longer in the file.",
        )

    def delete_action(self, action_id: str) -> None:
        """Remove an action."""
        self._conn.execute("DELETE FROM review_actions WHERE id = ?", (action_id,))

    @staticmethod
    def _expect_one(cursor: sqlite3.Cursor, detail: str) -> None:
        if cursor.rowcount != 1:
            raise ConflictError(detail)


# -- rows ↔ values ------------------------------------------------------------


def _text(value: Any) -> str | None:
    """A stored JSON text as text (a blob another program wrote is decoded, never trusted)."""
    if value is None:
        return None
    return value if isinstance(value, str) else bytes(value).decode("utf-8", "replace")


def _review_row(review: Review) -> tuple[Any, ...]:
    return (
        review.id,
        review.role_id,
        review.first_day.isoformat(),
        review.last_day.isoformat(),
        review.started,
        review.finished,
        *review.answers,
        int(review.chosen),
    )


def _review_or_none(row: tuple[Any, ...]) -> Review | None:
    try:
        first, last = dt.date.fromisoformat(str(row[2])), dt.date.fromisoformat(str(row[3]))
    except ValueError:
        return None
    answers = tuple(str(a) if a is not None else "" for a in row[6:10])
    return Review(
        id=str(row[0]),
        role_id=str(row[1]),
        first_day=first,
        last_day=last,
        started=str(row[4] or ""),
        finished=None if row[5] is None else str(row[5]),
        answers=(answers[0], answers[1], answers[2], answers[3]),
        chosen=bool(row[10]),
    )


def _action(row: tuple[Any, ...]) -> ReviewAction:
    try:
        status = ActionStatus(row[5])
    except ValueError:
        status = ActionStatus.OPEN
    return ReviewAction(
        id=str(row[0]),
        role_id=str(row[1]),
        review_id=str(row[2]),
        text=str(row[3] or ""),
        node_id=None if row[4] is None else str(row[4]),
        status=status,
        closed_in=None if row[6] is None else str(row[6]),
        position=int(row[7] or 0),
    )
