"""The operating manual's facts, and its sections about the role and its time (2 and 6).

Pure: `ManualFacts` holds what `services/manual.py` read from the store (the
figures of `store.figures`, deliveries, check-ins); the sections are worded
from it once, so the PDF, the Markdown and the HTML say the same thing. The
lanes' sections (outcomes, outputs, activities) are in `manual_lanes.py`.

Actual hours a week are the period's tracked hours over the weeks of the
period that have begun (a quarter read in its fifth week counts five weeks,
not thirteen); over "all time", the weeks since the first tracked week.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rolemap.domain.entities import Node, Role
from rolemap.domain.handbook import (
    NOTHING,
    Align,
    Block,
    Bullets,
    Cell,
    Column,
    Facts,
    Paragraph,
    Section,
    Share,
    Subheading,
    Table,
    Tag,
    hours,
    percent,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery
from rolemap.services.diagram_figures import DiagramFigures, path_sentences
from rolemap.store.figures import Figures

CADENCE_WORDS = {"week": "Weekly", "month": "Monthly", "quarter": "Quarterly"}


@dataclass(frozen=True)
class ManualFacts:
    """What the store gave for one role and period."""

    figures: Figures
    diagram: DiagramFigures
    deliveries: Sequence[Delivery]  # the role's, any date, oldest first
    checkins: Sequence[CheckIn]  # the role's, any date, oldest first
    today: dt.date
    first_day: dt.date | None  # where the period's time starts (see weeks_elapsed)

    @property
    def role_map(self) -> RoleMap:
        """The role's map."""
        return self.figures.role_map

    @property
    def period_label(self) -> str:
        """The period in words ("Q4 2026")."""
        return self.figures.period.label

    def weeks(self) -> float:
        """The weeks the period has run so far (see the module's docstring)."""
        return weeks_elapsed(self.figures.period, self.today, self.first_day)


def weeks_elapsed(period: Period, today: dt.date, first_day: dt.date | None) -> float:
    """Weeks from the period's start (or `first_day` when open) to its end or today.

    At least one day, so a period that starts today divides by a seventh of a week.
    """
    start = period.start or first_day or today
    tomorrow = today + dt.timedelta(days=1)
    end = tomorrow if period.end is None else min(period.end, tomorrow)
    return max(1, (end - start).days) / 7


# -- 2: the role ------------------------------------------------------------------------------


def role_section(role: Role, role_map: RoleMap) -> Section:
    """Purpose, the Holacracy fields, what drives the work, and the notes for a successor."""
    blocks: list[Block] = [
        Paragraph(role.purpose, emphasis=True)
        if role.purpose.strip()
        else Paragraph("No purpose written.", True),
        Facts(
            (
                ("Review cadence", CADENCE_WORDS.get(role.review_cadence, role.review_cadence)),
                ("Weekly capacity", hours(role.weekly_capacity)),
                ("Purposeful target", percent(role.purposeful_target)),
            )
        ),
    ]
    for heading, items in (
        ("Accountabilities", role.accountabilities),
        ("Domains", role.domains),
        ("Decision rights", role.decision_rights),
    ):
        blocks.append(Subheading(heading))
        blocks.append(Bullets(tuple(items)) if items else Paragraph("None recorded.", True))
    inputs = role_map.nodes_of(NodeKind.INPUT)
    if inputs:
        blocks.append(Subheading("Inputs"))
        blocks.append(Bullets(tuple(with_targets(role_map, node, "drives") for node in inputs)))
    blocks.append(Subheading("For my successor"))
    notes = role.successor_notes.strip()
    blocks.append(
        Paragraph(notes) if notes else Paragraph("Nothing written for a successor yet.", True)
    )
    return Section(
        "role",
        "Purpose, accountabilities and decision rights",
        tuple(blocks),
        lead="Why the role exists, what it answers for, and what it decides.",
    )


# -- 6: allocation ----------------------------------------------------------------------------


