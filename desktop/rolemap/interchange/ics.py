"""iCalendar (.ics) in: the events of a date range as time spent.

`icalendar` parses the file and `recurring_ical_events` expands repeating
events (RRULE, RDATE, EXDATE, moved or cancelled instances by RECURRENCE-ID,
TZID and floating times, DURATION instead of DTEND); nothing of RFC 5545 is
written here. Floating times (no TZID, no `Z`) are on the wall clock of `tz`
unless the calendar names its zone (X-WR-TIMEZONE).

An event counts from its start: it is an entry when it starts within
`first`…`last` (days in `tz`). Left out, each with its reason:

- "cancelled": STATUS:CANCELLED, on the event or on one instance of a series;
- "all-day": a date without a time (unless `include_all_day`);
- "declined": an ATTENDEE whose address is one of `me` answered DECLINED;
- "free": TRANSP:TRANSPARENT (the calendar shows the time as free);
- "longer than a day": a multi-day event is not time spent (the file is still read);
- "outside the range": it overlaps the range but starts before it;
- "repeats too often": a rule that would make more than 100,000 instances up to
  the range's end (every minute, every second …), which no meeting does.

An event with neither DTEND nor DURATION lasts zero seconds. `attendees` is the
number of people in the meeting: the distinct ATTENDEE addresses plus the
ORGANIZER, rooms and resources left out; 0 for an event that invites nobody.

`external_id` is the UID for a single event, and the UID with the instance's
RECURRENCE-ID (its original start: `uid/20241015T073000Z`) for an instance of
a repeating event, so that a moved instance keeps its id; an event without
UID gets a digest of its title and times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Component
from icalendar.parser import Contentline

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
    Skipped,
    TimeSource,
    check_count,
    check_texts,
    decode_text,
    stable_id,
)

MAX_STEPS_PER_SERIES = 100_000
_TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
# FREQ → (rank, instances a day); a BY… part finer than the FREQ multiplies the instances.
_FREQ = {"SECONDLY": (0, 86400.0), "MINUTELY": (1, 1440.0), "HOURLY": (2, 24.0)}
_FREQ |= {"DAILY": (3, 1.0), "WEEKLY": (4, 1 / 7), "MONTHLY": (5, 1 / 28), "YEARLY": (6, 1 / 365)}
_PART_RANK = {"BYSECOND": 0, "BYMINUTE": 1, "BYHOUR": 2, "BYDAY": 3, "BYMONTHDAY": 3}
_PART_RANK |= {"BYYEARDAY": 3, "BYWEEKNO": 4, "BYMONTH": 5}


def read_ics(
    data: bytes,
    first: dt.date,
    last: dt.date,
    tz: dt.tzinfo,
    me: Collection[str] = (),
    include_all_day: bool = False,
) -> ForeignFile:
    """The events of an .ics file that start from `first` to `last` (days in `tz`).

    Args:
        data: the file's bytes.
        first: the first day to read.
        last: the last day to read (included).
        tz: the person's time zone: the days' bounds and floating times.
        me: the person's email addresses, to leave out events they declined.
        include_all_day: read all-day events as entries (24 h a day) instead of skipping them.

    Raises:
        FormatError: the file is not a readable calendar; the message names the event.
    """
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    first = max(first, dt.datetime.fromtimestamp(EARLIEST, dt.UTC).date())
    last = min(last, dt.datetime.fromtimestamp(LATEST - 86400, dt.UTC).date())
    text = decode_text(data, "calendar")
    if last < first:  # the whole range lies outside the years Rolemap keeps
        return ForeignFile()
    try:
        calendars = [c for c in Calendar.from_ical(text, multiple=True) if c.name == "VCALENDAR"]
    except Exception as error:  # icalendar raises ValueError, KeyError, … for bad lines
        raise FormatError(f"The calendar is not readable{_line_of(text)}: {error}"[:300]) from None
    if not calendars:
        raise FormatError(
            "No complete calendar found (BEGIN:VCALENDAR … END:VCALENDAR): "
            "is it an .ics file, or cut short?"
        )
    reader = _Reader(first, last, tz, {_address(m) for m in me}, include_all_day)
    for calendar in calendars:
        reader.read(calendar)
    reader.result.entries.sort(key=lambda entry: (entry.start, entry.external_id))
    return check_texts(reader.result, text)


class _Reader:
    """Reads the calendars of one file into one result, numbering events across them."""

    def __init__(
        self, first: dt.date, last: dt.date, tz: dt.tzinfo, me: set[str], all_day: bool
    ) -> None:
        self.tz, self.me, self.all_day = tz, me, all_day
        self.span_start = dt.datetime.combine(first, dt.time(), tzinfo=tz)
        self.span_stop = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=tz)
        self.result = ForeignFile()
        self.numbers: dict[str, int] = {}
        self.recurring: set[str] = set()
        self.seen_ids: set[str] = set()
        self.count = 0

    def read(self, calendar: Calendar) -> None:
        name = str(calendar.get("X-WR-CALNAME", "")).strip()
        kept: list[Component] = []
        for component in calendar.subcomponents:
            if component.name == "VEVENT" and not self._admit(component):
                continue
            kept.append(component)
        calendar.subcomponents = kept
        try:
            occurrences = recurring_ical_events.of(calendar).between(
                self.span_start, self.span_stop
            )
        except Exception as error:  # the expansion's own errors and icalendar's
            raise FormatError(self._culprit(calendar, error)) from None
        check_count(len(occurrences) + len(self.result.entries), "calendar")
        for occurrence in occurrences:
            try:
                self._add(occurrence, name)
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
                uid = str(occurrence.get("UID", ""))
                raise FormatError(f"{_where(self.numbers.get(uid, 0), uid)}: {error}") from None

    def _culprit(self, calendar: Calendar, error: Exception) -> str:
        """The message for an expansion that failed, naming the first event that fails alone."""
        others = [c for c in calendar.subcomponents if c.name != "VEVENT"]
        series: dict[str, list[Component]] = {}
        for component in calendar.subcomponents:
            if component.name == "VEVENT":
                series.setdefault(str(component.get("UID", "")).strip(), []).append(component)
        for uid, events in [("", []), *series.items()]:  # first the time zones alone
            trial = Calendar()
            trial.update(calendar)
            trial.subcomponents = others + events
            try:
                recurring_ical_events.of(trial).between(self.span_start, self.span_stop)
            except Exception as trial_error:
                if not events:
                    return f"The calendar's time zones cannot be read ({str(trial_error)[:160]})."
                where = _where(self.numbers.get(uid, 0) if uid else 0, uid)
                return f"{where}: the event cannot be read ({str(trial_error)[:160]})."
        return f"The calendar's events cannot be read: {str(error)[:200]}"

    def _admit(self, event: Component) -> bool:
        """Check one VEVENT; False for a series that would repeat too often to expand."""
        self.count += 1
        check_count(self.count, f"event {self.count}")
        uid = str(event.get("UID", "")).strip()
        where = _where(self.count, uid)
        self.numbers.setdefault(uid, self.count)
        for prop, message in getattr(event, "errors", []):
            if str(prop).upper() in _TIMING:
                raise FormatError(f"{where}: {prop} is not readable ({str(message)[:120]}).")
        for prop in ("UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "SEQUENCE"):
            if isinstance(event.get(prop), list):
                raise FormatError(f"{where}: the event has more than one {prop}.")
        start = _when(event, "DTSTART")
        if start is None:
            raise FormatError(f"{where}: the event has no start (DTSTART).")
        if any(key in event for key in ("RRULE", "RDATE", "RECURRENCE-ID")):
            self.recurring.add(uid)
        steps = sum(self._steps(rule, start) for rule in _listed(event.get("RRULE")))
        if steps > MAX_STEPS_PER_SERIES:
            title = str(event.get("SUMMARY", "")).strip()
            self.result.skipped.append(Skipped(title, None, 0, "repeats too often", where))
            return False
        return True

    def _steps(self, rule: Any, start: dt.date) -> float:
        """An upper bound of the instances a rule makes from its start to the range's end."""
        try:
            freq = str(rule.get("FREQ", [""])[0]).upper()
            until = rule.get("UNTIL", [None])[0]
            interval = max(1, int(rule.get("INTERVAL", [1])[0]))
            count = rule.get("COUNT", [None])[0]
        except (TypeError, ValueError, IndexError, AttributeError):
            return 0.0  # the expansion reports a broken rule itself
        stop = self.span_stop.date()
        if isinstance(until, dt.date):
            stop = min(stop, until if not isinstance(until, dt.datetime) else until.date())
        freq_rank, per_day = _FREQ.get(freq, (0, 0.0))
        estimate = max(0, (stop - _day(start)).days + 1) * per_day / interval
        for part, rank in _PART_RANK.items():
            if rule.get(part) and rank < freq_rank:
                estimate *= len(rule.get(part))
        if rule.get("BYDAY") and freq in ("MONTHLY", "YEARLY"):
            estimate *= 5 if freq == "MONTHLY" else 53  # "every Monday of the month/year"
        return min(estimate, float(count)) if isinstance(count, int) else estimate

    def _add(self, event: Component, calendar_name: str) -> None:
        uid = str(event.get("UID", "")).strip()
        title = str(event.get("SUMMARY", "")).strip()
        begin = _when(event, "DTSTART")
        if begin is None:
            raise ValueError("the event has no start (DTSTART)")
        end = _when(event, "DTEND")
        start = self._epoch(begin)
        duration = (self._epoch(end) if end is not None else start) - start
        where = _where(self.numbers.get(uid, 0) if uid else 0, uid)
        if isinstance(begin, dt.datetime):
            where += f" on {begin.astimezone(self.tz) if begin.tzinfo else begin:%Y-%m-%d %H:%M}"
        else:
            where += f" on {begin:%Y-%m-%d}"
        reason = self._reason(event, begin, start, duration)
        if reason:
            self.result.skipped.append(Skipped(title, start, max(0, duration), reason, where))
            return
        self.result.entries.append(
            ForeignEntry(
                start=start,
                duration=duration,
                title=title,
                external_id=self._external_id(event, uid, title, start, duration),
                source=TimeSource.ICS,
                where=where,
                calendar=calendar_name,
                attendees=_people(event),
            )
        )

    def _reason(self, event: Component, begin: dt.date, start: int, duration: int) -> str:
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return "cancelled"
        if not isinstance(begin, dt.datetime) and not self.all_day:
            return "all-day"
        if any(
            _address(str(a)) in self.me and str(a.params.get("PARTSTAT", "")).upper() == "DECLINED"
            for a in _listed(event.get("ATTENDEE"))
        ):
            return "declined"
        if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
            return "free"
        if duration > MAX_ENTRY_SECONDS:
            return "longer than a day"
        if not self.span_start.timestamp() <= start < self.span_stop.timestamp():
            return "outside the range"
        return ""

    def _external_id(
        self, event: Component, uid: str, title: str, start: int, duration: int
    ) -> str:
        if not uid:
            return "nouid/" + stable_id(title, str(start), str(duration))
        external_id = uid
        recurrence_id = _when(event, "RECURRENCE-ID")
        if uid in self.recurring and recurrence_id is not None:
            external_id = f"{uid}/{_stamp(recurrence_id)}"
        if external_id in self.seen_ids:
            # Instances after a RANGE=THISANDFUTURE change all carry that change's RECURRENCE-ID.
            external_id = f"{external_id}/{_stamp(dt.datetime.fromtimestamp(start, dt.UTC))}"
        self.seen_ids.add(external_id)
        return external_id

    def _epoch(self, value: dt.date) -> int:
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time(), tzinfo=self.tz)
        elif value.tzinfo is None:
            value = value.replace(tzinfo=self.tz)
        return int(value.timestamp())


