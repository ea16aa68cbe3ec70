"""How the Review tab words its figures: hours with one decimal, yields, on track or not.

Plain functions over plain values (no Qt), so that tests read the same words
the tables show. The exports keep their own wording (services/review_report.py,
render/review_pages.py): a page has less room than a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rolemap.domain.review_evidence import CheckPoint, OutcomeRow

GOOD = "#2e7d4f"
BAD = "#b3261e"
UNKNOWN = "#6b7685"


def hours(value: float) -> str:
    """ "12.5 h", "0.0 h": one decimal, always, so that columns line up."""
    return f"{value:.1f} h"


def yield_text(value: float | None) -> str:
    """ "2.0 per 10 h"; "–" without hours (or, for an activity, without an output to feed)."""
    return "–" if value is None else f"{value:.1f} per 10 h"


def percent(share: float | None) -> str:
    """ "35 %"; "–" for None."""
    return "–" if share is None else f"{share * 100:.0f} %"


def points(gap: float) -> str:
    """An allocation gap: "+16 points", "−9 points"."""
    value = round(gap * 100)
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{abs(value)} points"


def day_text(day: dt.date | str | None) -> str:
    """ "6 Nov 2026" (an ISO date given as text is read first); "–" for nothing."""
    if day is None or day == "":
        return "–"
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day[:10])
        except ValueError:
            return str(day)
    return f"{day.day} {day.strftime('%b')} {day.year}"


def value_text(value: float, unit: str) -> str:
    """ "64.5 %", "4.4 weeks", "3": the value as the person wrote it, with its unit."""
    shown = f"{value:g}"
    if not unit:
        return shown
    return f"{shown} {unit}" if unit != "%" else f"{shown} %"


def checkpoint_text(point: CheckPoint | None, unit: str) -> str:
    """ "64.5 % on 6 Nov 2026"; "–" without a check-in."""
    if point is None:
        return "–"
    return f"{value_text(point.value, unit)} on {day_text(point.day)}"


def movement_text(start: CheckPoint | None, end: CheckPoint | None, unit: str) -> str:
    """ "64.5 → 68.7 %", "4.4 weeks" (one check-in), "–" (none): where the outcome moved."""
    if start is None or end is None:
        point = start or end
        return "–" if point is None else value_text(point.value, unit)
    if start == end:
        return value_text(end.value, unit)
    return f"{start.value:g} → {value_text(end.value, unit)}"


def movement_tip(start: CheckPoint | None, end: CheckPoint | None, unit: str) -> str:
    """The check-ins with their days: "64.5 % on 6 Nov 2026, then 68.7 % on 27 Nov 2026"."""
    if start is None and end is None:
        return "No check-in yet."
    if start is None or end is None or start == end:
        return "One check-in: " + checkpoint_text(start or end, unit)
    return f"{checkpoint_text(start, unit)}, then {checkpoint_text(end, unit)}"


def target_text(row: OutcomeRow) -> str:
    """ "60 → 85 by 31 Mar 2027"; "–" without a target."""
    if row.target is None:
        return "–"
    start = "–" if row.baseline is None else f"{row.baseline:g}"
    due = f" by {day_text(row.due)}" if row.due else ""
    return f"{start} → {row.target:g}{due}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether an outcome is on track, as words, a sign and a colour (never the colour alone)."""

    text: str
    sign: str
    colour: str
    explanation: str

    @property
    def label(self) -> str:
        """ "✓ On track": what the cell shows and a screen reader reads."""
        return f"{self.sign} {self.text}"


def verdict(row: OutcomeRow) -> Verdict:
    """On track, behind, or not known, with the reason in a sentence."""
    if row.on_track is None:
        missing = [
            name
            for name, value in (
                ("a baseline", row.baseline),
                ("a target", row.target),
                ("a due date", row.due),
                ("a check-in", row.end),
            )
            if value is None
        ]
        why = (
            "It needs " + _and(missing) + " to tell."
            if missing
            else "Its line from baseline to target cannot be drawn."
        )
        return Verdict("Not known", "–", UNKNOWN, why)
    expected = "" if row.expected is None else value_text(round(row.expected, 2), row.unit)
    where = f" (the line stood at {expected} that day)" if expected else ""
    if row.on_track:
        return Verdict("On track", "✓", GOOD, f"On or ahead of the straight line to target{where}.")
    return Verdict("Behind", "✗", BAD, f"Behind the straight line to target{where}.")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


ACCOUNTABILITY_WORDS = {
    "served": "Served",
    "neglected": "Neglected: its outcomes got no time",
    "unserved": "No outcome serves it",
    "unknown": "Not on the role's list",
}


def accountability_status(status: str) -> str:
    """An accountability's status in words."""
    return ACCOUNTABILITY_WORDS.get(status, status)
