"""Which activity imported time belongs to: the role's ordered mapping rules.

A rule reads one field of an imported entry (its title, project, one of its
tags, its calendar's name, or its number of attendees) and names the activity
it goes to. `map_entries` decides each entry in this order:

1. The rules, in the person's order: the first rule that matches wins. A tag
   rule matches when one of the entry's tags does; the first such tag (in the
   entry's order) is the one used.
2. Otherwise a name equal to an activity's title, ignoring case: the project,
   then the title, then each tag in order (the first tag that names an
   activity wins).
3. Otherwise the entry is unmatched (`activity_id` None).

The entry's note keeps what the mapping did not use: the title (unless it is
the activity's own title), the project likewise, the tags other than the one
that mapped, then the entry's own note. `unmatched_names` sums the unmatched
time by name for the person to assign, and `UnmatchedName.rule` turns an
assignment into a rule. Rules are stored as JSON through `to_dict`/`from_dict`.

A value is one line of text, like every title: no control character, no lone
surrogate. A pattern is a regular expression, searched without regard to
case. It is capped at 200 characters, refused when it could take forever
(`domain/rule_pattern.py`: `(a+)+`, `(a|a)+`, `.*.*.*` …), and it only ever
reads the first 1,000 characters of a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.rule_pattern import READ as _READ
from rolemap.domain.rule_pattern import compile_rule_pattern
from rolemap.domain.text import CONTROL

MAX_VALUE = 200
_COMPARISON = re.compile(r"^\s*(<=|>=|==|<|>|=)?\s*(\d{1,4})\s*$", re.ASCII)


class RuleField(StrEnum):
    """What part of an imported entry a rule reads."""

    TITLE = "title"
    PROJECT = "project"
    TAG = "tag"
    CALENDAR = "calendar"
    ATTENDEES = "attendees"


class RuleHow(StrEnum):
    """How a rule compares: equal text (any case), contained text, or a pattern."""

    TEXT = "text"
    CONTAINS = "contains"
    PATTERN = "pattern"


class NamedTime(Protocol):
    """What mapping reads of an imported entry (ForeignEntry has all of it)."""

    @property
    def duration(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def project(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def calendar(self) -> str: ...
    @property
    def attendees(self) -> int: ...
    @property
    def note(self) -> str: ...


@dataclass(frozen=True, slots=True)
class TimeRule:
    """Imported time whose `field` matches `value` goes to `activity_id`.

    For ATTENDEES the value is a count or a comparison ("2", "<=2", ">3") and
    `how` is TEXT. Building a rule checks it: InvalidValueError says what is wrong.
    """

    field: RuleField
    how: RuleHow
    value: str
    activity_id: str

    def __post_init__(self) -> None:
        if not self.value.strip():
            raise InvalidValueError("A rule needs a value to look for.")
        if len(self.value) > MAX_VALUE:
            raise InvalidValueError(f"A rule's value may be at most {MAX_VALUE} characters.")
        control = CONTROL.search(self.value)
        if control is not None:
            raise InvalidValueError(
                f"A rule's value holds a control character (U+{ord(control.group()):04X}), "
                "which Rolemap does not keep."
            )
        if not self.activity_id:
            raise InvalidValueError("A rule needs the activity the time goes to.")
        if self.field is RuleField.ATTENDEES:
            if self.how is not RuleHow.TEXT or _COMPARISON.match(self.value) is None:
                raise InvalidValueError(
                    f"‘{self.value}’ is not a number of attendees: write 2, <=2 or >3."
                )
        elif self.how is RuleHow.PATTERN:
            _pattern(self.value)

    def describe(self) -> str:
        """The rule as the person reads it: "title contains ‘1:1’"."""
        if self.field is RuleField.ATTENDEES:
            return f"attendees {self.value.strip()}"
        verb = {RuleHow.TEXT: "is", RuleHow.CONTAINS: "contains", RuleHow.PATTERN: "matches"}
        return f"{self.field.value} {verb[self.how]} ‘{self.value}’"

    def match(self, entry: NamedTime) -> str | None:
        """The name this rule matched in `entry` (the tag, for a tag rule); None if none."""
        if self.field is RuleField.ATTENDEES:
            return str(entry.attendees) if _compare(self.value, entry.attendees) else None
        if self.field is RuleField.TAG:
            return next((tag for tag in entry.tags if self._matches(tag)), None)
        name = getattr(entry, self.field.value)
        return name if name and self._matches(name) else None

    def to_dict(self) -> dict[str, str]:
        """The rule as plain JSON values."""
        return {
            "field": self.field.value,
            "how": self.how.value,
            "value": self.value,
            "activity_id": self.activity_id,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TimeRule:
        """The rule `to_dict` wrote; InvalidValueError for anything else."""
        values: dict[str, str] = {}
        for key in ("field", "how", "value", "activity_id"):
            value = data.get(key)
            if not isinstance(value, str):
                raise InvalidValueError(
                    "A rule needs a field, a comparison, a value and an activity."
                )
            values[key] = value
        try:
            field, how = RuleField(values["field"]), RuleHow(values["how"])
        except ValueError:
            raise InvalidValueError(
                f"Unknown rule ‘{values['field']}’/‘{values['how']}’: fields are "
                f"{', '.join(f.value for f in RuleField)}; comparisons "
                f"{', '.join(h.value for h in RuleHow)}."
            ) from None
        return cls(field, how, values["value"], values["activity_id"])

    def _matches(self, name: str) -> bool:
        text = name[:_READ].strip().casefold()
        wanted = self.value.strip().casefold()
        if self.how is RuleHow.TEXT:
            return text == wanted
        if self.how is RuleHow.CONTAINS:
            return wanted in text
        return _pattern(self.value).search(name[:_READ]) is not None


@dataclass(frozen=True, slots=True)
class Match:
    """Where one entry goes: the activity (None if unmatched), its note, and why ("rule 2")."""

    activity_id: str | None
    note: str
    by: str = ""


@dataclass(frozen=True, slots=True)
class UnmatchedName:
    """A name no rule or activity title took, with its total time and number of entries.

    `name` is "" for time that has no name at all (no project, tag or title): it is
    listed so that its hours show, but no rule can be made of it.
    """

    field: RuleField
    name: str
    seconds: int
    entries: int

    def rule(self, activity_id: str) -> TimeRule:
        """The rule that sends this name's time to `activity_id`."""
        return TimeRule(self.field, RuleHow.TEXT, self.name, activity_id)


