"""The week's plan as values: ISO week names, what people type, edits, the prefill."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.week_plan import (
    PlannedOutput,
    Week,
    WeekPlan,
    parse_count,
    parse_day_in_week,
    parse_hours,
    parse_week,
    prefill,
    weeks_in_year,
)

TODAY = dt.date(2026, 12, 2)  # a Wednesday of 2026-W49


def small_map() -> RoleMap:
    role = Role("r", "Role")
    nodes = [
        Node(
            "a1",
            "r",
            NodeKind.ACTIVITY,
            "Code reviews",
            y=1,
            details={"category": "Maker's work", "planned_hours": 5.0},
        ),
        Node("a2", "r", NodeKind.ACTIVITY, "Email", y=2, details={"planned_hours": 0.0}),
        Node("a3", "r", NodeKind.ACTIVITY, "Mentoring", y=3, details={"planned_hours": 2.5}),
        Node("o1", "r", NodeKind.OUTPUT, "Design docs"),
        Node("g1", "r", NodeKind.OUTCOME, "Delivery"),
    ]
    links = [Link("l1", "r", "a1", "o1"), Link("l2", "r", "o1", "g1")]
    return RoleMap.build(role, nodes, links)


# -- weeks --------------------------------------------------------------------------------


def test_a_week_has_its_name_days_and_label() -> None:
    week = Week.named("2026-W49")
    assert (week.year, week.number, week.name, str(week)) == (2026, 49, "2026-W49", "2026-W49")
    assert week.monday == dt.date(2026, 11, 30) and week.sunday == dt.date(2026, 12, 6)
    assert len(week.days) == 7 and week.days[3] == dt.date(2026, 12, 3)
    assert week.label == "week 49, 2026 (30 Nov – 6 Dec)"
    assert week.period.start == week.monday and week.period.end == dt.date(2026, 12, 7)
    assert week.contains(dt.date(2026, 12, 6)) and not week.contains(dt.date(2026, 12, 7))
    assert Week.of(TODAY) == week
    assert week.shifted(1) == Week(2026, 50) and week.shifted(-49) == Week(2025, 52)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2026-W54", "2026 has weeks W01 to W53"),
        ("2025-W53", "2025 has weeks W01 to W52"),
        ("2026-W00", "2026 has weeks W01 to W53"),
        ("2026-49", "not a week"),
        ("W49", "not a week"),
        ("", "not a week"),
        ("1970-W01", "outside the range"),
        ("2100-W01", "outside the range"),
        # Years the calendar cannot reach at all: a refusal, not an OverflowError.
        ("9999-W52", "outside the range"),
        ("0000-W01", "outside the range"),
    ],
)
def test_weeks_that_do_not_exist_are_refused(name: str, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        Week.named(name)


def test_years_with_53_weeks() -> None:
    assert weeks_in_year(2026) == 53 and weeks_in_year(2025) == 52 and weeks_in_year(2020) == 53
    assert Week.named("2026-W53").sunday == dt.date(2027, 1, 3)
    # 1 January 2027 belongs to 2026's last week.
    assert Week.of(dt.date(2027, 1, 1)) == Week(2026, 53)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W49", Week(2026, 49)),
        ("2026w9", Week(2026, 9)),
        (" 2026-w09 ", Week(2026, 9)),
        ("this", Week(2026, 49)),
        ("next", Week(2026, 50)),
        ("last", Week(2026, 48)),
        ("2027-01-01", Week(2026, 53)),
    ],
)
def test_weeks_as_people_give_them(text: str, expected: Week) -> None:
    assert parse_week(text, TODAY) == expected


def test_a_date_that_does_not_exist_is_not_a_week() -> None:
    with pytest.raises(InvalidValueError, match="not a date"):
        parse_week("2026-02-30", TODAY)


def test_a_week_past_the_calendars_end_is_outside_the_range() -> None:
    with pytest.raises(InvalidValueError, match="outside the range"):
        parse_week("9999-12-31", TODAY)


def test_a_refused_week_is_quoted_as_it_was_typed() -> None:
    with pytest.raises(InvalidValueError, match="‘2026-W54’"):
        parse_week("2026-W54", TODAY)


# -- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hours"), [("4", 4.0), ("2.5", 2.5), ("2,5", 2.5), ("3h", 3.0), (" 1.333 ", 1.33)]
)
def test_hours_people_type(text: str, hours: float) -> None:
    assert parse_hours(text) == hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-3", "cannot be negative"),
        ("abc", "not a number of hours"),
        ("", "not a number of hours"),
        ("nan", "not a number of hours"),
        ("inf", "not a number of hours"),
        ("169", "A week has 168 hours"),
    ],
)
def test_bad_hours_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        parse_hours(text)


def test_counts_and_days() -> None:
    week = Week(2026, 49)
    assert parse_count("3") == 3
    for bad in ("0", "100", "1.5", "-1", "x"):
        with pytest.raises(InvalidValueError, match="whole number from 1 to 99"):
            parse_count(bad)
    assert parse_day_in_week("thu", week) == dt.date(2026, 12, 3)
    assert parse_day_in_week("Sunday", week) == dt.date(2026, 12, 6)
    assert parse_day_in_week("2026-11-30", week) == week.monday
    with pytest.raises(InvalidValueError, match="is not in week 49"):
        parse_day_in_week("2026-12-07", week)
    with pytest.raises(InvalidValueError, match="not a day"):
        parse_day_in_week("t", week)  # Tuesday or Thursday?
    with pytest.raises(InvalidValueError, match="not a day"):
        parse_day_in_week("someday", week)


# -- the plan -----------------------------------------------------------------------------


def test_the_prefill_is_each_activitys_planned_hours() -> None:
    plan = prefill(small_map(), Week(2026, 49))
    assert plan == WeekPlan("r", Week(2026, 49), {"a1": 5.0, "a3": 2.5})
    assert plan.total_hours == 7.5


def test_edits_return_changed_copies() -> None:
    week = Week(2026, 49)
    plan = WeekPlan("r", week)
    changed = plan.with_hours("a1", 3).with_hours("a2", 1.5)
    assert plan.hours == {} and changed.hours == {"a1": 3.0, "a2": 1.5}
    assert changed.with_hours("a1", 0).hours == {"a2": 1.5}
    with pytest.raises(InvalidValueError):
        plan.with_hours("a1", -1)
    intended = plan.with_output(PlannedOutput("o1", 2, dt.date(2026, 12, 3)))
    again = intended.with_output(PlannedOutput("o1", 1))
    assert again.outputs == (PlannedOutput("o1", 1),)
    assert again.output("o1") == PlannedOutput("o1", 1) and again.output("x") is None
    assert again.without_output("o1").outputs == ()
    with pytest.raises(InvalidValueError, match="is not in week 49"):
        plan.with_output(PlannedOutput("o1", 1, dt.date(2026, 12, 9)))
    with pytest.raises(InvalidValueError, match="from 1 to 99"):
        plan.with_output(PlannedOutput("o1", 0))
    focused = plan.with_focus("g1").with_focus("g1").with_focus("g2")
    assert focused.focus == ("g1", "g2") and focused.without_focus("g1").focus == ("g2",)
    assert plan.with_note("  Ship it\r\n  ").note == "Ship it"


def test_a_copy_moves_its_days_with_it() -> None:
    week = Week(2026, 49)
    plan = WeekPlan("r", week, {"a1": 2.0}, (PlannedOutput("o1", 1, dt.date(2026, 12, 3)),))
    moved = plan.moved_to(Week(2026, 51))
    assert moved.week == Week(2026, 51) and moved.hours == {"a1": 2.0}
    assert moved.outputs == (PlannedOutput("o1", 1, dt.date(2026, 12, 17)),)


def test_what_left_the_map_is_not_read() -> None:
    plan = WeekPlan(
        "r",
        Week(2026, 49),
        {"a1": 2.0, "gone": 3.0, "o1": 1.0},
        (PlannedOutput("o1"), PlannedOutput("a1")),
        ("g1", "gone"),
    )
    kept = plan.on_map(small_map())
    assert kept.hours == {"a1": 2.0} and kept.outputs == (PlannedOutput("o1"),)
    assert kept.focus == ("g1",)
    clean = WeekPlan("r", Week(2026, 49), {"a1": 2.0})
    assert clean.on_map(small_map()) is clean


def test_rekeyed_follows_new_ids() -> None:
    plan = WeekPlan("r", Week(2026, 49), {"a1": 2.0}, (PlannedOutput("o1"),), ("g1",))
    moved = plan.rekeyed({"r": "R", "a1": "A", "o1": "O", "g1": "G"})
    assert moved == WeekPlan("R", Week(2026, 49), {"A": 2.0}, (PlannedOutput("O"),), ("G",))