def allocation_section(facts: ManualFacts) -> Section:
    """Ideal against actual share per category; the purposeful share against its target."""
    figures = facts.figures
    role = facts.role_map.role
    total = figures.total_seconds / 3600
    share = figures.attribution.purposeful_share
    weekly = total / facts.weeks()
    blocks: list[Block] = [
        Facts(
            (
                ("Tracked", hours(total)),
                ("A week", f"{hours(weekly)} of {hours(role.weekly_capacity)}"),
                ("Purposeful share", percent(share)),
                ("Target", percent(role.purposeful_target)),
            )
        )
    ]
    spent = figures.category_seconds
    names = [c.name for c in role.categories]
    names += sorted(set(spent) - set(names))
    shown = []
    for name in names:
        ideal = role.ideal_allocation.get(name)
        seconds = spent.get(name, 0)
        if seconds or ideal:
            actual = seconds / figures.total_seconds if figures.total_seconds else None
            shown.append((name, seconds, actual, ideal))
    # The bars' whole: the largest share shown, up to the next ten per cent.
    largest = max((v for _, _, a, i in shown for v in (a, i) if v is not None), default=1.0)
    full = min(1.0, math.ceil(largest * 10 - 1e-9) / 10) or 1.0
    rows: list[tuple[Cell, ...]] = []
    for name, seconds, actual, ideal in shown:
        colour = role.category_colour(name)
        rows.append(
            (
                Tag(name, colour),
                hours(seconds / 3600) if seconds else NOTHING,
                Share(actual, ideal, colour, full),
                percent(ideal) if ideal is not None else NOTHING,
                _difference(actual, ideal),
            )
        )
    if rows:
        columns = (
            Column("Category"),
            Column("Hours", Align.RIGHT),
            Column("Actual share"),
            Column("Ideal", Align.RIGHT),
            Column("Difference", Align.RIGHT),
        )
        blocks.append(Table(columns, tuple(rows)))
    if share is None:
        blocks.append(Paragraph(f"No time was tracked in {facts.period_label}.", True))
    else:
        gap = round((share - role.purposeful_target) * 100)
        points = f"{abs(gap)} point{'s' if abs(gap) != 1 else ''}"
        verdict = "on target" if gap == 0 else f"{points} {'above' if gap > 0 else 'short'}"
        blocks.append(
            Paragraph(
                f"{percent(share)} of the time tracked in {facts.period_label} went to "
                f"activities that reach an outcome; the target is "
                f"{percent(role.purposeful_target)} ({verdict})."
            )
        )
        hours_by_id = {a: s / 3600 for a, s in figures.activity_seconds.items()}
        paths = path_sentences(facts.role_map, hours_by_id)
        if paths:
            blocks.append(Subheading("Heaviest lines of sight"))
            blocks.append(Bullets(tuple(paths)))
    return Section(
        "allocation",
        "Allocation",
        tuple(blocks),
        lead=f"Where the hours of {facts.period_label} went by category, against the ideal "
        "allocation, and how much of them reached an outcome.",
    )


def _difference(actual: float | None, ideal: float | None) -> str:
    if actual is None or ideal is None:
        return NOTHING
    points = round((actual - ideal) * 100)
    if points == 0:
        return "even"
    return f"{points:+d} point{'s' if abs(points) != 1 else ''}".replace("-", "−")


# -- shared -----------------------------------------------------------------------------------


def targets_of(role_map: RoleMap, node: Node) -> str:
    """The titles of what `node` leads to, "–" for nothing."""
    names = [role_map.nodes[link.target].title for link in role_map.outgoing(node.id)]
    return ", ".join(sorted(names, key=str.casefold)) or NOTHING


def with_targets(role_map: RoleMap, node: Node, verb: str) -> str:
    targets = targets_of(role_map, node)
    return node.title if targets == NOTHING else f"{node.title} — {verb} {targets}"


def detail_text(node: Node, name: str) -> str:
    value = node.detail(name)
    return value.strip() if isinstance(value, str) else ""


def counted(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"
