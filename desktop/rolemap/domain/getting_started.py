"""Getting started: the framework's four steps, and how far a role has come in each.

The person's "operating system" is a loop of four steps: audit a week,
design the ideal state, write the operating manual, review. Each step's
progress is read from plain facts about the role (gathered from the store by
`services/getting_started.py`) and said in short sentences, each ticked or
not, that the welcome page shows as they are. Nothing here knows about Qt or
SQL, so the rules for "done" are tested on their own.

A step is *done* when every one of its required checks is; *under way* when
anything of it exists; otherwise *not started*. Some checks are suggestions
(importing a calendar): shown, never required.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import reaching_outcome
from rolemap.domain.role_map import RoleMap

AUDIT_DAYS = 7  # the framework's audit: a week of tracked time
AUDIT_ENOUGH = 5  # days of the seven with time that make a working week audited
RUBRIC = ("clarity", "durability", "actionability")
ALLOCATION_SLACK = 0.005  # shares are rounded to 0.1 %; "adds up to 100 %" allows for it
CADENCE_WORDS = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}


class StepState(StrEnum):
    """How far a step has come."""

    NOT_STARTED = "not started"
    UNDER_WAY = "under way"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Check:
    """One line of a step: what the data shows, and whether that part is done.

    `done` is None for a line that only informs (the next review's date);
    `required` is False for a suggestion, which never holds a step back.
    """

    text: str
    done: bool | None
    required: bool = True


@dataclass(frozen=True, slots=True)
class Step:
    """One of the four steps, as the person reads it."""

    number: int
    key: str
    title: str
    summary: str
    state: StepState
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class AuditFacts:
    """Step 1: the person's own time in the last seven days (sample data left out)."""

    days_tracked: int
    calendar_imported: bool
    example_days: int = 0  # days of the seven with only the example's sample entries


@dataclass(frozen=True, slots=True)
class DesignFacts:
    """Step 2: what of the ideal state the map already says."""

    outcomes: int
    outcomes_with_target: int
    outputs: int
    outputs_with_rubric: int
    activities: int
    activities_anchored: int
    allocation_total: float


@dataclass(frozen=True, slots=True)
class ManualFacts:
    """Step 3: the last exports of the one-page diagram and the manual ("" when never)."""

    diagram_path: str = ""
    manual_path: str = ""
    manual_day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """Step 4: the role's review cadence and where it stands."""

    cadence: str
    due: dt.date
    is_due: bool
    in_progress: bool = False
    last_finished: dt.date | None = None


def design_facts(role_map: RoleMap) -> DesignFacts:
    """What the map says of the ideal state: targets, rubrics, lines of sight, allocation."""
    outcomes = role_map.nodes_of(NodeKind.OUTCOME)
    outputs = role_map.nodes_of(NodeKind.OUTPUT)
    activities = role_map.nodes_of(NodeKind.ACTIVITY)
    anchored = reaching_outcome(role_map)
    return DesignFacts(
        outcomes=len(outcomes),
        outcomes_with_target=sum(n.detail("target") is not None for n in outcomes),
        outputs=len(outputs),
        outputs_with_rubric=sum(all(n.detail(k) is not None for k in RUBRIC) for n in outputs),
        activities=len(activities),
        activities_anchored=sum(n.id in anchored for n in activities),
        allocation_total=sum(role_map.role.ideal_allocation.values()),
    )


def four_steps(
    audit: AuditFacts,
    design: DesignFacts,
    manual: ManualFacts,
    review: ReviewFacts,
    today: dt.date,
) -> tuple[Step, ...]:
    """The four steps with their checks and states, in the framework's order."""
    return (
        _step(
            1,
            "audit",
            "Audit a week",
            "Track where a week's time really goes before changing anything.",
            _audit_checks(audit),
            started=audit.days_tracked > 0 or audit.calendar_imported,
        ),
        _step(
            2,
            "design",
            "Design your ideal state",
            "Say which outcomes you drive, the outputs that lead there, and how "
            "your hours should be shared.",
            _design_checks(design),
            started=design.outcomes + design.outputs + design.activities > 0
            or design.allocation_total > 0,
        ),
        _step(
            3,
            "manual",
            "Write your operating manual",
            "Put the role on one page and into a manual you will actually open.",
            _manual_checks(manual, today),
            started=bool(manual.diagram_path or manual.manual_path),
        ),
        _step(
            4,
            "review",
            "Review and adjust",
            "Look back at set times: are the activities producing the outputs, and "
            "the outputs moving the outcomes?",
            _review_checks(review, today),
            started=review.in_progress or review.last_finished is not None,
            done=review.last_finished is not None and not review.is_due,
        ),
    )


def _step(
    number: int,
    key: str,
    title: str,
    summary: str,
    checks: tuple[Check, ...],
    *,
    started: bool,
    done: bool | None = None,
) -> Step:
    if done is None:
        done = all(c.done for c in checks if c.required and c.done is not None)
    state = StepState.DONE if done else StepState.UNDER_WAY if started else StepState.NOT_STARTED
    return Step(number, key, title, summary, state, checks)


def _audit_checks(audit: AuditFacts) -> tuple[Check, ...]:
    days = audit.days_tracked
    if days == 0:
        tracked = f"No time tracked in the last {AUDIT_DAYS} days"
    else:
        tracked = f"Time tracked on {days} of the last {AUDIT_DAYS} days"
    checks = [Check(tracked, days >= AUDIT_ENOUGH)]
    if audit.calendar_imported:
        checks.append(Check("Meetings imported from a calendar", True, required=False))
    else:
        checks.append(
            Check("No calendar imported yet: a calendar file fills in the meetings", False, False)
        )
    if audit.example_days:
        checks.append(Check("The example's sample entries are not counted", None, False))
    return tuple(checks)


def _design_checks(design: DesignFacts) -> tuple[Check, ...]:
    return (
        _share(
            design.outcomes_with_target,
            design.outcomes,
            ("outcome", "outcomes"),
            ("has a target", "have a target"),
        ),
        _share(
            design.outputs_with_rubric,
            design.outputs,
            ("output", "outputs"),
            (
                "is scored for clarity, durability and actionability",
                "are scored for clarity, durability and actionability",
            ),
        ),
        _share(
            design.activities_anchored,
            design.activities,
            ("activity", "activities"),
            ("leads to an outcome", "lead to an outcome"),
        ),
        _allocation(design.allocation_total),
    )


def _share(done: int, total: int, noun: tuple[str, str], verb: tuple[str, str]) -> Check:
    """ "3 of 4 outcomes have a target"; "No outcomes yet" when there are none."""
    if total == 0:
        return Check(f"No {noun[1]} yet", False)
    many = total > 1
    return Check(f"{done} of {total} {noun[many]} {verb[many]}", done == total)


def _allocation(total: float) -> Check:
    if total <= 0:
        return Check("No ideal allocation of hours set", False)
    if abs(total - 1) <= ALLOCATION_SLACK:
        return Check("Ideal allocation of hours set (100 %)", True)
    return Check(f"Ideal allocation adds up to {round(total * 100)} %, not 100 %", False)


def _manual_checks(manual: ManualFacts, today: dt.date) -> tuple[Check, ...]:
    diagram = (
        Check(f"One-page diagram exported ({_file_name(manual.diagram_path)})", True)
        if manual.diagram_path
        else Check("One-page diagram not exported yet", False)
    )
    if manual.manual_path:
        when = f" {day_words(manual.manual_day, today)}" if manual.manual_day else ""
        written = Check(f"Manual exported{when} ({_file_name(manual.manual_path)})", True)
    else:
        written = Check("Operating manual not exported yet", False)
    return diagram, written


def _review_checks(review: ReviewFacts, today: dt.date) -> tuple[Check, ...]:
    cadence = CADENCE_WORDS.get(review.cadence, review.cadence)
    if review.in_progress:
        next_one = Check("A review is under way: finish it in the Review tab", False)
    elif review.is_due:
        next_one = Check(f"A review is due (since {day_words(review.due, today)})", False)
    else:
        next_one = Check(f"Next review {day_words(review.due, today)} ({cadence})", None)
    if review.last_finished is None:
        last = Check("No review finished yet", False)
    else:
        last = Check(f"Last review finished {day_words(review.last_finished, today)}", True)
    return next_one, last


def day_words(day: dt.date, today: dt.date) -> str:
    """A date as a person says it near `today`: "today", "tomorrow", "on Mon 2 Dec"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    year = f" {day.year}" if day.year != today.year else ""
    return f"on {day.strftime('%a')} {day.day} {day.strftime('%b')}{year}"


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
