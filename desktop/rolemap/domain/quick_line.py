"""One line of quick entry read into its parts: "Mentoring sessions 45m yesterday 10:00 notes…".

Time trackers (Toggl, Watson, Timewarrior) take what was done and how long
on one line; this is Rolemap's reading of such a line, shared by the Track
tab's quick entry and anything else that logs from text.

    line      = activity duration [when] [note]
    activity  = the leading words that name one activity of the role: its
                title, or a part of a title no other activity has (matched
                as `record_rules.find_by_title` matches names, ignoring case).
                When several splits of the line would do, the longest
                activity part wins ("Top 10 customers 45m" is the activity
                "Top 10 customers", not "Top" for 10 minutes).
    duration  = any of `durations.parse_duration`'s forms: 45m, 1h30, 1:30,
                1.5h, 90 (minutes), 2h 15m, 2 hours
    when      = when it started, in `periods.parse_when`'s forms: 14:05,
                yesterday 9:30, 2024-03-05 14:05, 2024-03-05T14:05; a day alone
                (today, yesterday, 2024-03-05) keeps the clock times the entry
                would have had today. Without a when, the entry ends now.
    note      = the rest of the line, as typed

Pure functions over the role's nodes: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rolemap.domain.durations import EXAMPLES, format_duration, parse_duration
from rolemap.domain.entities import Node
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import parse_when
from rolemap.domain.record_rules import find_by_title

# A word that is meant as a duration even when it is not a valid one ("0", "25h", "1:75"),
# so that its refusal is reported instead of reading it as part of a title or the note.
_DURATION_LIKE = re.compile(r"^(?:\d+(?:[.,:]\d*)?|[.,]\d+)(?:[a-z]+\d*[a-z]*)?$", re.IGNORECASE)
# The second word of a two-word duration ("2h 15m", "2 hours", "45 min") carries a unit.
_UNIT_WORD = re.compile(r"^(?:\d+(?:[.,]\d+)?)?(?:m|mins?|minutes?|h|hrs?|hours?)$", re.IGNORECASE)
_DAY = re.compile(r"^(?:today|yesterday|\d{4}-\d{2}-\d{2})$", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_DAY_AND_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{1,2}:\d{2}(?::\d{2})?$")
HINT = "Type the activity, then how long: ‘Code reviews 45m’."


@dataclass(frozen=True)
class QuickLine:
    """A line read: the activity, seconds, the start (UTC seconds; None: ends now), the note."""

    activity: Node
    seconds: int
    start: int | None
    note: str


@dataclass(frozen=True)
class _Word:
    text: str
    begin: int
    end: int


def parse_quick_line(text: str, nodes: Iterable[Node], now: dt.datetime) -> QuickLine:
    """Read one quick-entry line against the role's `nodes`; `now` is aware, in the local zone.

    Raises:
        InvalidValueError: with the sentence to show — no duration, an unknown or
            ambiguous activity (naming the candidates), a bad duration or time.
    """
    words = [_Word(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    activities = [n for n in nodes if n.kind is NodeKind.ACTIVITY]
    splits = [k for k in range(1, len(words)) if _DURATION_LIKE.match(words[k].text)]
    if not words:
        raise InvalidValueError(HINT)
    if not splits:
        raise InvalidValueError(f"‘{text.strip()}’ has no duration. {HINT[:-1]} ({EXAMPLES}).")
    chosen: tuple[int, Node] | None = None
    first_refusal: InvalidValueError | None = None
    for k in sorted(splits, reverse=True):  # the longest activity part that names one
        name = text[words[0].begin : words[k - 1].end]
        try:
            chosen = (k, find_by_title(activities, NodeKind.ACTIVITY, name))
            break
        except InvalidValueError as refusal:
            first_refusal = refusal  # the last one tried is the shortest part
    if chosen is None:
        assert first_refusal is not None
        raise first_refusal
    k, activity = chosen
    seconds, after = _duration(words, k)
    start, after = _when(words, after, seconds, now)
    note = text[words[after].begin :].strip() if after < len(words) else ""
    return QuickLine(activity, seconds, start, note)


def still_typing_activity(text: str, nodes: Iterable[Node]) -> bool:
    """Whether the whole line is (so far) part of an activity's title: nothing to read yet."""
    typed = " ".join(text.split()).casefold()
    return bool(typed) and any(
        typed in n.title.casefold() for n in nodes if n.kind is NodeKind.ACTIVITY
    )


def describe(line: QuickLine, now: dt.datetime) -> str:
    """The line as it will be saved, in words: "45m on ‘Mentoring sessions’, 10:00–10:45"."""
    start = line.start if line.start is not None else int(now.timestamp()) - line.seconds
    begin = dt.datetime.fromtimestamp(start, now.tzinfo)
    end = dt.datetime.fromtimestamp(start + line.seconds, now.tzinfo)
    if begin.date() == now.date():
        day = ""
    elif begin.date() == now.date() - dt.timedelta(days=1):
        day = "yesterday "
    else:
        day = f"{begin.date().isoformat()} "
    text = (
        f"{format_duration(line.seconds)} on ‘{line.activity.title}’, "
        f"{day}{begin:%H:%M}–{end:%H:%M}"
    )
    return f"{text}, note “{line.note}”" if line.note else text


def _duration(words: Sequence[_Word], k: int) -> tuple[int, int]:
    """The seconds of the duration at word k, and the index of the word after it."""
    if k + 1 < len(words) and _UNIT_WORD.match(words[k + 1].text):
        try:
            return parse_duration(f"{words[k].text} {words[k + 1].text}"), k + 2
        except InvalidValueError:
            pass
    return parse_duration(words[k].text), k + 1


def _when(words: Sequence[_Word], k: int, seconds: int, now: dt.datetime) -> tuple[int | None, int]:
    """The start given at word k (None if none is), and the index of the word after it."""
    if k >= len(words):
        return None, k
    first = words[k].text
    second = words[k + 1].text if k + 1 < len(words) else ""
    if _DAY.match(first) and _TIME.match(second):
        return int(parse_when(f"{first} {second}", now).timestamp()), k + 2
    if _TIME.match(first) or _DAY_AND_TIME.match(first):
        return int(parse_when(first, now).timestamp()), k + 1
    if _DAY.match(first):
        day = parse_when(first, now).date()
        clock = (now - dt.timedelta(seconds=seconds)).timetz()
        moment = dt.datetime.combine(day, clock.replace(tzinfo=None), tzinfo=now.tzinfo)
        return int(moment.timestamp()), k + 1
    return None, k
