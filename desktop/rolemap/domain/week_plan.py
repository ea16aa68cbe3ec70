"""The week's plan as values: ISO weeks by name, planned hours, intended outputs, outcomes in focus.

A week is an ISO week in local time, named "2026-W49"; a name is checked
(2026-W54 does not exist, nor does 2025-W53). A role's plan for a week holds
planned hours per activity, the outputs the person intends to deliver (how
many, optionally by which day of the week) and the outcomes in focus. A week
without a stored plan shows the *prefill*: each activity's planned hours a
week; the first edit stores it, changed, as the week's plan.

Plans are immutable: an edit returns a changed copy, so an undo command can
hold the plan before and after. `check_plan` (domain/plan_check.py) says what
in a plan leads nowhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rolemap.domain.entities import Node
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import clean_text
from rolemap.domain.time_range import FIRST_DAY, LAST_DAY, RANGE_TEXT

MAX_WEEK_HOURS = 168.0
MAX_COUNT = 99
_WEEK_NAME = re.compile(r"^(?P<year>\d{4})-?[wW](?P<week>\d{1,2})$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# -- weeks --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Week:
    """An ISO week (Monday first) of a year; build it with `Week.of`, `Week.named` or
    `parse_week`, which check that it exists."""

    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Week:
        """The ISO week that holds `day`."""
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def named(cls, name: str) -> Week:
        """The week called `name` ("2026-W49"); InvalidValueError if there is no such week."""
        match = _WEEK_NAME.match(name.strip())
        if match is None:
            raise InvalidValueError(
                f"‘{name.strip()}’ is not a week: write it like 2026-W49 (ISO year and week)."
            )
        year, number = int(match["year"]), int(match["week"])
        if not FIRST_DAY.year <= year <= LAST_DAY.year:  # year 0 or 9999 breaks date arithmetic
            raise InvalidValueError(f"{year:04d}-W{number:02d} is outside the range: {RANGE_TEXT}.")
        weeks = weeks_in_year(year)
        if not 1 <= number <= weeks:
            raise InvalidValueError(
                f"‘{name.strip()}’ is not a week: {year} has weeks W01 to W{weeks}."
            )
        week = cls(year, number)
        if week.monday < FIRST_DAY or week.sunday > LAST_DAY:
            raise InvalidValueError(f"{week.name} is outside the range: {RANGE_TEXT}.")
        return week

    @property
    def name(self) -> str:
        """The week's name, "2026-W49" (as stored and exported)."""
        return f"{self.year:04d}-W{self.number:02d}"

    @property
    def monday(self) -> dt.date:
        """The week's first day."""
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        """The week's last day."""
        return self.monday + dt.timedelta(days=6)

    @property
    def days(self) -> tuple[dt.date, ...]:
        """The seven dates, Monday to Sunday."""
        monday = self.monday
        return tuple(monday + dt.timedelta(days=i) for i in range(7))

    @property
    def period(self) -> Period:
        """The week as a report period (local dates, Monday to the next Monday)."""
        return Period("week", self.monday, self.monday + dt.timedelta(days=7))

    @property
    def label(self) -> str:
        """The week in words: "week 49, 2026 (30 Nov – 6 Dec)"."""
        return self.period.label

    def shifted(self, weeks: int) -> Week:
        """The week `weeks` later (earlier when negative)."""
        return Week.of(self.monday + dt.timedelta(days=7 * weeks))

    def contains(self, day: dt.date) -> bool:
        """Whether a local date falls in this week."""
        return self.monday <= day <= self.sunday

    def __str__(self) -> str:
        return self.name


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO weeks of `year` (28 December is always in its last week)."""
    return dt.date(year, 12, 28).isocalendar()[1]


def parse_week(text: str, today: dt.date) -> Week:
    """A week as people give it: "2026-W49", a date in it ("2026-12-03"), "this", "next", "last".

    InvalidValueError for anything else, a week that does not exist, or one
    outside the range Rolemap keeps.
    """
    cleaned = text.strip().lower()
    relative = {"this": 0, "week": 0, "thisweek": 0, "next": 1, "nextweek": 1}
    relative |= {"last": -1, "lastweek": -1, "previous": -1}
    if cleaned in relative:
        return Week.named(Week.of(today).shifted(relative[cleaned]).name)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            day = dt.date.fromisoformat(cleaned)
        except ValueError:
            raise InvalidValueError(f"‘{text.strip()}’ is not a date.") from None
        return Week.named(Week.of(day).name)
    return Week.named(text.strip())  # quoted as typed if refused


# -- values people type ------------------------------------------------------------------


def parse_hours(text: str | float) -> float:
    """Planned hours: "4", "2.5", "2,5", "3h"; from 0 to 168. InvalidValueError otherwise."""
    cleaned = str(text).strip().lower()
    for unit in ("hours", "hour", "hrs", "hr", "h"):
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)].strip()
            break
    try:
        hours = float(cleaned.replace(",", "."))
    except ValueError:
        raise InvalidValueError(
            f"‘{str(text).strip()}’ is not a number of hours: give one like 4 or 2.5."
        ) from None
    return check_hours(hours, str(text).strip())


def check_hours(hours: float, shown: str | None = None) -> float:
    """Hours planned for one activity in one week: finite, 0 to 168, to a hundredth."""
    what = f"‘{shown}’" if shown is not None else f"{hours:g}"
    if isinstance(hours, bool) or not math.isfinite(hours):
        raise InvalidValueError(f"{what} is not a number of hours: give one like 4 or 2.5.")
    if hours < 0:
        raise InvalidValueError(f"Planned hours cannot be negative ({what}).")
    if hours > MAX_WEEK_HOURS:
        raise InvalidValueError(f"A week has {MAX_WEEK_HOURS:g} hours; {what} is more.")
    return round(float(hours), 2)


def parse_count(text: str | int) -> int:
    """How many deliveries of an output are intended: a whole number from 1 to 99."""
    cleaned = str(text).strip()
    if not re.fullmatch(r"\d+", cleaned) or not 1 <= int(cleaned) <= MAX_COUNT:
        raise InvalidValueError(
            f"‘{cleaned}’ is not a count: give a whole number from 1 to {MAX_COUNT}."
        )
    return int(cleaned)


def parse_day_in_week(text: str, week: Week) -> dt.date:
    """A day of `week`: a weekday ("thu", "Thursday") or a date in the week ("2026-12-03")."""
    cleaned = text.strip().lower()
    if len(cleaned) >= 2:
        names = [i for i, name in enumerate(_WEEKDAYS) if name.startswith(cleaned)]
        if len(names) == 1:
            return week.monday + dt.timedelta(days=names[0])
    try:
        day = dt.date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidValueError(
            f"‘{text.strip()}’ is not a day: give a weekday (mon … sun) or a date in {week.label}."
        ) from None
    return check_day_in_week(day, week)


def check_day_in_week(day: dt.date, week: Week) -> dt.date:
    """`day` if it falls in `week`; InvalidValueError naming the week's dates otherwise."""
    if not week.contains(day):
        raise InvalidValueError(f"{day.isoformat()} is not in {week.label}.")
    return day


