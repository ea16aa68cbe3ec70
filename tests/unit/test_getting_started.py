"""The four steps' progress: the rules for "done" (domain) and the facts they read (store)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.getting_started import (
    AuditFacts,
    DesignFacts,
    ManualFacts,
    ReviewFacts,
    StepState,
    day_words,
    design_facts,
    four_steps,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import TimeEntry
from rolemap.services.getting_started import audit_facts, role_steps
from rolemap.store.database import Store
from rolemap.store.getting_started import (
    calendar_imported,
    has_sample_time,
    manual_exported,
    manual_key,
    note_manual_exported,
)
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

TODAY = dt.date(2026, 3, 11)  # a Wednesday
UTC = dt.UTC
NOON = int(dt.datetime(2026, 3, 11, 12, tzinfo=UTC).timestamp())
DAY = 86400
NOTHING = AuditFacts(0, False)
EMPTY_DESIGN = DesignFacts(0, 0, 0, 0, 0, 0, 0.0)
NOT_DUE = ReviewFacts("month", TODAY + dt.timedelta(days=20), False)


def states(**facts: object) -> list[StepState]:
    given = {
        "audit": NOTHING,
        "design": EMPTY_DESIGN,
        "manual": ManualFacts(),
        "review": NOT_DUE,
        **facts,
    }
    steps = four_steps(
        given["audit"],  # type: ignore[arg-type]
        given["design"],  # type: ignore[arg-type]
        given["manual"],  # type: ignore[arg-type]
        given["review"],  # type: ignore[arg-type]
        TODAY,
    )
    return [step.state for step in steps]


def texts(**facts: object) -> list[list[str]]:
    steps = four_steps(
        facts.get("audit", NOTHING),  # type: ignore[arg-type]
        facts.get("design", EMPTY_DESIGN),  # type: ignore[arg-type]
        facts.get("manual", ManualFacts()),  # type: ignore[arg-type]
        facts.get("review", NOT_DUE),  # type: ignore[arg-type]
        TODAY,
    )
    return [[check.text for check in step.checks] for step in steps]


# -- the rules --------------------------------------------------------------------------


def test_nothing_done_is_four_steps_not_started() -> None:
    assert states() == [StepState.NOT_STARTED] * 4


@pytest.mark.parametrize(
    ("days", "calendar", "state"),
    [
        (0, False, StepState.NOT_STARTED),
        (0, True, StepState.UNDER_WAY),  # a calendar came in, but no day counts yet
        (4, False, StepState.UNDER_WAY),
        (5, False, StepState.DONE),  # a working week; the calendar is only a suggestion
    ],
)
def test_a_week_is_audited_on_five_days_of_seven(
    days: int, calendar: bool, state: StepState
) -> None:
    assert states(audit=AuditFacts(days, calendar))[0] is state
    said = texts(audit=AuditFacts(days, calendar))[0]
    assert said[0] == (
        "No time tracked in the last 7 days"
        if not days
        else f"Time tracked on {days} of the last 7 days"
    )


def test_design_is_done_when_targets_rubrics_lines_of_sight_and_allocation_are() -> None:
    done = DesignFacts(4, 4, 6, 6, 9, 9, 1.0)
    assert states(design=done)[1] is StepState.DONE
    assert texts(design=done)[1] == [
        "4 of 4 outcomes have a target",
        "6 of 6 outputs are scored for clarity, durability and actionability",
        "9 of 9 activities lead to an outcome",
        "Ideal allocation of hours set (100 %)",
    ]
    for missing in (
        {"outcomes_with_target": 3},
        {"outputs_with_rubric": 5},
        {"activities_anchored": 8},
        {"allocation_total": 0.8},
        {"allocation_total": 0.0},
    ):
        assert states(design=dataclasses.replace(done, **missing))[1] is StepState.UNDER_WAY
    assert texts(design=dataclasses.replace(done, allocation_total=0.8))[1][3] == (
        "Ideal allocation adds up to 80 %, not 100 %"
    )
    one = DesignFacts(1, 0, 0, 0, 0, 0, 0.0)
    assert texts(design=one)[1][:2] == ["0 of 1 outcome has a target", "No outputs yet"]


def test_the_manual_step_needs_the_diagram_and_the_manual() -> None:
    diagram = ManualFacts(diagram_path="/home/me/role.pdf")
    both = ManualFacts("/home/me/role.pdf", "/home/me/manual.pdf", TODAY - dt.timedelta(days=1))
    assert states(manual=diagram)[2] is StepState.UNDER_WAY
    assert states(manual=both)[2] is StepState.DONE
    assert texts(manual=both)[2] == [
        "One-page diagram exported (role.pdf)",
        "Manual exported yesterday (manual.pdf)",
    ]


def test_the_review_step_says_the_next_date_and_is_done_after_a_review_in_time() -> None:
    assert texts()[3] == ["Next review on Tue 31 Mar (monthly)", "No review finished yet"]
    finished = dataclasses.replace(NOT_DUE, last_finished=TODAY - dt.timedelta(days=10))
    assert states(review=finished)[3] is StepState.DONE
    due = dataclasses.replace(finished, due=TODAY - dt.timedelta(days=2), is_due=True)
    assert states(review=due)[3] is StepState.UNDER_WAY
    assert texts(review=due)[3][0] == "A review is due (since on Mon 9 Mar)"
    going = dataclasses.replace(NOT_DUE, in_progress=True)
    assert states(review=going)[3] is StepState.UNDER_WAY


def test_dates_are_said_as_people_say_them() -> None:
    assert day_words(TODAY, TODAY) == "today"
    assert day_words(TODAY + dt.timedelta(days=1), TODAY) == "tomorrow"
    assert day_words(dt.date(2027, 1, 4), TODAY) == "on Mon 4 Jan 2027"


def test_design_facts_are_read_from_the_map() -> None:
    role = Role("r", "R", ideal_allocation={"Maker's work": 0.6, "Other": 0.4})

    def node(node_id: str, kind: NodeKind, **details: object) -> Node:
        return Node(node_id, "r", kind, node_id, details=details)

    nodes = [
        node("a1", NodeKind.ACTIVITY),
        node("a2", NodeKind.ACTIVITY),  # leads nowhere
        node("o1", NodeKind.OUTPUT, clarity=4, durability=3, actionability=5),
        node("o2", NodeKind.OUTPUT, clarity=4),  # scored in part
        node("c1", NodeKind.OUTCOME, target=90.0),
        node("c2", NodeKind.OUTCOME),
    ]
    links = [Link("l1", "r", "a1", "o1"), Link("l2", "r", "o1", "c1")]
    facts = design_facts(RoleMap.build(role, nodes, links))
    assert facts == DesignFacts(2, 1, 2, 1, 2, 1, 1.0)


# -- the store's facts ------------------------------------------------------------------


def entry(activity: str, start: int, seconds: int | None, **fields: object) -> TimeEntry:
    return TimeEntry(f"e{start}-{activity}", activity, start, seconds, **fields)  # type: ignore[arg-type]


def test_days_tracked_are_the_persons_own_in_the_last_seven(empty_store: Store) -> None:
    store = empty_store
    role = Role("r", "R")
    activity = Node("a", "r", NodeKind.ACTIVITY, "Work")
    with store.transaction():
        RoleRepository(store).put_role(role)
        RoleRepository(store).insert_nodes([activity])
        RecordRepository(store).put_time_entries(
            [
                entry("a", NOON, 3600),  # today
                entry("a", NOON - DAY, 3600),  # yesterday
                entry("a", NOON - 6 * DAY - 13 * 3600, 2 * 3600),  # from day -7 into day -6
                entry("a", NOON - 8 * DAY, 3600),  # too long ago
                entry("a", NOON - 2 * DAY, 3600, example=True),  # the example's
                entry("a", NOON - DAY - 600, 600, example=True),  # a day that is own anyway
                entry("a", NOON - 3 * DAY, 0),  # nothing
            ]
        )
    facts = audit_facts(store, "r", NOON + 3600, UTC)
    assert facts == AuditFacts(days_tracked=3, calendar_imported=False, example_days=1)
    with store.transaction():  # a running timer counts with its time so far
        RoleRepository(store).put_role(Role("q", "Q"))
        RoleRepository(store).insert_nodes([Node("b", "q", NodeKind.ACTIVITY, "Timed")])
        RecordRepository(store).put_time_entries([entry("b", NOON - 1800, None)])
    assert audit_facts(store, "q", NOON, UTC).days_tracked == 1
    assert audit_facts(store, "q", NOON - 1800, UTC).days_tracked == 0  # started this second


def test_a_calendar_import_and_sample_time_are_seen_per_role(empty_store: Store) -> None:
    store = empty_store
    with store.transaction():
        for role_id in ("r", "s"):
            RoleRepository(store).put_role(Role(role_id, role_id.upper()))
            RoleRepository(store).insert_nodes(
                [Node(f"a{role_id}", role_id, NodeKind.ACTIVITY, "W")]
            )
        RecordRepository(store).put_time_entries(
            [
                entry("as", NOON, 60, source="ics", external_id="uid-1"),
                entry("as", NOON + 60, 60, example=True),
                entry("ar", NOON, 60, source="toggl", external_id="7"),
            ]
        )
    assert not calendar_imported(store.conn, "r") and calendar_imported(store.conn, "s")
    assert not has_sample_time(store.conn, "r") and has_sample_time(store.conn, "s")


def test_the_manual_export_is_remembered_per_role(empty_store: Store, tmp_path: Path) -> None:
    store = empty_store
    assert manual_exported(store, "r") is None
    note_manual_exported(store, "r", tmp_path / "manual.pdf", TODAY)
    mark = manual_exported(store, "r")
    assert mark is not None and mark.path == str(tmp_path / "manual.pdf") and mark.day == TODAY
    assert manual_exported(store, "s") is None
    note_manual_exported(store, "r", "again.html")  # the last one counts
    again = manual_exported(store, "r")
    assert again is not None and again.path == "again.html"
    for damaged in ("not json", '["a"]', '{"path": ""}', '{"path": 3}'):
        with store.transaction() as conn:
            conn.execute(
                "UPDATE preferences SET value = ? WHERE key = ?", (damaged, manual_key("r"))
            )
        assert manual_exported(store, "r") is None, damaged


def test_the_example_role_starts_with_its_design_half_done(store: Store) -> None:
    role = RoleRepository(store).list_roles()[0]
    steps = role_steps(store, RoleRepository(store).load_map(role.id))
    assert [s.key for s in steps] == ["audit", "design", "manual", "review"]
    assert steps[0].state is StepState.NOT_STARTED  # sample time is not the person's audit
    assert steps[1].state is StepState.UNDER_WAY  # "Email & status updates" leads nowhere
    assert steps[2].state is StepState.NOT_STARTED


def test_sample_time_is_found_through_its_own_index_not_the_roles_entries(
    empty_store: Store,
) -> None:
    """A role with a million entries and no sample left was read whole: 1.7 s."""
    store = empty_store
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        has_sample_time(store.conn, "r")
    finally:
        store.conn.set_trace_callback(None)
    (query,) = [s for s in statements if "time_entries" in s]
    plan = " ".join(str(row[3]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "idx_time_entries_example" in plan, plan
