"""The short ways an import of 100,000 entries takes are the long ways, only faster.

Each fast path is set against what it replaces: the same entries, the same
ids' form, the same refusals with the same messages, the same texts refused.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.errors import DomainError
from rolemap.domain.record_rules import check_entry
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import CONTROL
from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.domain.tracking import EntryRow, TimeEntry, time_entries
from rolemap.interchange import rolemap_json, safe_json
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import ForeignEntry, TimeSource
from rolemap.interchange.timewarrior import _without_final_comma
from rolemap.services import time_mapping
from rolemap.store.database import Store
from rolemap.store.role_repository import RoleRepository
from rolemap.store.rollup import rebuild_rollup
from rolemap.store.time_import import entry_writer

# -- entries -----------------------------------------------------------------------------


def test_time_entries_are_the_entries_the_dataclass_makes() -> None:
    rows: list[EntryRow] = [
        ("a", "b", 1, 2, "n", "timew", None, False),
        ("c", "d", 3, None, "", "manual", "x", True),
    ]
    made = time_entries(rows)
    assert made == [TimeEntry(*row) for row in rows]
    assert [hash(e) for e in made] == [hash(TimeEntry(*row)) for row in rows]
    assert all(type(e) is TimeEntry for e in made)
    assert not hasattr(TimeEntry, "__post_init__")  # it would be passed over


def test_ascending_ids_are_distinct_version_4_uuids_in_order() -> None:
    ids = list(time_mapping.ascending_ids(5000))
    assert ids == sorted(ids) and len(set(ids)) == 5000
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
    assert len({text[:8] for text in ids}) > 4900  # log --list shows these
    assert list(time_mapping.ascending_ids(0)) == []


EDGES = [EARLIEST - 1, EARLIEST, LATEST - MAX_ENTRY_SECONDS, LATEST - 1, LATEST, 1_700_000_000]
LENGTHS = [0, 1, 60, MAX_ENTRY_SECONDS, MAX_ENTRY_SECONDS + 1]


def _foreign(start: Any, duration: Any) -> ForeignEntry:
    return ForeignEntry(start, duration, "", "x", TimeSource.TIMEW, "interval 7")


def _record_rules(start: Any, duration: Any, note: str) -> str | None:
    """The record rules' message for the entry, or None if they take it."""
    try:
        check_entry(TimeEntry("id", "a1", start, duration, note))
    except DomainError as error:
        return f"interval 7: {error}"
    return None


@pytest.mark.parametrize("start", [*EDGES, True, 1_700_000_000.0])
@pytest.mark.parametrize("duration", [*LENGTHS, 60.0, True])
def test_checked_rows_take_and_refuse_what_the_record_rules_do(start: Any, duration: Any) -> None:
    message = _record_rules(start, duration, "")
    mapped = [(_foreign(start, duration), "a1", "")]
    if message is None:
        (row,) = time_mapping.checked_rows(mapped, iter(["id"]))
        assert TimeEntry(*row) == TimeEntry("id", "a1", start, duration, "", "timew", "x")
    else:
        with pytest.raises(FormatError, match=f"^{re.escape(message)}$"):
            time_mapping.checked_rows(mapped, iter(["id"]))


def test_checked_rows_refuse_a_note_the_text_rule_refuses() -> None:
    mapped = [(_foreign(1_700_000_000, 60), "a1", "bell \x07")]
    with pytest.raises(FormatError, match=r"^interval 7: The note holds a control character"):
        time_mapping.checked_rows(mapped, iter(["id"]))


def _role_file(start: Any, duration: Any) -> str:
    activity = {"id": "a1", "kind": "activity", "title": "Work"}
    entry = {"id": "t1", "activity": "a1", "start": start, "duration": duration}
    role = {"id": "r1", "name": "R", "nodes": [activity], "links": [], "time_entries": [entry]}
    return json.dumps({"format": "rolemap", "version": 2, "roles": [role]})


@pytest.mark.parametrize("start", [*EDGES, 4_102_444_800, 1_700_000_000.0])
@pytest.mark.parametrize("duration", [*LENGTHS, None, 60.0])
def test_a_rolemap_file_takes_and_refuses_the_entries_the_record_rules_do(
    start: Any, duration: Any
) -> None:
    try:
        expected: Any = TimeEntry("t1", "a1", start, duration)
        check_entry(expected)
    except DomainError:
        expected = None
    try:
        (bundle,) = rolemap_json.loads(_role_file(start, duration))
    except FormatError as error:
        assert expected is None, error
        return
    assert bundle.time_entries == [expected]


