"""iCalendar import: what counts as time spent, exact times and stable ids, bad files named."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import ForeignEntry, ForeignFile, TimeSource
from rolemap.interchange.ics import read_ics

WORK = (Path(__file__).resolve().parents[1] / "data" / "time" / "work.ics").read_bytes()
LONDON = ZoneInfo("Europe/London")
MONDAY, SUNDAY = dt.date(2024, 10, 14), dt.date(2024, 10, 20)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    return int(dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC).timestamp())


def week(
    data: bytes = WORK,
    tz: dt.tzinfo = LONDON,
    me: tuple[str, ...] = (),
    include_all_day: bool = False,
) -> ForeignFile:
    return read_ics(data, MONDAY, SUNDAY, tz, me, include_all_day)


def by_title(result: ForeignFile) -> dict[str, list[ForeignEntry]]:
    found: dict[str, list[ForeignEntry]] = {}
    for entry in result.entries:
        found.setdefault(entry.title, []).append(entry)
    return found


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_a_repeating_event_with_tzid_expands_without_its_exdate() -> None:
    standups = by_title(week(me=("me@example.com",)))["Team standup"]
    # 14th and 18th; the 15th moved, the 16th is an EXDATE, the 17th cancelled.
    assert [(e.start, e.duration) for e in standups] == [
        (utc(2024, 10, 14, 7, 30), 900),
        (utc(2024, 10, 18, 7, 30), 900),
    ]
    assert [e.external_id for e in standups] == [
        "standup@example.com/20241014T073000Z",
        "standup@example.com/20241018T073000Z",
    ]
    assert {e.calendar for e in standups} == {"Work"}
    assert {e.attendees for e in standups} == {3}
    assert {e.source for e in standups} == {TimeSource.ICS}


def test_a_moved_instance_keeps_the_id_of_its_original_start() -> None:
    (moved,) = by_title(week())["Team standup (moved)"]
    assert (moved.start, moved.duration) == (utc(2024, 10, 15, 9, 0), 1800)
    assert moved.external_id == "standup@example.com/20241015T073000Z"


def test_duration_floating_time_and_no_dtend() -> None:
    found = by_title(week())
    (one_to_one,) = found["1:1 Alice"]
    assert (one_to_one.start, one_to_one.duration, one_to_one.attendees) == (
        utc(2024, 10, 14, 13, 0),
        2700,
        2,
    )
    assert one_to_one.external_id == "one-to-one@example.com"
    (focus,) = found["Focus time"]
    assert (focus.start, focus.duration) == (utc(2024, 10, 14, 14, 0), 7200)  # 15:00 BST
    (reminder,) = found["Send the report"]
    assert (reminder.start, reminder.duration) == (utc(2024, 10, 15, 8, 0), 0)


def test_floating_times_follow_the_given_time_zone() -> None:
    (focus,) = by_title(week(tz=dt.UTC))["Focus time"]
    assert focus.start == utc(2024, 10, 14, 15, 0)


def test_what_is_left_out_and_why() -> None:
    result = week(me=("Me@Example.COM",))
    reasons = sorted((s.title, s.reason, s.start) for s in result.skipped)
    assert reasons == [
        ("All hands", "declined", utc(2024, 10, 16, 14, 0)),
        ("Conference", "longer than a day", utc(2024, 10, 17, 8, 0)),
        ("Lunch", "free", utc(2024, 10, 14, 10, 0)),
        ("Offsite", "all-day", utc(2024, 10, 15, 23, 0)),
        ("Team standup", "cancelled", utc(2024, 10, 17, 7, 30)),
        ("Vendor call", "cancelled", utc(2024, 10, 17, 10, 0)),
    ]
    assert all("event" in s.where and "UID" in s.where for s in result.skipped)
    assert "All hands" not in by_title(result)


def test_an_event_is_declined_only_by_the_given_addresses() -> None:
    (all_hands,) = by_title(week(me=("someone@else.org",)))["All hands"]
    assert all_hands.attendees == 2


def test_all_day_events_can_be_included() -> None:
    (offsite,) = by_title(week(include_all_day=True))["Offsite"]
    assert (offsite.start, offsite.duration) == (utc(2024, 10, 15, 23, 0), 86400)
    assert offsite.external_id == "offsite@example.com"


def test_ids_are_stable_across_reads_and_ranges() -> None:
    once = {e.external_id: e.start for e in week().entries}
    again = {e.external_id: e.start for e in week().entries}
    wider = read_ics(WORK, dt.date(2024, 10, 1), dt.date(2024, 10, 31), LONDON)
    assert once == again
    assert once.items() <= {e.external_id: e.start for e in wider.entries}.items()
    assert len(once) == len(week().entries)


def test_only_events_starting_in_the_range_are_entries() -> None:
    data = calendar(
        "UID:late\r\nSUMMARY:Late deploy\r\nDTSTART:20241013T230000Z\r\nDTEND:20241014T010000Z",
        "UID:after\r\nSUMMARY:Next week\r\nDTSTART:20241021T090000Z\r\nDTEND:20241021T100000Z",
    )
    result = read_ics(data, MONDAY, SUNDAY, dt.UTC)
    assert result.entries == []
    assert [(s.title, s.reason) for s in result.skipped] == [("Late deploy", "outside the range")]
    (late,) = read_ics(data, dt.date(2024, 10, 13), MONDAY, dt.UTC).entries
    assert (late.start, late.duration) == (utc(2024, 10, 13, 23, 0), 7200)


def test_a_series_changed_this_and_future_gets_distinct_ids() -> None:
    data = calendar(
        "UID:s\r\nSUMMARY:Sync\r\nDTSTART:20241014T090000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY",
        "UID:s\r\nSUMMARY:Sync\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:20241016T090000Z\r\n"
        "DTSTART:20241016T100000Z\r\nDURATION:PT30M\r\nSEQUENCE:1",
    )
    ids = [e.external_id for e in read_ics(data, MONDAY, SUNDAY, dt.UTC).entries]
    assert len(ids) == 7
    assert len(set(ids)) == 7
    assert ids == [e.external_id for e in read_ics(data, MONDAY, SUNDAY, dt.UTC).entries]


def test_a_rule_repeating_every_second_is_skipped_quickly() -> None:
    data = calendar(
        "UID:x\r\nSUMMARY:Tick\r\nDTSTART:20240101T000000Z\r\nRRULE:FREQ=SECONDLY",
        "UID:y\r\nSUMMARY:Real\r\nDTSTART:20241014T090000Z\r\nDTEND:20241014T100000Z",
    )
    started = time.perf_counter()
    result = read_ics(data, MONDAY, SUNDAY, dt.UTC)
    assert time.perf_counter() - started < 2
    assert [e.title for e in result.entries] == ["Real"]
    assert [(s.title, s.reason) for s in result.skipped] == [("Tick", "repeats too often")]


def test_an_event_without_uid_gets_a_stable_id() -> None:
    data = calendar("SUMMARY:Ad hoc\r\nDTSTART:20241014T090000Z\r\nDTEND:20241014T100000Z")
    (first,) = read_ics(data, MONDAY, SUNDAY, dt.UTC).entries
    (second,) = read_ics(data, MONDAY, SUNDAY, dt.UTC).entries
    assert first.external_id == second.external_id
    assert first.external_id.startswith("nouid/")


def test_a_range_outside_the_years_rolemap_keeps_reads_nothing() -> None:
    assert read_ics(WORK, dt.date(2150, 1, 1), dt.date(2150, 12, 31), dt.UTC).entries == []
    assert len(read_ics(WORK, dt.date(1900, 1, 1), SUNDAY, LONDON).entries) == len(week().entries)
    with pytest.raises(ValueError, match="ends"):
        read_ics(WORK, SUNDAY, MONDAY, dt.UTC)


def test_a_byte_order_mark_is_accepted() -> None:
    assert len(week(b"\xef\xbb\xbf" + WORK).entries) == len(week().entries)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello", "not readable"),
        (b"", "No complete calendar found"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n", "cut short"),
        ("Caf\xe9".encode("latin-1"), "not UTF-8"),
        (calendar("UID:bad\r\nSUMMARY:x\r\nDTSTART:2024XX"), "event 1 (UID bad): DTSTART"),
        (calendar("UID:nostart\r\nSUMMARY:x"), "event 1 (UID nostart): the event has no start"),
        (
            calendar("UID:r\r\nDTSTART:20241014T090000Z\r\nRRULE:FREQ=NEVER"),
            "event 1 (UID r): RRULE",
        ),
    ],
)
def test_a_broken_calendar_is_refused_with_the_place(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)):
        read_ics(data, MONDAY, SUNDAY, dt.UTC)
