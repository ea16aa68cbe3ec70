"""The operating manual's sections about the map's lanes: outcomes, outputs, activities (3–5).

Pure, like `manual_sections.py`, whose `ManualFacts` they read: each
outcome with its target and its latest check-ins as a trend; each output
with its quality rubric, then the evidence list of the period (the lottery
test: what would remain if the person disappeared tomorrow); each activity
with its planned and actual hours a week and what it feeds.
"""

from __future__ import annotations

import datetime as dt

from rolemap.domain.describe import number
from rolemap.domain.entities import Node
from rolemap.domain.handbook import (
    NOTHING,
    Align,
    Block,
    Cell,
    Column,
    Paragraph,
    Reference,
    Section,
    Subheading,
    Table,
    Tag,
    Trend,
    hours,
    long_date,
    short_date,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import check_purpose
from rolemap.services.manual_sections import ManualFacts, counted, detail_text, targets_of

TREND_POINTS = 8  # check-ins on a trend line: enough for a shape, few enough to read
EVIDENCE_ROWS = 1000  # deliveries listed in full; more are counted, not listed


# -- 3: outcomes ------------------------------------------------------------------------------


def outcomes_section(facts: ManualFacts) -> Section:
    """Each outcome: metric, baseline → target, due date, what it serves, where it stands."""
    role_map = facts.role_map
    outcomes = role_map.nodes_of(NodeKind.OUTCOME)
    title = "Outcomes"
    if not outcomes:
        return Section(
            "outcomes", title, (Paragraph("The map has no outcomes yet.", True),),
            kind=NodeKind.OUTCOME,
        )  # fmt: skip
    history = _trends(facts)
    serves = any(detail_text(o, "accountability") for o in outcomes)
    objectives = any(detail_text(o, "objective") for o in outcomes)
    # Eight columns do not fit a portrait page: the due date goes under the target, the
    # date of the latest check-in under its value.
    columns = [Column("Outcome"), Column("Metric"), Column("Baseline → target")]
    columns += [Column("Objective")] if objectives else []
    columns += [Column("Serves")] if serves else []
    columns += [Column("Hours", Align.RIGHT), Column("Latest", Align.RIGHT)]
    columns += [Column("Trend")]
    attributed = facts.figures.attribution.outcome_hours
    rows: list[tuple[Cell, ...]] = []
    for node in outcomes:
        unit = detail_text(node, "unit")
        due = detail_text(node, "due")
        target = _target(node) + (f"\nby {long_date(dt.date.fromisoformat(due))}" if due else "")
        row: list[Cell] = [node.title, detail_text(node, "metric") or NOTHING, target]
        row += [detail_text(node, "objective") or NOTHING] if objectives else []
        row += [detail_text(node, "accountability") or NOTHING] if serves else []
        row.append(hours(attributed[node.id]) if attributed.get(node.id) else NOTHING)
        latest = facts.figures.checkins.get(node.id)
        row.append(
            NOTHING
            if latest is None
            else f"{_amount(latest.value, unit)}\n{short_date(dt.date.fromisoformat(latest.date))}"
        )
        row.append(Trend(tuple(history.get(node.id, ())), unit))
        rows.append(tuple(row))
    blocks: list[Block] = [Table(tuple(columns), tuple(rows))]
    unsupported = check_purpose(role_map).unsupported
    if unsupported:
        names = ", ".join(f"‘{role_map.nodes[i].title}’" for i in unsupported)
        blocks.append(Paragraph(f"No activity on the map feeds {names}.", True))
    return Section(
        "outcomes",
        title,
        tuple(blocks),
        lead=f"What the role is measured by. Hours are those of {facts.period_label} that "
        f"reached each outcome through the map; the trend shows the last "
        f"{TREND_POINTS} check-ins at most.",
        kind=NodeKind.OUTCOME,
    )


def _trends(facts: ManualFacts) -> dict[str, list[tuple[dt.date, float]]]:
    """Each outcome's last check-ins up to the period's end, oldest first."""
    end = facts.figures.period.end
    found: dict[str, list[tuple[dt.date, float]]] = {}
    for checkin in facts.checkins:
        day = dt.date.fromisoformat(checkin.date)
        if end is None or day < end:
            found.setdefault(checkin.outcome_id, []).append((day, checkin.value))
    return {k: sorted(v, key=lambda p: p[0])[-TREND_POINTS:] for k, v in found.items()}


def _target(node: Node) -> str:
    baseline, target = node.detail("baseline"), node.detail("target")
    unit = detail_text(node, "unit")
    arrow = "↓" if node.detail("direction") == "down" else "↑"
    if target is None:
        return NOTHING if baseline is None else f"from {_amount(baseline, unit)}"
    start = f"{number(baseline)} → " if baseline is not None else ""
    return f"{arrow} {start}{_amount(target, unit)}"


def _amount(value: float, unit: str) -> str:
    return f"{number(value)} {unit}".rstrip()


# -- 4: outputs and the evidence list ---------------------------------------------------------


def outputs_section(facts: ManualFacts) -> Section:
    """The outputs with their quality rubric, and the period's deliveries with their evidence."""
    role_map = facts.role_map
    outputs = role_map.nodes_of(NodeKind.OUTPUT)
    period = facts.figures.period
    if not outputs:
        return Section(
            "outputs", "Outputs and evidence", (Paragraph("The map has no outputs yet.", True),),
            kind=NodeKind.OUTPUT,
        )  # fmt: skip
    columns = (
        Column("Output"),
        Column("Own work"),
        Column("Clarity", Align.RIGHT),
        Column("Durability", Align.RIGHT),
        Column("Actionability", Align.RIGHT),
        Column("Delivered", Align.RIGHT),
        Column("Feeds"),
    )
    rows: list[tuple[Cell, ...]] = []
    for node in outputs:
        rubric = [_rubric(node.detail(k)) for k in ("clarity", "durability", "actionability")]
        own = "hands-on" if node.detail("hands_on") is not False else "team's work"
        count = str(facts.figures.deliveries.get(node.id, 0))
        rows.append((node.title, own, *rubric, count, targets_of(role_map, node)))
    blocks: list[Block] = [Table(columns, tuple(rows))]
    unaimed = check_purpose(role_map).unaimed
    if unaimed:
        names = ", ".join(f"‘{role_map.nodes[i].title}’" for i in unaimed)
        blocks.append(Paragraph(f"Reaching no outcome: {names}.", True))
    blocks.append(Subheading("Evidence list"))
    delivered = [d for d in facts.deliveries if period.contains(dt.date.fromisoformat(d.date))]
    delivered = [d for d in delivered if d.output_id in role_map.nodes]
    linked = sum(1 for d in delivered if d.link.strip())
    if not delivered:
        blocks.append(Paragraph(f"Nothing was delivered in {facts.period_label}.", True))
    else:
        trail = (
            f"{'all' if linked == len(delivered) else linked} with a link to the work itself."
            if linked
            else "none with a link to the work itself: a link is what lets a successor find it."
        )
        blocks.append(
            Paragraph(
                "If you disappeared tomorrow, what evidence of the work would remain? "
                f"{counted(len(delivered), 'delivery', 'deliveries')} in {facts.period_label}, "
                + trail
            )
        )
        shown = delivered[-EVIDENCE_ROWS:]
        evidence = tuple(
            (
                long_date(dt.date.fromisoformat(d.date)),
                role_map.nodes[d.output_id].title,
                d.title or NOTHING,
                Reference(d.link.strip()) if d.link.strip() else NOTHING,
            )
            for d in shown
        )
        blocks.append(
            Table(
                (Column("Date"), Column("Output"),
                 Column("Delivery"), Column("Evidence")),
                evidence,
            )
        )  # fmt: skip
        if len(delivered) > len(shown):
            blocks.append(
                Paragraph(
                    f"The {len(shown):,} latest are listed; "
                    f"{len(delivered) - len(shown):,} earlier ones are in the Track tab.",
                    True,
                )
            )
    return Section(
        "outputs",
        "Outputs and evidence",
        tuple(blocks),
        lead="What the role makes, how good it is meant to be (1–5 for clarity, durability "
        "and actionability), and the trail it left.",
        kind=NodeKind.OUTPUT,
    )


def _rubric(value: object) -> str:
    return f"{value}/5" if isinstance(value, int) and not isinstance(value, bool) else NOTHING


# -- 5: activities ----------------------------------------------------------------------------


def activities_section(facts: ManualFacts) -> Section:
    """Each activity: category, planned and actual hours a week, and what it feeds."""
    role_map = facts.role_map
    role = role_map.role
    order = {c.name: i for i, c in enumerate(role.categories)}
    activities = sorted(
        role_map.nodes_of(NodeKind.ACTIVITY),
        key=lambda n: (order.get(_category(n), len(order)), _category(n), n.y),
    )
    if not activities:
        return Section(
            "activities", "Activities", (Paragraph("The map has no activities yet.", True),),
            kind=NodeKind.ACTIVITY,
        )  # fmt: skip
    weeks = facts.weeks()
    seconds = facts.figures.activity_seconds
    rows: list[tuple[Cell, ...]] = []
    planned_total = actual_total = 0.0
    for node in activities:
        planned = float(node.detail("planned_hours") or 0.0)
        actual = seconds.get(node.id, 0) / 3600 / weeks
        planned_total += planned
        actual_total += actual
        category = _category(node)
        rows.append(
            (
                node.title,
                Tag(category, role.category_colour(category)),
                hours(planned) if planned else NOTHING,
                hours(actual) if actual else NOTHING,
                targets_of(role_map, node),
            )
        )
    columns = (
        Column("Activity"),
        Column("Category"),
        Column("Planned a week", Align.RIGHT),
        Column("Actual a week", Align.RIGHT),
        Column("Feeds"),
    )
    total = ("All activities", "", hours(planned_total), hours(actual_total), "")
    blocks: list[Block] = [Table(columns, tuple(rows), total)]
    unanchored = check_purpose(role_map).unanchored
    if unanchored:
        names = ", ".join(f"‘{role_map.nodes[i].title}’" for i in unanchored)
        blocks.append(Paragraph(f"Leading to no outcome: {names}.", True))
    return Section(
        "activities",
        "Activities",
        tuple(blocks),
        lead="Where the time goes. Actual hours a week are the hours tracked in "
        + (
            f"{facts.period_label} over the {number(round(weeks, 1))} weeks it has run."
            if weeks >= 1
            else f"{facts.period_label}, scaled to a week."
        ),
        kind=NodeKind.ACTIVITY,
    )


def _category(node: Node) -> str:
    return str(node.detail("category") or "Other")
