"""Every time parser, fed mutations of a valid file, returns sane entries or raises FormatError.

The mutations are what damaged or hostile files hold: flipped bytes, a cut
end, huge numbers, deep nesting, lone surrogates, control characters, byte
order marks, a rule that repeats every second. Whatever comes in, nothing but
FormatError leaves a parser, and what it returns obeys the ForeignEntry promises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.interchange.clockify_csv import read_clockify
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import ForeignFile
from rolemap.interchange.generic_csv import GenericColumns, read_generic_csv
from rolemap.interchange.ics import read_ics
from rolemap.interchange.timewarrior import read_timew_data, read_timew_export
from rolemap.interchange.toggl_csv import read_toggl
from rolemap.interchange.watson import read_watson_frames

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY, SUNDAY, ME = dt.date(2024, 10, 14), dt.date(2024, 10, 20), ("me@example.com",)
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
WORK_ICS = (Path(__file__).resolve().parents[1] / "data" / "time" / "work.ics").read_bytes()
TOGGL = (
    b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    b"End time,Duration,Tags,Amount (USD)\n"
    b"Ana,ana@x.org,Acme,Hiring,,Screen,No,2024-10-15,12:02:17,2024-10-15,12:47:17,00:45:00,"
    b'"a, b",1\n'
    b"Ana,ana@x.org,,Ops,,Deploy,No,2024-10-15,23:30:00,2024-10-16,00:15:00,00:45:00,,0\n"
)
CLOCKIFY = (
    b"Project,Client,Description,Task,User,Email,Tags,Start Date,Start Time,End Date,End Time,"
    b"Duration (h),Duration (decimal)\n"
    b'Hiring,Acme,Screen,,Ana,ana@x.org,"a, b",03/04/2024,10:23:52 AM,03/04/2024,11:08 AM,'
    b"0:45:00,0.75\n"
    b"Ops,,Deploy,,Ana,ana@x.org,,03/04/2024,14:05,03/04/2024,15:35,01:30:00\n"
)
GENERIC = (
    b"When,Until,What\n2024-03-05 14:05,2024-03-05T15:35:00+01:00,Plan\n"
    b"2024-03-05 23:30,00:15,Ops\n"
)
TIMEW_EXPORT = (
    b'[\n{"id":2,"start":"20250101T090000Z","end":"20250101T100000Z","tags":["a","b c"],'
    b'"annotation":"Screen"},\n{"id":1,"start":"20250102T080000Z","tags":["w"]}\n]\n'
)
TIMEW_DATA = (
    b'inc 20250101T090000Z - 20250101T100000Z # hiring "multi word" # "Phone \\"screen\\""\n'
    b"inc 20250101T233000Z - 20250102T001500Z # ops\ninc 20250102T110000Z # writing\n"
)
WATSON = (
    b'[[1735722000, 1735725600, "hiring", "6f1d5bb1", ["interview", "remote"], 1735725601],\n'
    b' [1735774200, 1735776900, "ops", "0a1b2c3d", [], 1735776901]]'
)

SPICE = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    "\ud800".encode("utf-8", "surrogatepass"),
    "é€😀".encode(),
    b"\x1b[2J",
    b"\r",
    b"\n",
    b"\\ud800",
    b"\\u001b",
    b"\x1b",
    b"\x7f",
    b"\t",
    b'"',
    b",",
    b";",
    b"#",
    b"9" * 400,
    b"-99999999999999999999",
    b"1e999",
    b"NaN",
    b"-Infinity",
    b"[" * 100_000,
    b"{" * 3000,
    b"99991231T235959Z",
    b"00000000T000000Z",
    b"12/31/9999",
    b"25:61:61 PM",
    b"\nBEGIN:VEVENT\n",
    b"\nEND:VCALENDAR\n",
    b"\nRRULE:FREQ=SECONDLY\n",
    b"\nRRULE:FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=1,2,3,4\n",
    b"\nDTSTART;VALUE=DATE:00010101\n",
    b"\nDTEND:99991231T235959Z\n",
    b"\nDURATION:P9999W\n",
    b"\nEXDATE:garbage\n",
    b"\nRECURRENCE-ID;RANGE=THISANDFUTURE:20241015T073000Z\n",
    b"\nATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com\n",
]


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "spice", "delete", "random", "repeat"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "spice":
            data[at:at] = draw(st.sampled_from(SPICE))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "random":
            data[at:at] = draw(st.binary(max_size=24))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(2, 50))
    return bytes(data)


@st.composite
def mutated_lines(draw: st.DrawFn, sample: bytes) -> bytes:
    """Whole-line damage that keeps most of the file readable, to reach the deeper checks."""
    lines = sample.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "twice", "swap", "value", "insert"]))
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "twice":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "value":
            cut = max(lines[i].rfind(b":"), lines[i].rfind(b","), lines[i].rfind(b" "))
            lines[i] = lines[i][: cut + 1] + draw(st.sampled_from(SPICE)).strip(b"\n")
        else:
            lines.insert(i, draw(st.sampled_from(SPICE)).strip(b"\n"))
    return b"\n".join(lines)


def survives(parse: Callable[[bytes], ForeignFile], data: bytes) -> None:
    try:
        result = parse(data)
    except FormatError as error:
        assert str(error)
        return
    for entry in result.entries:
        names = "".join((entry.title, entry.project, entry.calendar, entry.note, *entry.tags))
        assert not UNSAFE.search(names)
        assert EARLIEST <= entry.start < LATEST
        assert 0 <= entry.duration <= 24 * 3600
        assert entry.external_id
        assert entry.where


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated(WORK_ICS))
def test_ics_survives(data: bytes) -> None:
    survives(lambda d: read_ics(d, MONDAY, SUNDAY, BERLIN, ME), data)


@FUZZ
@given(mutated_lines(WORK_ICS))
def test_ics_survives_damaged_lines(data: bytes) -> None:
    survives(lambda d: read_ics(d, MONDAY, SUNDAY, BERLIN, ME), data)


@FUZZ
@given(st.one_of(mutated(TOGGL), mutated_lines(TOGGL)))
def test_toggl_survives(data: bytes) -> None:
    survives(lambda d: read_toggl(d, BERLIN), data)


@FUZZ
@given(st.one_of(mutated(CLOCKIFY), mutated_lines(CLOCKIFY)))
def test_clockify_survives(data: bytes) -> None:
    survives(lambda d: read_clockify(d, BERLIN), data)


@FUZZ
@given(st.one_of(mutated(GENERIC), mutated_lines(GENERIC)))
def test_generic_csv_survives(data: bytes) -> None:
    columns = GenericColumns(start="When", end="Until", title="What")
    survives(lambda d: read_generic_csv(d, columns, BERLIN), data)


@FUZZ
@given(mutated(TIMEW_EXPORT))
def test_timew_export_survives(data: bytes) -> None:
    survives(read_timew_export, data)


@FUZZ
@given(st.one_of(mutated(TIMEW_DATA), mutated_lines(TIMEW_DATA)))
def test_timew_data_survives(data: bytes) -> None:
    survives(lambda d: read_timew_data({"2025-01.data": d}), data)


@FUZZ
@given(mutated(WATSON))
def test_watson_survives(data: bytes) -> None:
    survives(read_watson_frames, data)
