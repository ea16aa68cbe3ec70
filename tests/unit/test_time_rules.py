"""Mapping imported names onto activities: rule order, title matches, tags, notes, leftovers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.rule_pattern import compile_rule_pattern
from rolemap.domain.time_rules import (
    Match,
    NamedTime,
    RuleField,
    RuleHow,
    TimeRule,
    UnmatchedName,
    map_entries,
    unmatched_names,
)
from rolemap.interchange.foreign_time import ForeignEntry, TimeSource

ACTIVITIES = {"a-hire": "Hiring", "a-ones": "1:1s", "a-ops": "Operations", "a-plan": "Planning"}


@dataclass(frozen=True)
class Item:
    title: str = ""
    project: str = ""
    tags: tuple[str, ...] = ()
    calendar: str = ""
    attendees: int = 0
    duration: int = 600
    note: str = ""


def rule(field: str, how: str, value: str, activity_id: str) -> TimeRule:
    return TimeRule(RuleField(field), RuleHow(how), value, activity_id)


def mapped(items: list[Item], rules: list[TimeRule] = []) -> list[tuple[str | None, str]]:  # noqa: B006
    return [(m.activity_id, m.note) for m in map_entries(items, ACTIVITIES, rules)]


def test_a_name_equal_to_an_activity_title_maps_without_a_rule() -> None:
    items = [
        Item(title="  hiring "),
        Item(project="OPERATIONS", title="Deploy"),
        Item(title="Lunch"),
    ]
    assert mapped(items) == [
        ("a-hire", ""),
        ("a-ops", "Deploy"),
        (None, "Lunch"),
    ]


def test_the_first_tag_naming_an_activity_maps_and_the_rest_stay_in_the_note() -> None:
    items = [Item(tags=("remote", "planning", "hiring"), note="from timew")]
    assert mapped(items) == [("a-plan", "tags: remote, hiring · from timew")]


def test_rules_in_order_first_match_wins_and_beat_title_matches() -> None:
    rules = [
        rule("title", "contains", "1:1", "a-ones"),
        rule("title", "pattern", r"^(interview|screen)\b", "a-hire"),
        rule("project", "text", "planning", "a-ops"),
    ]
    items = [
        Item(title="1:1 interview"),
        Item(title="Screen: Bob"),
        Item(project="Planning", title="Roadmap"),
    ]
    assert mapped(items, rules) == [
        ("a-ones", "1:1 interview"),
        ("a-hire", "Screen: Bob"),
        ("a-ops", "Roadmap · project: Planning"),
    ]
    (match,) = map_entries(items[:1], ACTIVITIES, rules)
    assert match.by == "rule 1: title contains ‘1:1’"


def test_a_tag_rule_uses_the_first_tag_it_matches() -> None:
    rules = [rule("tag", "pattern", "^inc-", "a-ops")]
    items = [Item(tags=("urgent", "inc-42", "inc-43"))]
    assert mapped(items, rules) == [("a-ops", "tags: urgent, inc-43")]


def test_calendar_and_attendee_rules() -> None:
    rules = [
        rule("attendees", "text", "2", "a-ones"),
        rule("calendar", "text", "Recruiting", "a-hire"),
        rule("attendees", "text", ">=10", "a-plan"),
    ]
    items = [
        Item(title="Sync with Sam", attendees=2),
        Item(title="Panel", attendees=4, calendar="recruiting"),
        Item(title="All hands", attendees=40),
        Item(title="Focus", attendees=0),
    ]
    assert [m for m, _ in mapped(items, rules)] == ["a-ones", "a-hire", "a-plan", None]
    at_most = [rule("attendees", "text", "<=2", "a-ones")]
    counts = [Item(attendees=n) for n in (1, 2, 3)]
    assert [m for m, _ in mapped(counts, at_most)] == ["a-ones", "a-ones", None]


def test_a_rule_for_an_activity_that_is_gone_is_passed_over() -> None:
    rules = [rule("title", "text", "Deploy", "a-deleted"), rule("title", "text", "Deploy", "a-ops")]
    assert map_entries([Item(title="Deploy")], ACTIVITIES, rules) == [
        Match("a-ops", "Deploy", "rule 2: title is ‘Deploy’")
    ]


def test_unmatched_names_sum_time_by_the_name_a_rule_would_use() -> None:
    items = [
        Item(project="Client A", title="Call", duration=3600),
        Item(project="client a", title="Mail", duration=600),
        Item(tags=("gardening", "hiring"), duration=60),  # maps by its second tag
        Item(tags=("reading",), title="Book", duration=1200),
        Item(title="Lunch", duration=1800),
        Item(title="lunch", duration=1800),
    ]
    assert unmatched_names(items, ACTIVITIES, []) == [
        UnmatchedName(RuleField.PROJECT, "Client A", 4200, 2),
        UnmatchedName(RuleField.TITLE, "Lunch", 3600, 2),
        UnmatchedName(RuleField.TAG, "reading", 1200, 1),
    ]


def test_an_unmatched_name_becomes_a_rule_that_matches_it() -> None:
    items = [Item(project="Client A", duration=60)]
    (name,) = unmatched_names(items, ACTIVITIES, [])
    made = name.rule("a-ops")
    assert made == TimeRule(RuleField.PROJECT, RuleHow.TEXT, "Client A", "a-ops")
    assert unmatched_names(items, ACTIVITIES, [made]) == []


def test_rules_round_trip_through_plain_dicts() -> None:
    rules = [
        rule("title", "pattern", r"^1:1\b", "a-ones"),
        rule("attendees", "text", "<=2", "a-ones"),
    ]
    stored = [r.to_dict() for r in rules]
    assert stored[0] == {
        "field": "title",
        "how": "pattern",
        "value": r"^1:1\b",
        "activity_id": "a-ones",
    }
    assert [TimeRule.from_dict(d) for d in stored] == rules


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"field": "colour", "how": "text", "value": "x", "activity_id": "a"}, "Unknown rule"),
        ({"field": "title", "how": "like", "value": "x", "activity_id": "a"}, "Unknown rule"),
        ({"field": "title", "how": "text", "value": 3, "activity_id": "a"}, "needs a field"),
        ({"field": "title", "how": "text", "value": "x"}, "needs a field"),
        ({"field": "title", "how": "text", "value": "  ", "activity_id": "a"}, "needs a value"),
        ({"field": "title", "how": "text", "value": "x", "activity_id": ""}, "needs the activity"),
        ({"field": "title", "how": "text", "value": "x" * 201, "activity_id": "a"}, "at most 200"),
        ({"field": "title", "how": "pattern", "value": "(", "activity_id": "a"}, "not a valid"),
        ({"field": "tag", "how": "pattern", "value": "(a+)+$", "activity_id": "a"}, "(a+)+"),
        ({"field": "title", "how": "pattern", "value": r"(\w*\s?)*x", "activity_id": "a"}, "(a+)+"),
        ({"field": "title", "how": "text", "value": "x\x1b[2J", "activity_id": "a"}, "control"),
        ({"field": "project", "how": "text", "value": "x\udcff", "activity_id": "a"}, "control"),
        ({"field": "tag", "how": "pattern", "value": "\ud800", "activity_id": "a"}, "control"),
        ({"field": "attendees", "how": "text", "value": "two", "activity_id": "a"}, "not a number"),
        ({"field": "attendees", "how": "contains", "value": "2", "activity_id": "a"}, "write 2"),
    ],
)
def test_a_bad_rule_is_refused_with_a_message(data: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        TimeRule.from_dict(data)


# Each of these backtracks for seconds to hours on one name of 30 to 1,000 characters
# (measured: 26 characters took 5 to 10 s for the exponential ones; 1,000 took 47 s for
# `.*.*.*`).
SLOW_PATTERNS = [
    "((a)+)+$",  # the nested repeat behind a group of its own
    "((a+))+$",
    "(a|a)+$",  # a repeated choice whose branches overlap
    "(?:a|a)*$",
    "(a?){25}a{25}",  # a counted repeat of an optional part
    "(?=a+)+x",
    "(x|\\w+)*!",
    ".*.*.*!x",  # three open-ended repeats in sequence: polynomial, n**4
    r"\w+\s*\w*x",
    ".{0,999}.{0,999}.{0,999}!",
    "[ab]{0,99}a+b*x",  # counted repeats count too
    "a(b(c+)?)*",
]


@pytest.mark.parametrize("pattern", SLOW_PATTERNS)
def test_patterns_that_can_take_forever_are_refused(pattern: str) -> None:
    with pytest.raises(InvalidValueError, match="can take"):
        rule("title", "pattern", pattern, "a-ops")


@pytest.mark.parametrize(
    "pattern",
    [
        r"^1:1\b",
        "standup|sync",
        "(code )?reviews?",
        r"PR-\d+",
        "hiring.*loop",
        "a.*b.*c",  # two open-ended repeats are allowed: seconds on 1,000 characters at worst
        "(code )?reviews?.*",
        "^(1:1|one on one).*(alice|bob)?",
        "(ab)+",
        "[ab]+",
        r"\d{4}-\d{2}",
        "1:1 (alice|bob)",
        "^(?:weekly|monthly) sync$",
        r"\(a+\)+",  # escaped parentheses are text, not a group
        "[(a+)]+",  # and so are the ones in a class
        "(?i)INC-[0-9]+",
        "(?P<ticket>[A-Z]+-[0-9]+)",
        "(?#a (comment)x+",  # a comment ends at its first ): the ( in it opens nothing
        "x{3}(ab){2}",
    ],
)
def test_ordinary_patterns_are_taken(pattern: str) -> None:
    assert rule("title", "pattern", pattern, "a-ops").value == pattern


def test_a_verbose_pattern_is_refused_as_its_comments_could_hide_a_group() -> None:
    with pytest.raises(InvalidValueError, match="verbose"):
        rule("title", "pattern", "(?x) a (b+ # )\n )+", "a-ops")


def test_a_pattern_python_warns_about_is_refused_not_a_warning() -> None:
    with pytest.raises(InvalidValueError, match="nested set"):
        rule("title", "pattern", "[[a]", "a-ops")


PIECES = ["a", "b", "(", ")", "(?:", "(?=", "(?<!", "(?#", "(?P<n>", "(?P=n)", "(?i)", "(?x)"]
PIECES += ["|", "*", "+", "?", "*?", "++", "{2}", "{1,}", "{,3}", "{", "}", "[", "]", "[^", "^"]
PIECES += ["$", ".", "\\", "\\w", "\\(", "\\d+", "[[", "--", "&&", "\ud800", "\x1b", "\u00e9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join) | st.text(max_size=30))
def test_any_text_is_a_pattern_or_a_refusal_that_says_why(text: str) -> None:
    try:
        compiled = compile_rule_pattern(text)
    except InvalidValueError as error:
        assert str(error)
    else:
        assert compiled.flags & re.IGNORECASE


def test_patterns_ignore_case_and_read_only_the_start_of_a_long_name() -> None:
    pattern = rule("title", "pattern", "standup$", "a-ops")
    assert pattern.match(Item(title="Daily STANDUP")) == "Daily STANDUP"
    assert pattern.match(Item(title="x" * 5000 + "standup")) is None


def test_foreign_entries_are_what_rules_read() -> None:
    entry = ForeignEntry(0, 60, "Hiring", "id", TimeSource.CSV, "line 2", tags=("x",))
    entries: list[NamedTime] = [entry]
    assert map_entries(entries, ACTIVITIES, []) == [Match("a-hire", "tags: x", "title ‘Hiring’")]
