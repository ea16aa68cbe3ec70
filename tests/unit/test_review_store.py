"""Reviews in the store: in progress saved as typed, finishing, history, damage, actions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.record_rules import checkin, delivery, time_entry
from rolemap.domain.review import ActionStatus, Review
from rolemap.domain.role_map import RoleMap
from rolemap.services import review_session as session
from rolemap.store.database import Store, open_store
from rolemap.store.errors import ConflictError
from rolemap.store.record_repository import RecordRepository
from rolemap.store.review_repository import ReviewRepository
from rolemap.store.role_repository import RoleRepository

TZ = ZoneInfo("Europe/Berlin")
NOW = int(dt.datetime(2026, 12, 1, 12, 0, tzinfo=TZ).timestamp())
CLOCK = session.Clock(NOW, TZ)
D = dt.date


def node(node_id: str, kind: str, title: str, **details: Any) -> Node:
    k = NodeKind(kind)
    return Node(node_id, "r", k, title, "", 0.0, 0.0, {**default_details(k), **details})


def small_map() -> RoleMap:
    role = Role("r", "Lead", created="2026-06-01", accountabilities=("Grow the team",))
    return RoleMap.build(
        role,
        [
            node("a1", "activity", "Weekly 1:1s", planned_hours=2.0),
            node("a2", "activity", "Email"),
            node("o1", "output", "Growth plans"),
            node("x1", "outcome", "Retention", baseline=80.0, target=90.0, due="2027-06-01"),
        ],
        [Link("l1", "r", "a1", "o1"), Link("l2", "r", "o1", "x1")],
    )


@pytest.fixture
def db(empty_store: Store) -> Store:
    role_map = small_map()
    at = int(dt.datetime(2026, 11, 20, 9, 0, tzinfo=TZ).timestamp())
    with empty_store.transaction():
        RoleRepository(empty_store).insert_map(role_map)
        records = RecordRepository(empty_store)
        records.put_time_entries(
            [time_entry("a1", at, 3 * 3600), time_entry("a2", at + 4 * 3600, 3600)]
        )
        records.put_deliveries([delivery("o1", "2026-11-21")])
        records.put_checkins([checkin("x1", "2026-11-27", 84)])
    return empty_store


def role_map(store: Store) -> RoleMap:
    return RoleRepository(store).load_map("r")


def history(store: Store) -> Any:
    return ReviewRepository(store).history("r")


def finished_review(store: Store, first: dt.date, last: dt.date) -> Review:
    """A finished review over [first, last] made through the session, as a person would."""
    review, _ = session.start_review(store, role_map(store), CLOCK, first, last)
    return session.finish_review(store, role_map(store), review, CLOCK)


# -- in progress ----------------------------------------------------------------------------


def test_start_opens_one_review_and_continues_it(db: Store) -> None:
    review, started = session.start_review(db, role_map(db), CLOCK)
    assert started and not review.is_finished
    assert (review.first_day, review.last_day) == (D(2026, 11, 2), D(2026, 12, 1))
    again, started_again = session.start_review(db, role_map(db), CLOCK)
    assert not started_again and again.id == review.id
    chosen, _ = session.start_review(db, role_map(db), CLOCK, D(2026, 11, 10), D(2026, 11, 30))
    assert chosen.id == review.id and chosen.chosen
    assert ReviewRepository(db).get(review.id) == chosen


def test_an_unchosen_period_follows_today_while_in_progress(db: Store) -> None:
    review, _ = session.start_review(db, role_map(db), CLOCK)
    later = session.Clock(NOW + 3 * 86400, TZ)
    moved, _ = session.start_review(db, role_map(db), later)
    assert moved.id == review.id and moved.last_day == D(2026, 12, 4)


def test_each_answer_is_saved_as_typed(db: Store, db_path: Path) -> None:
    review, _ = session.start_review(db, role_map(db), CLOCK)
    session.set_answer(db, review, 2, "Growth plans  \r\nfeed retention.  ")
    # Another connection sees it at once: committed, not waiting for "finish".
    other = sqlite3.connect(db_path)
    try:
        row = other.execute("SELECT answer_2, finished FROM reviews").fetchone()
    finally:
        other.close()
    assert row == ("Growth plans  \nfeed retention.", None)
    with pytest.raises(InvalidValueError, match="control character"):
        session.set_answer(db, review, 1, "bell \x07")
    with pytest.raises(InvalidValueError, match="four questions"):
        session.set_answer(db, review, 5, "?")


def test_the_review_in_progress_survives_closing_the_file(db_path: Path, db: Store) -> None:
    review, _ = session.start_review(db, role_map(db), CLOCK)
    session.set_answer(db, review, 1, "Half an answer")
    db.close()
    reopened = open_store(db_path)
    try:
        kept = ReviewRepository(reopened).in_progress("r")
        assert kept is not None and kept.answers[0] == "Half an answer"
    finally:
        reopened.close()


def test_one_review_in_progress_per_role(db: Store) -> None:
    session.start_review(db, role_map(db), CLOCK)
    second = Review("other", "r", D(2026, 1, 1), D(2026, 1, 2), "2026-01-02T00:00:00Z")
    with pytest.raises(ConflictError), db.transaction():
        ReviewRepository(db).insert_review(second)


def test_a_period_that_ends_before_it_starts_or_after_today_is_refused(db: Store) -> None:
    with pytest.raises(InvalidValueError, match=r"ends .* before it starts"):
        session.start_review(db, role_map(db), CLOCK, D(2026, 11, 20), D(2026, 11, 10))
    with pytest.raises(InvalidValueError, match="cannot end after today"):
        session.start_review(db, role_map(db), CLOCK, D(2026, 11, 20), D(2026, 12, 20))
    assert history(db).reviews == ()


# -- finishing ---------------------------------------------------------------------------------


def test_finishing_keeps_the_answers_figures_and_map(db: Store) -> None:
    review, _ = session.start_review(db, role_map(db), CLOCK)
    session.set_answer(db, review, 1, "Yes")
    done = session.finish_review(db, role_map(db), review, CLOCK)
    assert done.is_finished and done.finished == "2026-12-01T11:00:00Z"
    kept = session.stored_evidence(db, done)
    assert kept.total_hours == pytest.approx(4.0)
    assert {a.id: a.hours for a in kept.activities}["a1"] == pytest.approx(3.0)
    assert session.snapshot_of(db, done) == role_map(db)
    assert history(db).finished[0].answers[0] == "Yes"


def test_finished_figures_never_change_but_the_text_does(db: Store) -> None:
    review, _ = session.start_review(db, role_map(db), CLOCK)
    done = session.finish_review(db, role_map(db), review, CLOCK)
    before = session.review_sheet(db, role_map(db), done, CLOCK).evidence
    at = int(dt.datetime(2026, 11, 25, 9, 0, tzinfo=TZ).timestamp())
    with db.transaction():
        RecordRepository(db).put_time_entries([time_entry("a1", at, 7200)])
        RoleRepository(db).update_nodes(
            [dataclasses.replace(role_map(db).nodes["a1"], title="1:1")]
        )
    session.set_answer(db, done, 3, "Edited later")
    sheet = session.review_sheet(db, role_map(db), done, CLOCK)
    assert sheet.evidence == before
    assert sheet.review.answers[2] == "Edited later"
    with pytest.raises(ConflictError), db.transaction():  # the store refuses a second finish
        ReviewRepository(db).finish(done.id, "x", "{}", "{}")
    with pytest.raises(InvalidValueError, match="already finished"):
        session.finish_review(db, role_map(db), done, CLOCK)


def test_a_review_cannot_finish_overlapping_a_finished_one(db: Store) -> None:
    finished_review(db, D(2026, 11, 1), D(2026, 11, 15))
    with pytest.raises(InvalidValueError, match="overlaps the finished review"):
        session.start_review(db, role_map(db), CLOCK, D(2026, 11, 15), D(2026, 11, 30))
    # A review in progress whose period was stretched meanwhile (another program) is
    # refused at the finish, with the store left as it was.
    review, _ = session.start_review(db, role_map(db), CLOCK, D(2026, 11, 16), D(2026, 11, 30))
    with db.transaction():
        ReviewRepository(db).set_period(review.id, D(2026, 11, 10), D(2026, 11, 30), True)
    stretched = ReviewRepository(db).get(review.id)
    assert stretched is not None
    with pytest.raises(InvalidValueError, match="overlaps"):
        session.finish_review(db, role_map(db), stretched, CLOCK)
    assert ReviewRepository(db).in_progress("r") is not None


def test_a_review_cannot_finish_ending_before_it_starts(db: Store) -> None:
    bad = Review("bad", "r", D(2026, 11, 20), D(2026, 11, 10), "2026-12-01T00:00:00Z")
    with db.transaction():
        ReviewRepository(db).insert_review(bad)
    with pytest.raises(InvalidValueError, match="before it starts"):
        session.finish_review(db, role_map(db), bad, CLOCK)


def test_the_next_review_starts_after_the_last_and_sees_the_map_change(db: Store) -> None:
    first = finished_review(db, D(2026, 11, 1), D(2026, 11, 20))
    with db.transaction():
        RoleRepository(db).update_nodes(
            [dataclasses.replace(role_map(db).nodes["a2"], title="Mail")]
        )
    review, _ = session.start_review(db, role_map(db), CLOCK)
    assert review.first_day == D(2026, 11, 21)
    changes = session.review_sheet(db, role_map(db), review, CLOCK).evidence
    assert changes is not None and changes.changes is not None
    assert [e.node.title for e in changes.changes.retitled] == ["Mail"]
    assert session.compare(db, role_map(db), first).diff.changed_nodes[0].id == "a2"
    status = session.review_status(history(db), role_map(db).role, CLOCK.today)
    assert status.due == D(2026, 12, 20) and not status.is_due
    assert status.in_progress == review


# -- damage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "reason"),
    [
        ("{not json", "not JSON"),
        ('{"id": 5}', "In map.id: expected text"),
        ('{"id": "r", "name": "x", "nodes": [{"id": "n", "kind": "box"}], "links": []}', "kind"),
    ],
)
def test_a_damaged_snapshot_is_reported_and_the_history_still_opens(
    db: Store, snapshot: str, reason: str
) -> None:
    first = finished_review(db, D(2026, 11, 1), D(2026, 11, 10))
    second = finished_review(db, D(2026, 11, 11), D(2026, 11, 20))
    db.conn.execute("UPDATE reviews SET snapshot = ? WHERE id = ?", (snapshot, first.id))
    found = history(db)
    assert [r.id for r in found.reviews] == [second.id, first.id]
    if reason == "not JSON":
        assert "map cannot be read" in found.damaged[first.id]
    with pytest.raises(session.UnreadableReviewError, match=reason):
        session.snapshot_of(db, first)
    with pytest.raises(session.UnreadableReviewError, match="review of 1–10 Nov 2026"):
        session.compare(db, role_map(db), first)
    # The other review, and the first's own answers and figures, still open.
    assert session.compare(db, role_map(db), second).changes.is_empty()
    assert session.review_sheet(db, role_map(db), first, CLOCK).evidence is not None
    # A new review that follows the damaged one says what it cannot tell.
    db.conn.execute("UPDATE reviews SET snapshot = ? WHERE id = ?", (snapshot, second.id))
    review, _ = session.start_review(db, role_map(db), CLOCK)
    evidence = session.review_sheet(db, role_map(db), review, CLOCK).evidence
    assert evidence is not None and evidence.changes is None
    assert "cannot be read" in evidence.changes_note


def test_damaged_figures_leave_the_answers_readable(db: Store) -> None:
    done = finished_review(db, D(2026, 11, 1), D(2026, 11, 10))
    session.set_answer(db, done, 4, "Still here")
    db.conn.execute("UPDATE reviews SET figures = '[1, 2' WHERE id = ?", (done.id,))
    sheet = session.review_sheet(db, role_map(db), history(db).finished[0], CLOCK)
    assert sheet.evidence is None and "figures kept with the review" in sheet.problem
    assert sheet.review.answers[3] == "Still here"


def test_a_row_with_lost_dates_is_listed_as_unreadable(db: Store) -> None:
    finished_review(db, D(2026, 11, 1), D(2026, 11, 10))
    db.conn.execute(
        "INSERT INTO reviews (id, role_id, first_day, last_day, started, finished) "
        "VALUES ('broken-1', 'r', 'garbage', '', 'x', 'y')"
    )
    found = history(db)
    assert len(found.reviews) == 1
    assert found.unreadable == ("A review (broken-1) cannot be read: its dates are lost.",)


# -- counting and deleting ---------------------------------------------------------------------


def test_counting_the_reviews_a_role_deletion_takes(db: Store) -> None:
    finished_review(db, D(2026, 11, 1), D(2026, 11, 10))
    review, _ = session.start_review(db, role_map(db), CLOCK)
    session.add_action(db, role_map(db), review, "Something")
    repository = ReviewRepository(db)
    assert repository.count("r") == 2
    with db.transaction():
        RoleRepository(db).delete_role("r")
    assert repository.count("r") == 0
    assert db.conn.execute("SELECT COUNT(*) FROM review_actions").fetchone()[0] == 0


# -- actions -------------------------------------------------------------------------------------


def test_open_actions_carry_into_the_next_review(db: Store) -> None:
    first, _ = session.start_review(db, role_map(db), CLOCK, D(2026, 11, 1), D(2026, 11, 10))
    keep = session.add_action(db, role_map(db), first, "Cut email", "a2")
    done = session.add_action(db, role_map(db), first, "Book the offsite")
    session.set_action_status(db, first, done.id, ActionStatus.DONE)
    first = session.finish_review(db, role_map(db), first, CLOCK)
    second, _ = session.start_review(db, role_map(db), CLOCK)
    lines = session.review_sheet(db, role_map(db), second, CLOCK).actions
    assert [(a.text, a.carried, a.node) for a in lines] == [("Cut email", True, "Email")]
    session.set_action_status(db, second, keep.id, ActionStatus.DROPPED)
    dropped = ReviewRepository(db).action(keep.id)
    assert dropped is not None and dropped.closed_in == second.id
    shown = session.review_sheet(db, role_map(db), second, CLOCK).actions
    assert [(a.text, a.status) for a in shown] == [("Cut email", ActionStatus.DROPPED)]
    # The finished review still lists what it recorded.
    old = session.review_sheet(db, role_map(db), first, CLOCK).actions
    assert [a.text for a in old] == ["Cut email", "Book the offsite"]
    with pytest.raises(InvalidValueError, match="already dropped"):
        session.set_action_status(db, second, keep.id, ActionStatus.DONE)


def test_an_action_needs_text_and_a_node_of_the_map(db: Store) -> None:
    review, _ = session.start_review(db, role_map(db), CLOCK)
    with pytest.raises(InvalidValueError, match="needs some text"):
        session.add_action(db, role_map(db), review, "  \n ")
    with pytest.raises(InvalidValueError, match="not on this role's map"):
        session.add_action(db, role_map(db), review, "x", "nowhere")
    action = session.add_action(db, role_map(db), review, " Tidy\tthe  board ")
    assert action.text == "Tidy the  board" and action.position == 0
    second = session.add_action(db, role_map(db), review, "Next")
    assert second.position == 1


def test_discarding_a_review_in_progress(db: Store) -> None:
    first, _ = session.start_review(db, role_map(db), CLOCK, D(2026, 11, 1), D(2026, 11, 10))
    carried = session.add_action(db, role_map(db), first, "Carry me")
    session.finish_review(db, role_map(db), first, CLOCK)
    review, _ = session.start_review(db, role_map(db), CLOCK)
    session.add_action(db, role_map(db), review, "Mine")
    session.set_action_status(db, review, carried.id, ActionStatus.DONE)
    session.discard_review(db, review)
    assert history(db).in_progress is None
    reopened = ReviewRepository(db).action(carried.id)
    assert reopened is not None and reopened.is_open and reopened.closed_in is None
    assert [a.text for a in ReviewRepository(db).actions("r")] == ["Carry me"]
    with pytest.raises(InvalidValueError, match="history"):
        session.discard_review(db, history(db).finished[0])
