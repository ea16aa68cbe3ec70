"""The quarterly checklist: quarters, each automatic item ticked and not ticked, the list shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from rolemap.domain.checklist import (
    ChecklistRule,
    ItemResult,
    QuarterFacts,
    accountability_of,
    cadence_periods,
    evaluate,
)
from rolemap.domain.checklist_items import (
    OWN_ITEM,
    StoredItem,
    assemble,
    frozen_rows,
    hand_tick,
    own_item,
)
from rolemap.domain.entities import Node, Role
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.quarter import Quarter, parse_quarter
from rolemap.domain.role_map import RoleMap

Q4 = Quarter(2026, 4)
AFTER = dt.date(2027, 1, 20)  # the quarter is over


def role_map(**role: object) -> RoleMap:
    base = Role(
        "r",
        "Role",
        accountabilities=("Hire and grow engineers", "Keep delivery predictable"),
        ideal_allocation={"Maker's work": 0.5, "Admin": 0.5},
        purposeful_target=0.7,
        review_cadence="month",
    )
    nodes = [
        Node(
            "g1",
            "r",
            NodeKind.OUTCOME,
            "Retention",
            details={"accountability": "Hire and grow engineers"},
        ),
        Node(
            "g2",
            "r",
            NodeKind.OUTCOME,
            "Predictability",
            details={"accountability": ["  keep  DELIVERY predictable "]},
        ),
        Node("o1", "r", NodeKind.OUTPUT, "Design docs", details={"hands_on": True}),
        Node("o2", "r", NodeKind.OUTPUT, "Merged changes", details={"hands_on": False}),
    ]
    return RoleMap.build(dataclasses.replace(base, **role), nodes, ())  # type: ignore[arg-type]


def facts(**changes: object) -> QuarterFacts:
    good = QuarterFacts(
        today=AFTER,
        checkins={"g1": 3, "g2": 1},
        tracked_hours=400.0,
        purposeful_share=0.75,
        category_hours={"Maker's work": 190.0, "Admin": 210.0},
        hands_on_by_month=tuple((m, 2) for m in Q4.months),
        reviews=(
            (dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
            (dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
            (dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        ),
    )
    return dataclasses.replace(good, **changes)  # type: ignore[arg-type]


def result(rule: ChecklistRule, role: RoleMap | None = None, **changes: object) -> ItemResult:
    found = {r.rule: r for r in evaluate(role or role_map(), Q4, facts(**changes))}
    return found[rule]


# -- quarters -----------------------------------------------------------------------------


def test_a_quarter_has_its_days_months_and_freeze_day() -> None:
    q = Quarter.named("2026-Q4")
    assert q == Q4 and q.name == "2026-Q4" and str(q) == "2026-Q4"
    assert (q.first_day, q.last_day, q.end) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
    )
    assert [m.start.month for m in q.months if m.start] == [10, 11, 12]
    assert q.label == "Q4 2026 (1 Oct – 31 Dec)"
    assert q.freeze_day == dt.date(2027, 1, 15)
    assert q.shifted(1) == Quarter(2027, 1) and q.shifted(-4) == Quarter(2025, 4)
    assert q.so_far(dt.date(2026, 11, 5)) == Period("range", q.first_day, dt.date(2026, 11, 6))
    assert q.so_far(AFTER).end == q.end and q.so_far(dt.date(2026, 1, 1)).end == q.first_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-Q4", Q4),
        ("2026q1", Quarter(2026, 1)),
        ("this", Q4),
        ("last", Quarter(2026, 3)),
        ("next", Quarter(2027, 1)),
        ("2026-11-05", Q4),
    ],
)
def test_quarters_as_people_give_them(text: str, expected: Quarter) -> None:
    assert parse_quarter(text, dt.date(2026, 12, 2)) == expected


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "Q4", "2026", "1969-Q4", "2100-Q1"])
def test_quarters_that_do_not_exist(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_quarter(text, dt.date(2026, 12, 2))


@pytest.mark.parametrize("text", ["9999-Q4", "0000-Q1", "9999-12-31"])
def test_quarters_the_calendar_cannot_reach_are_outside_the_range(text: str) -> None:
    with pytest.raises(InvalidValueError, match="outside the range"):
        parse_quarter(text, dt.date(2026, 12, 2))


# -- each automatic item, ticked and not --------------------------------------------------


def test_every_outcome_had_a_checkin() -> None:
    rule = ChecklistRule.OUTCOME_CHECKINS
    assert result(rule).ticked is True
    missing = result(rule, checkins={"g1": 2})
    assert missing.ticked is False and missing.node_ids == ("g2",)
    assert missing.detail == "No check-in on ‘Predictability’."
    empty = RoleMap.build(Role("r", "Role"), (), ())
    assert result(rule, empty).ticked is False


def test_every_accountability_has_an_outcome() -> None:
    rule = ChecklistRule.ACCOUNTABILITY_OUTCOMES
    assert result(rule).ticked is True
    more = role_map(accountabilities=("Hire and grow engineers", "Own the technical direction"))
    missing = result(rule, more)
    assert missing.ticked is False and "‘Own the technical direction’" in missing.detail
    # Outcomes without the detail (not yet added by the properties panel) name nothing.
    bare = RoleMap.build(
        role_map().role, [dataclasses.replace(n, details={}) for n in role_map()], ()
    )
    silent = result(rule, bare)
    assert silent.ticked is False and set(silent.node_ids) == {"g1", "g2"}
    assert result(rule, role_map(accountabilities=())).ticked is None
    assert accountability_of(None) == () and accountability_of(3) == ()
    assert accountability_of(["A", 2, " "]) == ("a",)


def test_purposeful_share_met_its_target() -> None:
    rule = ChecklistRule.PURPOSEFUL_SHARE
    assert result(rule).ticked is True
    assert result(rule, purposeful_share=0.7).ticked is True  # exactly on target
    low = result(rule, purposeful_share=0.6)
    assert low.ticked is False
    assert low.detail == "60 % of 400 h reached an outcome; the target is 70 %."
    assert result(rule, purposeful_share=None, tracked_hours=0.0).ticked is False


def test_a_hands_on_output_delivered_every_month() -> None:
    rule = ChecklistRule.HANDS_ON_DELIVERED
    assert result(rule).ticked is True
    months = Q4.months
    gap = result(rule, hands_on_by_month=((months[0], 3), (months[1], 0), (months[2], 1)))
    assert (
        gap.ticked is False
        and gap.detail == "Hands-on deliveries: October 3, November 0, December 1."
    )
    assert result(rule, hands_on_by_month=()).ticked is None  # no month over yet
    only_team = RoleMap.build(role_map().role, [n for n in role_map() if n.id != "o1"], ())
    assert result(rule, only_team).ticked is False


def test_each_category_near_its_ideal_share() -> None:
    rule = ChecklistRule.CATEGORY_BALANCE
    assert result(rule).ticked is True
    off = result(rule, category_hours={"Maker's work": 100.0, "Admin": 300.0})
    assert off.ticked is False and "Admin 75 % (ideal 50 %)" in off.detail
    assert result(rule, category_hours={}).ticked is False
    assert result(rule, role_map(ideal_allocation={})).ticked is None


@pytest.mark.parametrize("cadence", ["week", "month", "quarter"])
def test_reviews_held_on_cadence(cadence: str) -> None:
    rule = ChecklistRule.REVIEWS_ON_CADENCE
    periods = cadence_periods(cadence, Q4)
    held = tuple((a, b) for a, b, _ in periods)
    on_cadence = role_map(review_cadence=cadence)
    assert result(rule, on_cadence, reviews=held).ticked is True
    missed = result(rule, on_cadence, reviews=held[1:])
    assert missed.ticked is False and f"none for {periods[0][2]}" in missed.detail
    assert result(rule, on_cadence, reviews=()).ticked is False
    early = result(rule, on_cadence, reviews=(), today=Q4.first_day)
    assert early.ticked is None and "due once" in early.detail
    assert result(rule, on_cadence, reviews=None).ticked is None


def test_cadence_periods() -> None:
    weeks = cadence_periods("week", Q4)
    assert weeks[0][0] == dt.date(2026, 9, 28)  # week 40 ends on 4 October, inside Q4
    assert weeks[-1][1] == dt.date(2026, 12, 27)  # week 53 ends in January: not Q4's
    assert len(weeks) == 13
    assert [p[2] for p in cadence_periods("month", Q4)] == ["October", "November", "December"]
    assert cadence_periods("quarter", Q4) == [(Q4.first_day, Q4.last_day, "Q4")]


# -- the list as shown --------------------------------------------------------------------


def ids() -> itertools.count[int]:
    return itertools.count(1)


def test_the_list_shows_automatic_then_hand_then_own_items() -> None:
    results = evaluate(role_map(), Q4, facts())
    own = StoredItem("x1", "r", "2026-Q4", OWN_ITEM, "Book the offsite", True, position=0)
    hand = StoredItem("x2", "r", "2026-Q4", ChecklistRule.MAP_CURRENT.value, ticked=True)
    shown = assemble(role_map(), Q4, [own, hand], results)
    keys = [i.key for i in shown.items]
    assert keys[:6] == [r.value for r in ChecklistRule if r.automatic]
    assert keys[6:] == ["manager-walkthrough", "map-current", "own"]
    assert [i.ticked for i in shown.items[6:]] == [False, True, True]
    assert shown.ticked_count == 8 and shown.frozen_on is None
    assert shown.find("3").key == "purposeful-share"
    assert shown.find("offsite").ref == "x1"
    with pytest.raises(InvalidValueError, match="items 1 to 9, not 12"):
        shown.find("12")
    with pytest.raises(InvalidValueError, match="matches several items"):
        shown.find("every")
    with pytest.raises(InvalidValueError, match="No item"):
        shown.find("nothing like it")


def test_hand_ticks_and_own_items() -> None:
    counter = ids()

    def new_id() -> str:
        return f"n{next(counter)}"

    shown = assemble(role_map(), Q4, [], evaluate(role_map(), Q4, facts()))
    with pytest.raises(InvalidValueError, match="ticked from the data"):
        hand_tick(shown, shown.find("1"), True, new_id)
    row = hand_tick(shown, shown.find("manager"), True, new_id)
    assert (row.id, row.key, row.ticked, row.quarter) == (
        "n1",
        "manager-walkthrough",
        True,
        "2026-Q4",
    )
    again = assemble(role_map(), Q4, [row], ())
    assert hand_tick(again, again.find("manager"), False, new_id).id == "n1"  # the same row
    mine = own_item(again, "  Book the offsite ", new_id)
    assert (mine.key, mine.text, mine.ticked, mine.position) == (
        OWN_ITEM,
        "Book the offsite",
        False,
        0,
    )
    with_mine = assemble(role_map(), Q4, [row, mine], ())
    assert own_item(with_mine, "Second", new_id).position == 1
    with pytest.raises(InvalidValueError, match="already has"):
        own_item(with_mine, "book the OFFSITE", new_id)
    with pytest.raises(InvalidValueError, match="needs some text"):
        own_item(with_mine, "   ", new_id)
    with pytest.raises(InvalidValueError, match="control character"):
        own_item(with_mine, "bad\x1b[2J", new_id)


def test_a_frozen_quarter_reads_its_kept_rows() -> None:
    counter = ids()
    results = evaluate(role_map(), Q4, facts(purposeful_share=0.1))
    rows = frozen_rows(role_map(), Q4, results, Q4.freeze_day, lambda: f"f{next(counter)}")
    assert len(rows) == 6 and all(r.frozen == Q4.freeze_day for r in rows)
    # Whatever the data says now, the kept results are shown.
    shown = assemble(role_map(), Q4, rows, evaluate(role_map(), Q4, facts()))
    assert shown.frozen_on == Q4.freeze_day
    share = shown.find("Purposeful")
    assert share.ticked is False and share.automatic and share.detail.startswith("10 %")
    assert len(shown.items) == 8
