"""One quick-entry line read into activity, duration, start and note: the forms, the refusals."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.domain.entities import Node
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.quick_line import describe, parse_quick_line, still_typing_activity

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2024, 5, 15, 17, 0, tzinfo=BERLIN)
TITLES = (
    "Mentoring sessions",
    "Code reviews",
    "Weekly 1:1s",
    "Top 10 customers",
    "Sprint 2",
    "Sprint 20",
    "Planning",
    "Planning poker",
    "Hiring loops",
)


def _node(title: str, kind: NodeKind = NodeKind.ACTIVITY) -> Node:
    return Node(id=f"id-{title}", role_id="r", kind=kind, title=title)


NODES = [_node(t) for t in TITLES] + [_node("Design doc", NodeKind.OUTPUT)]


def _at(*parts: int) -> int:
    return int(dt.datetime(*parts, tzinfo=BERLIN).timestamp())


@pytest.mark.parametrize(
    ("line", "title", "seconds", "start", "note"),
    [
        ("Mentoring sessions 45m", "Mentoring sessions", 2700, None, ""),
        ("mentoring sessions 45m", "Mentoring sessions", 2700, None, ""),
        ("ment 1h30 onboarding Ana", "Mentoring sessions", 5400, None, "onboarding Ana"),
        (
            "Mentoring sessions 45m yesterday 10:00 notes…",
            "Mentoring sessions",
            2700,
            _at(2024, 5, 14, 10, 0),
            "notes…",
        ),
        ("Code reviews 1:30 14:05", "Code reviews", 5400, _at(2024, 5, 15, 14, 5), ""),
        ("review 2h 15m  PR  #12", "Code reviews", 8100, None, "PR  #12"),
        ("Code reviews 2 hours", "Code reviews", 7200, None, ""),
        ("Code reviews 1h 30 PRs", "Code reviews", 3600, None, "30 PRs"),
        ("Code reviews 45m 2024-03-05 14:05", "Code reviews", 2700, _at(2024, 3, 5, 14, 5), ""),
        ("Code reviews 45m 2024-03-05T14:05 x", "Code reviews", 2700, _at(2024, 3, 5, 14, 5), "x"),
        ("Code reviews 45m yesterday", "Code reviews", 2700, _at(2024, 5, 14, 16, 15), ""),
        (
            "Code reviews 45m today was long",
            "Code reviews",
            2700,
            _at(2024, 5, 15, 16, 15),
            "was long",
        ),
        ("Weekly 1:1s 30m", "Weekly 1:1s", 1800, None, ""),
        ("Top 10 customers 45m", "Top 10 customers", 2700, None, ""),
        ("Sprint 2 45m", "Sprint 2", 2700, None, ""),
        ("Sprint 20 1.5h retro", "Sprint 20", 5400, None, "retro"),
        ("Planning 30m poker night", "Planning", 1800, None, "poker night"),
        ("Planning poker 30m", "Planning poker", 1800, None, ""),
        ("hiring 90", "Hiring loops", 5400, None, ""),
    ],
)
def test_the_forms_a_line_takes(
    line: str, title: str, seconds: int, start: int | None, note: str
) -> None:
    read = parse_quick_line(line, NODES, NOW)
    assert (read.activity.title, read.seconds, read.start, read.note) == (
        title,
        seconds,
        start,
        note,
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "Type the activity, then how long"),
        ("Code reviews", "has no duration"),
        ("Code reviews soon", "has no duration"),
        ("Code reviews 0", "more than zero"),
        ("Code reviews 25h", "longer than one entry"),
        ("Code reviews 1:75", "not a duration"),
        ("Code reviews 45m 25:00", "not a time"),
        ("Code reviews 45m 1900-01-01 10:00", "outside the range"),
        ("Nothing 45m", "No activity is called ‘Nothing’. Activities: ‘Code reviews’"),
        ("Sprint 45m", "‘Sprint’ matches several activities: ‘Sprint 2’, ‘Sprint 20’."),
        ("Design doc 45m", "No activity is called ‘Design doc’"),
    ],
)
def test_refusals_say_why_and_name_the_candidates(line: str, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        parse_quick_line(line, NODES, NOW)


def test_a_line_that_is_part_of_a_title_is_still_being_typed() -> None:
    assert still_typing_activity("ment", NODES)
    assert still_typing_activity("sprint 2", NODES)  # "2" may be the start of "20"
    assert still_typing_activity("weekly 1:1", NODES)
    assert not still_typing_activity("Mentoring sessions 45m", NODES)
    assert not still_typing_activity("design doc", NODES)  # an output
    assert not still_typing_activity("  ", NODES)


def test_describe_says_what_will_be_saved() -> None:
    read = parse_quick_line("Mentoring sessions 45m yesterday 10:00 notes", NODES, NOW)
    assert describe(read, NOW) == "45m on ‘Mentoring sessions’, yesterday 10:00–10:45, note “notes”"
    read = parse_quick_line("code 1h", NODES, NOW)
    assert describe(read, NOW) == "1h on ‘Code reviews’, 16:00–17:00"


_DURATIONS = {"45m": 2700, "1h30": 5400, "1:05": 3900, "1.5h": 5400, "20": 1200, "2h 15m": 8100}
_WHENS = {
    "": None,
    "9:30": _at(2024, 5, 15, 9, 30),
    "yesterday 23:59": _at(2024, 5, 14, 23, 59),
    "2023-12-31 08:00": _at(2023, 12, 31, 8, 0),
}
_NOTE_WORD = st.text(
    alphabet=st.characters(whitelist_categories=("L",), whitelist_characters="#-,.!?"),
    min_size=1,
    max_size=8,
).filter(lambda w: w.lower() not in ("today", "yesterday") and not w[0].isdigit())


@settings(max_examples=300, deadline=None)
@given(
    title=st.sampled_from(TITLES),
    case=st.sampled_from(("same", "lower", "upper")),
    duration=st.sampled_from(sorted(_DURATIONS)),
    when=st.sampled_from(sorted(_WHENS)),
    note=st.lists(_NOTE_WORD, max_size=4).map(" ".join),
    spaces=st.sampled_from((" ", "  ", "\t")),
)
def test_any_line_of_a_title_a_duration_a_when_and_a_note_reads_back(
    title: str, case: str, duration: str, when: str, note: str, spaces: str
) -> None:
    typed = {"same": title, "lower": title.lower(), "upper": title.upper()}[case]
    line = spaces.join(part for part in (typed, duration, when, note) if part)
    read = parse_quick_line(line, NODES, NOW)
    assert read.activity.title == title
    assert read.seconds == _DURATIONS[duration]
    assert read.start == _WHENS[when]
    assert read.note == note.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_sentence(text: str) -> None:
    try:
        read = parse_quick_line(text, NODES, NOW)
    except InvalidValueError as refusal:
        assert str(refusal).strip()
    else:
        assert read.activity in NODES and read.seconds > 0