# -- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedOutput:
    """An output the person intends to deliver in the week: how many, optionally by which day."""

    output_id: str
    count: int = 1
    by_day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """A role's plan for one week.

    `hours` maps activity ids to planned hours (> 0; an activity not in it has
    none planned); `outputs` are the intended deliveries in the order the
    person added them; `focus` the outcomes this week's work should move.
    """

    role_id: str
    week: Week
    hours: Mapping[str, float] = field(default_factory=dict)
    outputs: tuple[PlannedOutput, ...] = ()
    focus: tuple[str, ...] = ()
    note: str = ""

    @property
    def total_hours(self) -> float:
        """Every planned hour."""
        return round(sum(self.hours.values()), 2)

    def output(self, output_id: str) -> PlannedOutput | None:
        """The intended delivery of `output_id`, if the plan has one."""
        return next((o for o in self.outputs if o.output_id == output_id), None)

    # -- edits (each returns a changed copy) -------------------------------

    def with_hours(self, activity_id: str, hours: float) -> WeekPlan:
        """The plan with `hours` on an activity (0 takes the activity out)."""
        changed = dict(self.hours)
        changed.pop(activity_id, None)
        if check_hours(hours) > 0:
            changed[activity_id] = check_hours(hours)
        return dataclasses.replace(self, hours=changed)

    def with_output(self, intended: PlannedOutput) -> WeekPlan:
        """The plan intending `intended` (replacing an earlier intent for the same output)."""
        if not 1 <= intended.count <= MAX_COUNT:
            raise InvalidValueError(f"A count is a whole number from 1 to {MAX_COUNT}.")
        if intended.by_day is not None:
            check_day_in_week(intended.by_day, self.week)
        if self.output(intended.output_id) is None:
            return dataclasses.replace(self, outputs=(*self.outputs, intended))
        outputs = tuple(intended if o.output_id == intended.output_id else o for o in self.outputs)
        return dataclasses.replace(self, outputs=outputs)

    def without_output(self, output_id: str) -> WeekPlan:
        """The plan no longer intending `output_id`."""
        outputs = tuple(o for o in self.outputs if o.output_id != output_id)
        return dataclasses.replace(self, outputs=outputs)

    def with_focus(self, outcome_id: str) -> WeekPlan:
        """The plan with `outcome_id` in focus (added last if it was not)."""
        if outcome_id in self.focus:
            return self
        return dataclasses.replace(self, focus=(*self.focus, outcome_id))

    def without_focus(self, outcome_id: str) -> WeekPlan:
        """The plan with `outcome_id` out of focus."""
        return dataclasses.replace(self, focus=tuple(f for f in self.focus if f != outcome_id))

    def with_note(self, note: str) -> WeekPlan:
        """The plan with a note for the week (kept as typed, lines included)."""
        return dataclasses.replace(self, note=clean_text(note, "The week's note", 2000))

    def moved_to(self, week: Week) -> WeekPlan:
        """A copy for another week, each intended day moved by the same number of weeks."""
        shift = week.monday - self.week.monday
        outputs = tuple(
            dataclasses.replace(o, by_day=None if o.by_day is None else o.by_day + shift)
            for o in self.outputs
        )
        return dataclasses.replace(self, week=week, outputs=outputs)

    def on_map(self, role_map: RoleMap) -> WeekPlan:
        """The plan without what is no longer on the map (a deleted node's rows stay stored,
        unread, so that undoing the delete brings them back)."""

        def kind_of(node_id: str) -> NodeKind | None:
            node = role_map.nodes.get(node_id)
            return None if node is None else node.kind

        hours = {a: h for a, h in self.hours.items() if kind_of(a) is NodeKind.ACTIVITY}
        outputs = tuple(o for o in self.outputs if kind_of(o.output_id) is NodeKind.OUTPUT)
        focus = tuple(f for f in self.focus if kind_of(f) is NodeKind.OUTCOME)
        if (hours, outputs, focus) == (dict(self.hours), self.outputs, self.focus):
            return self
        return dataclasses.replace(self, hours=hours, outputs=outputs, focus=focus)

    def rekeyed(self, ids: Mapping[str, str]) -> WeekPlan:
        """A copy whose role and node ids are replaced through `ids` (an import's new ids)."""

        def key(old: str) -> str:
            return ids.get(old, old)

        return dataclasses.replace(
            self,
            role_id=key(self.role_id),
            hours={key(a): h for a, h in self.hours.items()},
            outputs=tuple(dataclasses.replace(o, output_id=key(o.output_id)) for o in self.outputs),
            focus=tuple(key(f) for f in self.focus),
        )


