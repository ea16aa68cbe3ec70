"""Timewarrior and Watson import (and timew export out): exact intervals, stable ids, bad files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import OutgoingEntry, TimeSource
from rolemap.interchange.timewarrior import read_timew_data, read_timew_export, write_timew
from rolemap.interchange.watson import read_watson_frames

EXPORT = b"""[
{"id":3,"start":"20250101T090000Z","end":"20250101T100000Z","tags":["hiring","multi word"],\
"annotation":"Phone screen"},
{"id":2,"start":"20250101T233000Z","end":"20250102T001500Z","tags":["ops"]},
{"id":1,"start":"20250102T080000Z","tags":["writing"]}
]
"""

DATA = {
    "2025-01.data": (
        b'inc 20250101T090000Z - 20250101T100000Z # hiring "multi word" # "Phone screen"\n'
        b"inc 20250101T233000Z - 20250102T001500Z # ops\n"
        b"\n"
        b"inc 20250102T080000Z - 20250102T083000Z\n"
        b'inc 20250102T090000Z - 20250102T091500Z # # "no tags, a \\"quoted\\" note"\n'
        b'inc 20250102T100000Z - 20250102T101000Z # "say \\"hi\\"" plain\n'
        b"inc 20250102T110000Z # writing\n"
    ),
    "2024-12.data": b"inc 20241231T160000Z - 20241231T170000Z # review # old annotation style\n",
    "tags.data": b'{"hiring": {"count": 1}}',
    "undo.data": b"txn:\n  type: interval\n",
}

# Written by Timewarrior 1.4.3 itself: timew track, annotate, start, export.
REAL = Path(__file__).resolve().parents[1] / "data" / "time"

FRAMES = b"""[
 [1735722000, 1735725600, "hiring", "6f1d5bb1a2d34c8f9d0e7c2a11b0c3d4", ["interview", "remote"],
  1735725601],
 [1735774200.9, 1735776900, "ops", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", [], 1735776901]
]"""


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    return int(dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC).timestamp())


# -- timew export ---------------------------------------------------------------------------


def test_timew_export_reads_tags_and_annotation_and_skips_the_open_interval() -> None:
    result = read_timew_export(EXPORT)
    assert [(e.start, e.duration, e.title, e.tags) for e in result.entries] == [
        (utc(2025, 1, 1, 9), 3600, "Phone screen", ("hiring", "multi word")),
        (utc(2025, 1, 1, 23, 30), 2700, "", ("ops",)),
    ]
    assert [(s.title, s.start, s.reason, s.where) for s in result.skipped] == [
        ("writing", utc(2025, 1, 2, 8), "open interval", "interval 3")
    ]
    assert {e.source for e in result.entries} == {TimeSource.TIMEW}


def test_timew_ids_ignore_the_changing_id_and_the_tag_order() -> None:
    first = read_timew_export(EXPORT).entries[0].external_id
    renumbered = EXPORT.replace(b'"id":3', b'"id":9').replace(
        b'["hiring","multi word"]', b'["multi word","hiring"]'
    )
    assert read_timew_export(renumbered).entries[0].external_id == first
    retagged = EXPORT.replace(b'"hiring"', b'"hire"')
    assert read_timew_export(retagged).entries[0].external_id != first


def test_timew_data_files_give_the_same_entries_and_ids_as_the_export() -> None:
    result = read_timew_data(DATA)
    assert [(e.start, e.duration, e.title, e.tags, e.where) for e in result.entries] == [
        (utc(2024, 12, 31, 16), 3600, "old annotation style", ("review",), "2024-12.data line 1"),
        (utc(2025, 1, 1, 9), 3600, "Phone screen", ("hiring", "multi word"), "2025-01.data line 1"),
        (utc(2025, 1, 1, 23, 30), 2700, "", ("ops",), "2025-01.data line 2"),
        (utc(2025, 1, 2, 8), 1800, "", (), "2025-01.data line 4"),
        (utc(2025, 1, 2, 9), 900, 'no tags, a "quoted" note', (), "2025-01.data line 5"),
        (utc(2025, 1, 2, 10), 600, "", ('say "hi"', "plain"), "2025-01.data line 6"),
    ]
    assert [(s.title, s.reason) for s in result.skipped] == [("writing", "open interval")]
    from_export = [e.external_id for e in read_timew_export(EXPORT).entries]
    assert [e.external_id for e in result.entries[1:3]] == from_export


def test_files_written_by_timewarrior_itself() -> None:
    folder = REAL / "timew"
    from_data = read_timew_data({path.name: path.read_bytes() for path in folder.iterdir()})
    from_export = read_timew_export((REAL / "timew-export.json").read_bytes())
    expected = [
        (utc(2025, 1, 1, 9), 3600, "Phone screen", ("hiring", "multi word", 'say "hi"')),
        (utc(2025, 1, 1, 23, 30), 2700, "", ("ops",)),
        (utc(2025, 1, 2, 8), 1800, 'a "quoted" note', ()),
    ]
    for result in (from_data, from_export):
        assert [(e.start, e.duration, e.title, e.tags) for e in result.entries] == expected
        assert [(s.title, s.reason) for s in result.skipped] == [("writing", "open interval")]
    assert [e.external_id for e in from_data.entries] == [
        e.external_id for e in from_export.entries
    ]


def test_escaped_emoji_and_tabs_are_fine() -> None:
    data = (
        b'[{"start":"20250101T090000Z","end":"20250101T100000Z","annotation":"\\ud83d\\ude00\\t"}]'
    )
    assert read_timew_export(data).entries[0].title == "\U0001f600\t"


def test_timew_export_with_a_final_comma_as_its_manual_shows() -> None:
    data = b'[\n{"id":1,"start":"20250101T090000Z","end":"20250101T100000Z"},\n]\n'
    assert len(read_timew_export(data).entries) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"start": "20250101T090000Z"}', "not a list of intervals"),
        (b"[1]", "interval 1: not an interval"),
        (b'[{"start":"2025-01-01","end":"20250101T100000Z"}]', "interval 1: the start is"),
        (b'[{"start":"20250101T090000Z","end":"20251301T100000Z"}]', "not a real date"),
        (b'[{"start":"20250101T090000Z","end":"20250102T100000Z"}]', "interval 1: the entry lasts"),
        (b'[{"start":"20250101T090000Z","end":"20250101T080000Z"}]', "ends before it starts"),
        (b'[{"start":"20250101T090000Z","tags":"a"}]', "not a list of texts"),
        (b'[{"start":"19690101T090000Z","end":"19690101T100000Z"}]', "outside 1970-01-02"),
        (b'[{"start":NaN}]', "NaN, which is not a number"),
        (b'[{"x":1e999}]', "too large a number"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[" + b"9" * 5000 + b"]", "cannot read"),
        (b"\xff\xfe[]", "not UTF-8"),
        (
            b'[{"start":"20250101T090000Z","end":"20250101T100000Z","annotation":"a\\ud800"}]',
            "interval 1: the text holds a lone surrogate (U+D800)",
        ),
        (
            b'[{"start":"20250101T090000Z","tags":["\\u001b[2J"]}]',
            "interval 1: the text holds a control",
        ),
        (b"[", "not valid JSON"),
    ],
)
def test_a_bad_timew_export_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)):
        read_timew_export(data)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"exc monday <9:00", "2025-01.data line 1: not an interval"),
        (b"inc", "no start time"),
        (b"inc 20250101T090000Z -", "nothing readable follows"),
        (b"inc 20250101T090000Z - 20250101T100000Z tag", "expected “#”"),
        (b'inc 20250101T090000Z - 20250101T100000Z # "open', "not closed"),
    ],
)
def test_a_bad_timew_data_line_is_refused_with_file_and_line(line: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)):
        read_timew_data({"2025-01.data": line + b"\n"})


def test_timew_export_out_reads_back_in() -> None:
    entries = [
        OutgoingEntry(utc(2025, 1, 2, 9), 1800, "Hiring", 'Said "hi"', ("Relationships",)),
        OutgoingEntry(utc(2025, 1, 1, 9), 3600, "Planning"),
    ]
    text = write_timew(entries)
    assert json.loads(text) == [
        {"id": 2, "start": "20250101T090000Z", "end": "20250101T100000Z", "tags": ["Planning"]},
        {
            "id": 1,
            "start": "20250102T090000Z",
            "end": "20250102T093000Z",
            "tags": ["Hiring", "Relationships"],
            "annotation": 'Said "hi"',
        },
    ]
    back = read_timew_export(text.encode()).entries
    assert [(e.start, e.duration, e.tags, e.title) for e in back] == [
        (utc(2025, 1, 1, 9), 3600, ("Planning",), ""),
        (utc(2025, 1, 2, 9), 1800, ("Hiring", "Relationships"), 'Said "hi"'),
    ]


# -- Watson ---------------------------------------------------------------------------------


def test_watson_frames_keep_their_ids() -> None:
    entries = read_watson_frames(FRAMES).entries
    assert [(e.start, e.duration, e.project, e.tags, e.title) for e in entries] == [
        (utc(2025, 1, 1, 9), 3600, "hiring", ("interview", "remote"), ""),
        (utc(2025, 1, 1, 23, 30), 2700, "ops", (), ""),
    ]
    assert [e.external_id for e in entries] == [
        "6f1d5bb1a2d34c8f9d0e7c2a11b0c3d4",
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    ]
    assert {e.source for e in entries} == {TimeSource.WATSON}
    assert read_watson_frames(FRAMES) == read_watson_frames(FRAMES)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{}", "not a list of frames"),
        (b'[[1735722000, 1735725600, "p"]]', "frame 1: not a frame"),
        (b'[[1735722000, 1735725600, 5, "id", []]]', "frame 1: the project"),
        (b'[[1735722000, 1735725600, "p", "", []]]', "frame 1: the frame has no id"),
        (b'[[1735722000, 1735725600, "p", "id", "tag"]]', "frame 1: the tags"),
        (b'[[true, 1735725600, "p", "id", []]]', "frame 1: the start is not a number"),
        (b'[[1735722000, 1735718400, "p", "id", []]]', "frame 1: the entry ends before"),
        (b'[[1735722000, 1735822000, "p", "id", []]]', "frame 1: the entry lasts"),
        (b'[[1e300, 1e300, "p", "id", []]]', "frame 1: the start is outside"),
        (b'[[99999999999999999999, 1, "p", "id", []]]', "frame 1: the date is outside"),
        (b'[[Infinity, 1, "p", "id", []]]', "Infinity, which is not a number"),
        (b"[" * 100_000, "nested too deeply"),
        (
            b'[[1735722000, 1735725600, "p\\udfff", "id", []]]',
            "frame 1 (id): the text holds a lone",
        ),
    ],
)
def test_a_bad_watson_file_is_refused_with_the_frame(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)):
        read_watson_frames(data)