@pytest.mark.parametrize(
    "span",
    [None, (1_700_000_000, 1_700_000_000 + 5000 * 3600 + 90_000), (1_700_100_000, 1_700_200_000)],
)
def test_the_rollup_of_a_bulk_write_is_a_rebuild_whatever_span_it_is_told(
    store: Store, span: tuple[int, int] | None
) -> None:
    activity = next(n.id for n in _role_map(store).nodes.values() if n.kind.value == "activity")
    rows: list[EntryRow] = [
        (f"e{i}", activity, 1_700_000_000 + i * 3600, 600 + i * 37 % 80_000, "", "csv", None, False)
        for i in range(5000)
    ]
    with store.transaction() as conn, entry_writer(conn, len(rows), span) as write:
        write(rows)
    kept = store.conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall()
    with store.transaction() as conn:
        rebuild_rollup(conn)
    assert store.conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall() == kept


def _role_map(store: Store) -> RoleMap:
    roles = RoleRepository(store)
    return roles.load_map(roles.list_roles()[0].id)


# -- texts -------------------------------------------------------------------------------


def _holds_unsafe(value: Any) -> bool:
    if isinstance(value, str):
        return CONTROL.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_unsafe(k) or _holds_unsafe(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_unsafe(v) for v in value)
    return False


TEXT = st.text(
    st.sampled_from(["a", " ", "\\", "b", "f", "u", "\t", "\n", "\x00", "\x08", "\x0c", "\x1b"])
    | st.sampled_from(["\x7f", "\x80", "\x9f", "\xa0", "·", "≥", "\ud800", "\udfff", "😀", "é"]),
    max_size=8,
)
DOCUMENT = st.recursive(
    TEXT | st.integers() | st.none(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=DOCUMENT, ascii_only=st.booleans())
@example(document=["\ud800\udfff"], ascii_only=True)  # a pair, escaped: one valid character
@example(document=["\ud800\udfff"], ascii_only=False)  # two lone surrogates, as they are
def test_a_json_file_is_refused_exactly_when_a_text_holds_a_control_character(
    document: Any, ascii_only: bool
) -> None:
    text = json.dumps(document, ensure_ascii=ascii_only)
    # What the file's text means: two surrogates written as escapes ("\\ud800\\udfff")
    # are one character of the astral planes, not two lone surrogates.
    meant = json.loads(text)
    unsafe = _holds_unsafe(meant)
    readers = [lambda: safe_json.load_json(text, "file")]
    if not re.search("[\ud800-\udfff]", text):  # bytes cannot hold a lone surrogate
        readers.append(lambda: safe_json.load_json_bytes(text.encode("utf-8"), "file"))
    for read in readers:
        if unsafe:
            with pytest.raises(FormatError, match=r"control character|lone surrogate"):
                read()
        else:
            assert read() == meant


@pytest.mark.parametrize("escape", ["\\b", "\\f", "\\u0008", "\\u001B", "\\u007f", "\\u0085"])
def test_a_control_character_written_as_an_escape_is_refused(escape: str) -> None:
    with pytest.raises(FormatError, match="control character"):
        safe_json.load_json('{"title": "a' + escape + 'b"}', "file")


def test_a_backslash_before_b_is_only_a_backslash() -> None:
    assert safe_json.load_json('{"path": "C:\\\\build"}', "file") == {"path": "C:\\build"}


def test_a_key_given_twice_is_named() -> None:
    with pytest.raises(FormatError, match="the key “b” twice"):
        safe_json.load_json('{"a": 1, "b": 2, "c": {"b": 1}, "b": 3, "a": 4}', "file")


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(["\x00", "\t", "\n", "a", "\x7f", "\x9f", "é", "\ud800"])))
def test_may_hold_unsafe_misses_no_control_character(text: str) -> None:
    if CONTROL.search(text):
        assert safe_json.may_hold_unsafe(text)


# -- a final comma ---------------------------------------------------------------------------


def _old_without_final_comma(text: str) -> str:
    body = text.rstrip()
    if body.endswith("]"):
        inner = body[:-1].rstrip()
        if inner.endswith(","):
            return inner[:-1] + "]"
    return text


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from([" ", "\n", "\u3000", "\x85", ",", "]", "[", "{", "}", "a"])),
    st.integers(0, 700),
    st.integers(0, 700),
)
def test_a_final_comma_goes_as_before(text: str, before: int, after: int) -> None:
    for whole in (text, f"{text}, {' ' * before}]{chr(10) * after}", text + " " * before):
        assert _without_final_comma(whole) == _old_without_final_comma(whole)