def planned_hours_of(node: Node) -> float:
    """An activity's planned hours a week (its field), 0 when unset or unreadable."""
    value = node.detail("planned_hours")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0.0
    return min(max(float(value), 0.0), MAX_WEEK_HOURS)


def prefill(role_map: RoleMap, week: Week) -> WeekPlan:
    """What a week without a plan shows: each activity's planned hours a week, nothing else."""
    hours = {
        node.id: round(planned_hours_of(node), 2)
        for node in role_map.nodes_of(NodeKind.ACTIVITY)
        if planned_hours_of(node) > 0
    }
    return WeekPlan(role_map.role.id, week, hours)


def category_of(node: Node) -> str:
    """An activity's category as the figures count it ("Other" when unset)."""
    return str(node.detail("category") or "Other")


def hours_by_category(role_map: RoleMap, hours: Mapping[str, float]) -> dict[str, float]:
    """Activity hours summed per category (ids that are not activities of the map are skipped)."""
    totals: dict[str, float] = {}
    for activity_id, amount in hours.items():
        node = role_map.nodes.get(activity_id)
        if node is not None and node.kind is NodeKind.ACTIVITY:
            name = category_of(node)
            totals[name] = totals.get(name, 0.0) + amount
    return totals


def week_days(week: Week) -> Iterable[tuple[str, dt.date]]:
    """(short weekday name, date) for each day of the week: ("Mon", 2026-11-30), …"""
    return ((name[:3].capitalize(), day) for name, day in zip(_WEEKDAYS, week.days, strict=True))
