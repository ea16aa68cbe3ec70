"""Toggl, Clockify and any-CSV time import: read by column name, exact times, stable ids."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from rolemap.interchange.clockify_csv import read_clockify
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import OutgoingEntry, TimeSource
from rolemap.interchange.generic_csv import (
    DurationUnit,
    GenericColumns,
    read_generic_csv,
    sniff_columns,
)
from rolemap.interchange.toggl_csv import EXPORT_HEADER, read_toggl, write_toggl

BERLIN = ZoneInfo("Europe/Berlin")

TOGGL = '''\
User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,\
Duration,Tags,Amount (USD)
Ana Lima,ana@example.com,Acme,Hiring,,Phone screen,No,2024-10-15,12:02:17,2024-10-15,12:47:17,\
00:45:00,"interview, remote",0.00
Ana Lima,ana@example.com,,Ops,,Deploy,No,2024-10-15,23:30:00,2024-10-16,00:15:00,00:45:00,,0.00
Ana Lima,ana@example.com,Acme,Hiring,,"Debrief, with ""quotes""",Yes,2024-10-16,09:00:00,\
2024-10-16,10:30:00,01:30:00,interview,150.00
'''

CLOCKIFY = """\
Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,\
End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)
Hiring,Acme,Phone screen,,Ana Lima,,ana@example.com,"interview, remote",No,03/04/2024,\
10:23:52 AM,03/04/2024,11:08:52 AM,00:45:00,0.75,0.00,0.00
Ops,,Deploy,,Ana Lima,,ana@example.com,,No,03/04/2024,11:30 PM,03/05/2024,12:15 AM,00:45:00,\
0.75,0.00,0.00
"""

CLOCKIFY_OTHER = """\
Type,Project,Description,Task,User,Email,Tags,Billable,Invoiced,Start Date,Start Time,End Date,\
End Time,Duration (h),Duration (decimal),Date of creation,Client
Regular,Hiring,Phone screen,,Ana Lima,ana@example.com,"interview, remote",No,No,03/04/2024,\
10:23:52,03/04/2024,11:08:52,00:45:00,0.75,03/04/2024,Acme
Regular,Ops,Review,,Ana Lima,ana@example.com,,No,No,03/04/2024,14:05,03/04/2024,15:35,01:30:00,\
1.50,03/04/2024
"""


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    return int(dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC).timestamp())


def reorder(text: str, order: list[int]) -> bytes:
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out).writerows([[row[i] for i in order] for row in rows])
    return out.getvalue().encode()


# -- Toggl ----------------------------------------------------------------------------------


def test_toggl_rows_read_by_name_with_a_trailing_amount_column() -> None:
    entries = read_toggl(TOGGL.encode(), BERLIN).entries
    assert [(e.start, e.duration, e.project, e.title, e.tags) for e in entries] == [
        (utc(2024, 10, 15, 10, 2, 17), 2700, "Hiring", "Phone screen", ("interview", "remote")),
        (utc(2024, 10, 15, 21, 30), 2700, "Ops", "Deploy", ()),
        (utc(2024, 10, 16, 7, 0), 5400, "Hiring", 'Debrief, with "quotes"', ("interview",)),
    ]
    assert [e.where for e in entries] == ["line 2", "line 3", "line 4"]
    assert {e.source for e in entries} == {TimeSource.TOGGL}
    assert len({e.external_id for e in entries}) == 3


def test_toggl_ids_survive_a_re_read_a_column_shuffle_and_a_time_zone() -> None:
    first = [e.external_id for e in read_toggl(TOGGL.encode(), BERLIN).entries]
    shuffled = reorder(TOGGL, [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
    assert [e.external_id for e in read_toggl(shuffled, BERLIN).entries] == first
    assert [e.external_id for e in read_toggl(TOGGL.encode(), dt.UTC).entries] == first
    assert read_toggl(shuffled, BERLIN) == read_toggl(TOGGL.encode(), BERLIN)


def test_toggl_without_end_columns_uses_the_duration() -> None:
    data = b"Start date,Start time,Duration,Description\n2024-10-15,09:00:00,01:30:00,Plan\n"
    (entry,) = read_toggl(data, dt.UTC).entries
    assert (entry.start, entry.duration, entry.title) == (utc(2024, 10, 15, 9), 5400, "Plan")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("User,Start time\nA,09:00\n", "line 1: the Toggl file has no column 'Start date'"),
        ("Start date,Start time,End time\n2024-13-01,09:00,10:00\n", "line 2: ‘2024-13-01’"),
        ("Start date,Start time,End time\n2024-10-01,25:00,10:00\n", "line 2: ‘25:00’"),
        ("Start date,Start time\n2024-10-01,09:00\n", "line 2: the entry has neither"),
        (
            "Start date,Start time,End date,End time\n2024-10-01,09:00,2024-10-02,09:30\n",
            "line 2: the entry lasts 1d",
        ),
        ("Start date,Start time,End time\n2024-10-01,10:00,09:00\n", "line 2: the entry ends"),
        ("Start date,Start time,End time\n1969-12-31,10:00,11:00\n", "line 2: the date is outside"),
        ("", "The Toggl file is empty"),
    ],
)
def test_a_bad_toggl_file_is_refused_with_the_line(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_toggl(text.encode(), dt.UTC)


def test_toggl_export_uses_the_import_header_and_neutralises_formulas() -> None:
    entries = [
        OutgoingEntry(utc(2024, 10, 15, 7, 30), 5400, "Hiring", "=SUM(A1)", ("interview",)),
        OutgoingEntry(utc(2024, 10, 15, 22, 0), 60, "+Ops", "-deploy", ("@team", "a b")),
        OutgoingEntry(utc(2024, 10, 16, 8, 0), 3600, "Plan", "\tnote"),
    ]
    text = write_toggl(entries, BERLIN, email="ana@example.com")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == EXPORT_HEADER
    assert rows[1] == [
        "ana@example.com",
        "Hiring",
        "",
        "",
        "'=SUM(A1)",
        "No",
        "2024-10-15",
        "09:30:00",
        "01:30:00",
        "interview",
    ]
    assert rows[2][1] == "'+Ops"
    assert rows[2][4] == "'-deploy"
    assert rows[2][6:10] == ["2024-10-16", "00:00:00", "00:01:00", "'@team, a b"]
    assert rows[3][4] == "'\tnote"


def test_toggl_export_reads_back() -> None:
    entries = [OutgoingEntry(utc(2024, 10, 15, 7, 30), 5400, "Hiring", "Phone screen", ("a",))]
    (back,) = read_toggl(write_toggl(entries, BERLIN).encode(), BERLIN).entries
    assert (back.start, back.duration, back.project, back.title, back.tags) == (
        utc(2024, 10, 15, 7, 30),
        5400,
        "Hiring",
        "Phone screen",
        ("a",),
    )


# -- Clockify -------------------------------------------------------------------------------


def test_clockify_rows_with_twelve_hour_times() -> None:
    entries = read_clockify(CLOCKIFY.encode(), BERLIN).entries
    assert [(e.start, e.duration, e.project, e.title, e.tags) for e in entries] == [
        (utc(2024, 3, 4, 9, 23, 52), 2700, "Hiring", "Phone screen", ("interview", "remote")),
        (utc(2024, 3, 4, 22, 30), 2700, "Ops", "Deploy", ()),
    ]
    assert {e.source for e in entries} == {TimeSource.CLOCKIFY}


def test_clockify_other_column_set_24_hour_times_and_a_short_row() -> None:
    entries = read_clockify(CLOCKIFY_OTHER.encode(), BERLIN).entries
    assert [(e.start, e.duration, e.project, e.title) for e in entries] == [
        (utc(2024, 3, 4, 9, 23, 52), 2700, "Hiring", "Phone screen"),
        (utc(2024, 3, 4, 13, 5), 5400, "Ops", "Review"),
    ]
    same = read_clockify(CLOCKIFY.encode(), BERLIN).entries[0]
    assert entries[0].external_id == same.external_id  # 10:23:52 AM and 10:23:52 agree


def test_clockify_day_first_dates_and_duration_columns() -> None:
    data = b"Start Date,Start Time,Duration (decimal),Description\n13/04/2024,09:00,1.5,x\n"
    with pytest.raises(FormatError, match=r"line 2: .*day-first"):
        read_clockify(data, dt.UTC)
    (entry,) = read_clockify(data, dt.UTC, day_first=True).entries
    assert (entry.start, entry.duration) == (utc(2024, 4, 13, 9), 5400)
    hms = b"Start Date,Start Time,Duration (h)\n2024-04-13,9:00 am,0:30:00\n"
    assert read_clockify(hms, dt.UTC).entries[0].duration == 1800


def test_clockify_refuses_a_bad_duration_with_the_line() -> None:
    data = b"Start Date,Start Time,Duration (decimal)\n04/13/2024,09:00,nan\n"
    with pytest.raises(FormatError, match="line 2"):
        read_clockify(data, dt.UTC)


# -- any CSV --------------------------------------------------------------------------------

GENERIC = """\
When,Until,What,Notes
2024-03-05 14:05,2024-03-05 15:35,Planning,quarterly
2024-03-05T16:00:00Z,2024-03-05T16:30:00Z,Email,
2024-03-05T09:00:00+02:00,10:00,Review,
2024-03-05 23:30,00:15,Deploy,night
"""


def test_generic_csv_with_start_and_end_columns() -> None:
    columns = GenericColumns(start="When", end="Until", title="What", note="Notes")
    entries = read_generic_csv(GENERIC.encode(), columns, BERLIN).entries
    assert [(e.start, e.duration, e.title, e.note) for e in entries] == [
        (utc(2024, 3, 5, 13, 5), 5400, "Planning", "quarterly"),
        (utc(2024, 3, 5, 16, 0), 1800, "Email", ""),
        (utc(2024, 3, 5, 7, 0), 3600, "Review", ""),  # 10:00 on the start's clock (+02:00)
        (utc(2024, 3, 5, 22, 30), 2700, "Deploy", "night"),
    ]
    again = read_generic_csv(GENERIC.encode(), columns, BERLIN).entries
    assert [e.external_id for e in entries] == [e.external_id for e in again]


@pytest.mark.parametrize(
    ("cell", "unit", "seconds"),
    [
        ("3600", DurationUnit.SECONDS, 3600),
        ("90", DurationUnit.MINUTES, 5400),
        ("1,5", DurationUnit.HOURS, 5400),
        ("1:30", DurationUnit.SECONDS, 5400),
        ("1:30:15", DurationUnit.SECONDS, 5415),
        ("1h30", DurationUnit.SECONDS, 5400),
        ("90m", DurationUnit.SECONDS, 5400),
    ],
)
def test_generic_csv_durations(cell: str, unit: DurationUnit, seconds: int) -> None:
    data = f'Start;Length;Activity\n2024-03-05 09:00;"{cell}";Plan\n'.encode()
    columns = GenericColumns(start="Start", duration="Length", title="Activity", duration_unit=unit)
    (entry,) = read_generic_csv(data, columns, dt.UTC).entries
    assert (entry.start, entry.duration, entry.title) == (utc(2024, 3, 5, 9), seconds, "Plan")


def test_sniff_columns_lists_the_header() -> None:
    assert sniff_columns(b"\xef\xbb\xbfWhen, Until ,What\n1,2,3\n") == ["When", "Until", "What"]
    assert sniff_columns(b"a;b;c\n") == ["a", "b", "c"]
    with pytest.raises(FormatError, match="no header"):
        sniff_columns(b"\n\n")


@pytest.mark.parametrize(
    ("text", "columns", "message"),
    [
        ("When,What\n", GenericColumns(start="When"), "Choose the start column"),
        ("When,What\n", GenericColumns(start="When", end="Until"), "no column 'Until'"),
        ("When,Until\nyesterday,10:00\n", GenericColumns("When", "Until"), "line 2: ‘yesterday’"),
        ("When,For\n2024-03-05 09:00,forever\n", GenericColumns("When", duration="For"), "line 2"),
        ("When,For\n2024-03-05 09:00,1e400\n", GenericColumns("When", duration="For"), "line 2"),
        ("When,For\n2024-03-05 09:00,25h\n", GenericColumns("When", duration="For"), "line 2"),
    ],
)
def test_a_bad_generic_csv_is_refused(text: str, columns: GenericColumns, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_generic_csv(text.encode(), columns, dt.UTC)


def test_a_control_character_in_a_name_is_refused_but_not_in_an_unread_column() -> None:
    header = "Start date,Start time,Duration,Description,Client\n"
    bad = header + "2024-10-15,09:00,1:00:00,Plan\x1b[2J,Acme\n"
    with pytest.raises(
        FormatError, match=r"line 2: the text holds a control character \(U\+001B\)"
    ):
        read_toggl(bad.encode(), dt.UTC)
    unread = header + "2024-10-15,09:00,1:00:00,Plan,Acme\x07\n"
    assert [e.title for e in read_toggl(unread.encode(), dt.UTC).entries] == ["Plan"]


def test_a_file_that_is_not_utf8_is_refused_saying_so() -> None:
    data = "Start date,Start time,Duration,Description\n2024-10-15,09:00,1:00:00,Café\n"
    with pytest.raises(FormatError, match="not UTF-8 text \\(line 2"):
        read_toggl(data.encode("cp1252"), dt.UTC)
