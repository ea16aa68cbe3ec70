"""Question 3's suggestions: what the period's evidence says to adjust, as sentences.

Drawn from the evidence only (the same words in the window, the command line,
the Markdown and the PDF): unanchored activities by hours, outcomes that got
no time, the biggest gap between ideal and actual allocation, neglected and
unserved accountabilities, and accountabilities an outcome names that the
role does not list. Each list is capped; the rest is counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolemap.domain.review_evidence import Evidence

TOP = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One thing to consider: `kind` names the finding, `node_id` the node (if one)."""

    kind: str
    text: str
    node_id: str | None = None


def hours_text(hours: float) -> str:
    """ "12 h", "2.5 h", "0 h"."""
    return f"{hours:.0f} h" if hours >= 10 or hours == int(hours) else f"{hours:.1f} h"


def percent_text(share: float) -> str:
    """ "35 %"."""
    return f"{share * 100:.0f} %"


def review_suggestions(evidence: Evidence, top: int = TOP) -> list[Suggestion]:
    """The suggestions of question 3, most telling first within each kind."""
    found: list[Suggestion] = []
    busy = [r for r in evidence.unanchored if r.hours > 0]
    for row in busy[:top]:
        found.append(
            Suggestion(
                "unanchored",
                f"‘{row.title}’ took {hours_text(row.hours)} and leads to no outcome: link it "
                "to what it serves, or give it less time.",
                row.id,
            )
        )
    found += _rest(
        "unanchored", len(busy) - top, "more unanchored activity", "more unanchored activities"
    )
    unfed = evidence.unfed_outcomes
    if unfed and evidence.total_hours > 0:
        for row in unfed[:top]:
            found.append(
                Suggestion(
                    "unfed",
                    f"No time reached ‘{row.title}’ in this period.",
                    row.id,
                )
            )
        found += _rest("unfed", len(unfed) - top, "more outcome", "more outcomes")
    gap = evidence.biggest_gap
    if gap is not None and abs(gap.gap) >= 0.005:
        side = "under" if gap.gap < 0 else "over"
        found.append(
            Suggestion(
                "allocation",
                f"The biggest gap from the ideal allocation: {gap.category} got "
                f"{percent_text(gap.actual)} of the time against an ideal "
                f"{percent_text(gap.ideal)} ({abs(gap.gap) * 100:.0f} points {side}).",
            )
        )
    for duty in evidence.accountabilities:
        outcomes = ", ".join(f"‘{t}’" for t in duty.outcomes)
        if duty.status == "neglected":
            found.append(
                Suggestion(
                    "neglected",
                    f"Neglected accountability ‘{duty.name}’: its outcomes ({outcomes}) got no "
                    "time in this period.",
                )
            )
        elif duty.status == "unknown":
            found.append(
                Suggestion(
                    "unknown",
                    f"{outcomes} {'names' if len(duty.outcomes) == 1 else 'name'} the "
                    f"accountability ‘{duty.name}’, which the role does not list.",
                )
            )
    unserved = [f"‘{duty.name}’" for duty in evidence.unserved]
    if unserved:
        which = (
            f"the accountability {unserved[0]}"
            if len(unserved) == 1
            else f"the accountabilities {', '.join(unserved[:-1])} and {unserved[-1]}"
        )
        them = "it" if len(unserved) == 1 else "them"
        found.append(
            Suggestion(
                "unserved",
                f"No outcome serves {which}: say on each outcome which accountability it "
                f"serves, or ask whether the role still holds {them}.",
            )
        )
    return found


def _rest(kind: str, count: int, one: str, many: str) -> list[Suggestion]:
    return [Suggestion(kind, f"… and {count} {one if count == 1 else many}.")] if count > 0 else []