def _line_of(text: str) -> str:
    """Where icalendar's refusal is: " (line 12)", the first line that cannot be placed."""
    stack: list[str] = []
    for number, line in _content_lines(text):
        try:
            name, _, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
        except Exception:  # the same refusal icalendar made, now with its line
            return f" (line {number})"
        if name.upper() == "BEGIN":
            stack.append(value.upper())
        elif name.upper() == "END":
            if not stack or stack.pop() != value.upper():
                return f" (line {number})"
        elif not stack:
            return f" (line {number})"
    return ""


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, unfolded content line) for each non-blank content line."""
    current, first = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1] in (" ", "\t") and current:
            current += line[1:]
            continue
        if current.strip():
            yield first, current
        current, first = line, number
    if current.strip():
        yield first, current


def _when(component: Component, name: str) -> dt.date | None:
    """The date or date-time of property `name`; None where it is missing or not a time."""
    prop: Any = component.get(name)
    value = getattr(prop, "dt", None)
    return value if isinstance(value, dt.date) else None


def _people(event: Component) -> int:
    attendees = [
        a
        for a in _listed(event.get("ATTENDEE"))
        if str(a.params.get("CUTYPE", "")).upper() not in ("ROOM", "RESOURCE")
    ]
    people = {_address(str(a)) for a in attendees}
    organizer = event.get("ORGANIZER")
    if people and organizer is not None:
        people.add(_address(str(organizer)))
    return len(people)


def _listed(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)


def _address(text: str) -> str:
    cleaned = text.strip().casefold()
    return cleaned[len("mailto:") :] if cleaned.startswith("mailto:") else cleaned


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _stamp(value: dt.date) -> str:
    if not isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d")
    if value.tzinfo is None:
        return value.strftime("%Y%m%dT%H%M%S")
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _where(number: int, uid: str) -> str:
    if not uid:
        return f"event {number}" if number else "an event without UID"
    shown = uid if len(uid) <= 60 else uid[:57] + "…"
    return f"event {number} (UID {shown})"