def map_entries(
    entries: Iterable[NamedTime], activities: Mapping[str, str], rules: Sequence[TimeRule]
) -> list[Match]:
    """One Match per entry, in order (see the module's docstring for the order of tries).

    Args:
        entries: the imported entries.
        activities: the role's activities, id → title.
        rules: the role's rules, first match wins; a rule naming an unknown activity is passed over.
    """
    titles: dict[str, str] = {}
    for activity_id, title in activities.items():
        titles.setdefault(title.strip().casefold(), activity_id)
    live = [(n, rule) for n, rule in enumerate(rules, start=1) if rule.activity_id in activities]
    cache: dict[tuple[object, ...], Match] = {}
    matches = []
    for entry in entries:
        key = (entry.title, entry.project, entry.tags, entry.calendar, entry.attendees, entry.note)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _map_one(entry, activities, titles, live)
        matches.append(found)
    return matches


def unmatched_names(
    entries: Sequence[NamedTime], activities: Mapping[str, str], rules: Sequence[TimeRule]
) -> list[UnmatchedName]:
    """The unmatched time by name, most time first.

    An unmatched entry counts under its project, else its first tag, else its title:
    the name a person would make a rule of. Names differing only in case count as one.
    """
    spelled: dict[tuple[RuleField, str], str] = {}
    seconds: dict[tuple[RuleField, str], int] = {}
    counts: dict[tuple[RuleField, str], int] = {}
    for entry, match in zip(entries, map_entries(entries, activities, rules), strict=True):
        if match.activity_id is not None:
            continue
        field, name = _primary_name(entry)
        key = (field, name.casefold())
        spelled.setdefault(key, name)
        seconds[key] = seconds.get(key, 0) + entry.duration
        counts[key] = counts.get(key, 0) + 1
    named = [UnmatchedName(key[0], spelled[key], seconds[key], counts[key]) for key in spelled]
    return sorted(named, key=lambda u: (-u.seconds, u.name.casefold(), u.field.value))


def _map_one(
    entry: NamedTime,
    activities: Mapping[str, str],
    titles: Mapping[str, str],
    rules: Sequence[tuple[int, TimeRule]],
) -> Match:
    for number, rule in rules:
        name = rule.match(entry)
        if name is not None:
            used_tag = name if rule.field is RuleField.TAG else None
            note = _note(entry, activities[rule.activity_id], used_tag)
            return Match(rule.activity_id, note, f"rule {number}: {rule.describe()}")
    named = [(RuleField.PROJECT, entry.project), (RuleField.TITLE, entry.title)]
    for field, name in [*named, *((RuleField.TAG, tag) for tag in entry.tags)]:
        activity_id = titles.get(name.strip().casefold()) if name.strip() else None
        if activity_id is not None:
            used_tag = name if field is RuleField.TAG else None
            note = _note(entry, activities[activity_id], used_tag)
            return Match(activity_id, note, f"{field.value} ‘{name}’")
    return Match(None, _note(entry, "", None))


def _note(entry: NamedTime, activity_title: str, used_tag: str | None) -> str:
    same = activity_title.strip().casefold()
    parts = []
    if entry.title.strip() and entry.title.strip().casefold() != same:
        parts.append(entry.title.strip())
    if entry.project.strip() and entry.project.strip().casefold() != same:
        parts.append(f"project: {entry.project.strip()}")
    left = [t for t in entry.tags if t != used_tag and t.strip() and t.strip().casefold() != same]
    if left:
        parts.append(f"tags: {', '.join(left)}")
    if entry.note.strip():
        parts.append(entry.note.strip())
    return " · ".join(parts)


def _primary_name(entry: NamedTime) -> tuple[RuleField, str]:
    if entry.project.strip():
        return RuleField.PROJECT, entry.project.strip()
    if entry.tags:
        return RuleField.TAG, entry.tags[0]
    return RuleField.TITLE, entry.title.strip()


def _compare(comparison: str, count: int) -> bool:
    match = _COMPARISON.match(comparison)
    if match is None:
        return False
    operator, number = match[1] or "=", int(match[2])
    if operator == "<=":
        return count <= number
    if operator == ">=":
        return count >= number
    if operator == "<":
        return count < number
    if operator == ">":
        return count > number
    return count == number


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    """`text` compiled, or InvalidValueError with the reason (cached: rules run per entry)."""
    if len(text) > MAX_VALUE:
        raise InvalidValueError(f"A pattern may be at most {MAX_VALUE} characters.")
    return compile_rule_pattern(text)
