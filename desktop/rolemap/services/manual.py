"""A role's operating manual for a period: gathered from the store, written as PDF, Markdown
or HTML.

`gather_manual` reads the role, its figures (`store.figures.role_figures`,
as the report, the dashboard and the diagram read them), its deliveries and
check-ins, and builds the neutral document of `domain.handbook`; sections 2–6
are worded in `manual_sections.py` (the role, the allocation) and
`manual_lanes.py` (outcomes, outputs and evidence, activities). Section 7 (the last reviews,
open actions, the quarter's checklist, this week's plan) is pluggable: each
part imports its feature's modules when asked, and a feature that is not
there, or has nothing stored, leaves its part out. `export_manual`
is the one call the window and `rolemap manual` make: it picks the writer by
the file's suffix and writes atomically.

Gathering needs no Qt; the PDF and the HTML's diagram do, and import it only
when asked for.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rolemap.domain.handbook import (
    NOTHING,
    Align,
    Block,
    Bullets,
    Column,
    Diagram,
    Facts,
    Handbook,
    Paragraph,
    Section,
    Subheading,
    Table,
    hours,
    long_date,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period, local_zone, period_of
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_range import FIRST_DAY
from rolemap.services.diagram_figures import diagram_figures
from rolemap.services.manual_lanes import activities_section, outcomes_section, outputs_section
from rolemap.services.manual_sections import ManualFacts, allocation_section, role_section
from rolemap.store.database import Store
from rolemap.store.figures import activity_week_seconds, role_figures
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

FRESH_DAYS = 28  # a quarter younger than this has too little to read: the last one is shown
SUFFIXES = {".pdf": "pdf", ".md": "markdown", ".markdown": "markdown", ".html": "html",
            ".htm": "html"}  # fmt: skip
PAGES = ("a4", "letter")


class ManualError(Exception):
    """The manual could not be written; `str(error)` says why. No file was left behind."""


def manual_format(path: Path) -> str:
    """ "pdf", "markdown" or "html" from the file's suffix; ManualError for any other."""
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise ManualError(
            f"{Path(path).name}: name the file .pdf, .md or .html (the manual's formats)."
        )
    return found


def default_period(today: dt.date) -> Period:
    """The period a manual covers when none is chosen: this quarter, or the last one while
    this one is under four weeks old.

    A quarter is the rhythm of the framework's checklist and of settled
    reviews, and long enough for a steady "hours a week" and an evidence list
    worth reading; its first days are not.
    """
    quarter = period_of("quarter", today)
    assert quarter.start is not None
    if (today - quarter.start).days >= FRESH_DAYS:
        return quarter
    previous = period_of("quarter", quarter.start - dt.timedelta(days=1))
    return Period("quarter", previous.start, previous.end)


def gather_manual(
    store: Store,
    role_id: str,
    period: Period,
    *,
    tz: dt.tzinfo | None = None,
    now: int | None = None,
) -> Handbook:
    """The role's manual for `period`, every figure read at `now` (default: the clock)."""
    tz = tz or local_zone()
    now = int(time.time()) if now is None else now
    today = dt.datetime.fromtimestamp(now, tz).date()
    role_map = RoleRepository(store).load_map(role_id)
    figures = role_figures(store.conn, role_map, period, tz, now)
    records = RecordRepository(store)
    facts = ManualFacts(
        figures=figures,
        diagram=diagram_figures(figures),
        deliveries=tuple(records.deliveries(role_id)),
        checkins=tuple(records.checkins(role_id)),
        today=today,
        first_day=_first_tracked_day(store, role_map, period, tz, now, today),
    )
    practice = practice_section(store, role_map, period, tz=tz, now=now)
    return build_handbook(facts, () if practice is None else (practice,))


def build_handbook(facts: ManualFacts, extra: Sequence[Section] = ()) -> Handbook:
    """The manual: the diagram, sections 2–6, then `extra` (reviews and plans, where they exist)."""
    role = facts.role_map.role
    diagram = Diagram(
        facts.role_map, dict(facts.diagram.nodes), facts.period_label, facts.diagram.footer
    )
    sections = (
        role_section(role, facts.role_map),
        outcomes_section(facts),
        outputs_section(facts),
        activities_section(facts),
        allocation_section(facts),
        *extra,
    )
    return Handbook(role.name, role.purpose, facts.period_label, facts.today, diagram, sections)


def export_manual(
    store: Store,
    role_id: str,
    path: Path,
    period: Period | str | None = None,
    page: str = "a4",
    *,
    tz: dt.tzinfo | None = None,
    now: int | None = None,
) -> list[str]:
    """Write the role's manual to `path` (.pdf, .md or .html); returns notes for the person.

    This is what the window's *File → Export operating manual…* and `rolemap
    manual` call. `period` is a `Period`, one of `domain.periods.PERIOD_NAMES`, or None
    for `default_period`;
    `page` is "a4" or "letter" (the PDF's paper; the HTML prints on it too).
    The file is written through a temporary and a rename: a failure leaves no
    partial file and an existing file untouched. Raises ManualError.
    """
    fmt = manual_format(path)
    if page not in PAGES:
        raise ManualError(f"‘{page}’ is not a paper size: use a4 or letter.")
    tz = tz or local_zone()
    now = int(time.time()) if now is None else now
    today = dt.datetime.fromtimestamp(now, tz).date()
    if period is None:
        period = default_period(today)
    elif isinstance(period, str):
        period = period_of(period, today)
    handbook = gather_manual(store, role_id, period, tz=tz, now=now)
    writer = _WRITERS[fmt]
    return writer(handbook, Path(path), page)


def _write_markdown(handbook: Handbook, path: Path, page: str) -> list[str]:
    from rolemap.interchange.manual_markdown import markdown

    _write_bytes(path, markdown(handbook).encode("utf-8"))
    return []


def _write_html(handbook: Handbook, path: Path, page: str) -> list[str]:
    from rolemap.interchange.manual_html import html
    from rolemap.render.manual_pages import diagram_svg

    svg, notes = diagram_svg(handbook, page)
    _write_bytes(path, html(handbook, svg, page).encode("utf-8"))
    return notes


def _write_pdf(handbook: Handbook, path: Path, page: str) -> list[str]:
    from rolemap.render.manual_pages import write_manual_pdf
    from rolemap.render.writers import RenderError

    try:
        return write_manual_pdf(handbook, path, page)
    except RenderError as error:
        raise ManualError(str(error)) from None


_WRITERS: dict[str, Callable[[Handbook, Path, str], list[str]]] = {
    "markdown": _write_markdown,
    "html": _write_html,
    "pdf": _write_pdf,
}


def _write_bytes(path: Path, data: bytes) -> None:
    from rolemap.system.atomic_write import WriteError, write_bytes

    try:
        write_bytes(path, data)
    except WriteError as error:
        raise ManualError(str(error)) from None


def _first_tracked_day(
    store: Store, role_map: RoleMap, period: Period, tz: dt.tzinfo, now: int, today: dt.date
) -> dt.date | None:
    """Where an open-started period ("all") really starts: the first week with time.

    Hours a week over "all time" are the hours over the weeks since tracking began.
    """
    if period.start is not None or not role_map.nodes_of(NodeKind.ACTIVITY):
        return period.start
    everything = Period("range", FIRST_DAY, today + dt.timedelta(days=1))
    weeks = activity_week_seconds(store.conn, role_map, everything, tz, now)
    return weeks[0][0] if weeks else None


# -- section 7: reviews and plans, where those features exist ---------------------------------

REVIEWS_SHOWN = 2  # the last finished reviews whose answers are printed


def practice_section(
    store: Store, role_map: RoleMap, period: Period, *, tz: dt.tzinfo, now: int
) -> Section | None:
    """Section 7 from the parts that have something to say; None when none has.

    Each part imports its feature when called: a build without reviews or
    plans (or a file with none stored) simply has no such part.
    """
    today = dt.datetime.fromtimestamp(now, tz).date()
    blocks: list[Block] = []
    for part in _PRACTICE_PARTS:
        try:
            found = part(store, role_map, period, tz, now, today)
        except ImportError:
            continue
        blocks.extend(found)
    if not blocks:
        return None
    return Section(
        "practice",
        "Reviews and plans",
        tuple(blocks),
        lead="How the role is kept on course: the last reviews and what they left open, "
        "the quarter's checklist, and this week's plan.",
    )


def _reviews_part(
    store: Store, role_map: RoleMap, period: Period, tz: dt.tzinfo, now: int, today: dt.date
) -> list[Block]:
    from rolemap.domain.review import QUESTIONS, ActionStatus
    from rolemap.store.review_repository import ReviewRepository

    reviews = ReviewRepository(store)
    role_id = role_map.role.id
    blocks: list[Block] = []
    finished = reviews.history(role_id).finished[:REVIEWS_SHOWN]
    if finished:
        blocks.append(Subheading("Last reviews" if len(finished) > 1 else "Last review"))
    for review in finished:
        answered = [
            (question, answer.strip() or NOTHING)
            for question, answer in zip(QUESTIONS, review.answers, strict=True)
        ]
        blocks.append(Paragraph(f"The review of {review.period.label}.", muted=True))
        blocks.append(Table((Column("Question"), Column("Answer")), tuple(answered)))
    actions = [a for a in reviews.actions(role_id) if a.status is ActionStatus.OPEN]
    if actions:
        blocks.append(Subheading("Open actions"))
        items = []
        for action in actions:
            node = role_map.nodes.get(action.node_id or "")
            items.append(f"{action.text} (about ‘{node.title}’)" if node else action.text)
        blocks.append(Bullets(tuple(items)))
    return blocks


def _checklist_part(
    store: Store, role_map: RoleMap, period: Period, tz: dt.tzinfo, now: int, today: dt.date
) -> list[Block]:
    from rolemap.domain.checklist_items import OWN_ITEM
    from rolemap.domain.quarter import Quarter
    from rolemap.services.quarter_checklist import quarter_checklist

    last = period.last_day if period.last_day is not None and period.last_day < today else today
    quarter = Quarter.of(last)
    # keep=False: making the manual only reads; the quarter's results are kept by the Plan view.
    checklist = quarter_checklist(store, role_map, quarter, tz=tz, now=now, keep=False)
    if not checklist.items:
        return []
    marks = {True: "done", False: "not yet", None: NOTHING}
    rows = tuple(
        (
            marks[item.ticked],
            item.text,
            "automatic" if item.automatic else "your own" if item.key == OWN_ITEM else "by hand",
            item.detail or NOTHING,
        )
        for item in checklist.items
    )
    return [
        Subheading(f"Quarterly checklist, {quarter.label}"),
        Paragraph(f"{checklist.ticked_count} of {len(checklist.items)} ticked.", muted=True),
        Table(
            (Column("Status"), Column("Item"),
             Column("Ticked how"), Column("Detail")),
            rows,
        ),
    ]  # fmt: skip


def _plan_part(
    store: Store, role_map: RoleMap, period: Period, tz: dt.tzinfo, now: int, today: dt.date
) -> list[Block]:
    from rolemap.domain.week_plan import Week
    from rolemap.services.week_plan import week_view

    report = week_view(store, role_map, Week.of(today), tz=tz, now=now, refresh_zone=False)
    if not report.stored:
        return []
    blocks: list[Block] = [
        Subheading(f"This week's plan, {report.week.label}"),
        Facts(
            (
                ("Planned", f"{hours(report.planned_hours)} of {hours(report.capacity)}"),
                ("Spent so far", hours(report.actual_hours)),
                ("Outputs intended", str(sum(o.intended for o in report.outputs))),
                ("Outcomes in focus", str(len(report.focus))),
            )
        ),
    ]
    if report.plan.note.strip():
        blocks.append(Paragraph(report.plan.note.strip()))
    lines = report.planned_lines
    if lines:
        blocks.append(
            Table(
                (Column("Activity"), Column("Planned", Align.RIGHT),
                 Column("Spent", Align.RIGHT)),
                tuple((a.title, hours(a.planned_hours), hours(a.actual_hours)) for a in lines),
            )
        )  # fmt: skip
    if report.outputs:
        blocks.append(
            Table(
                (Column("Output intended"), Column("By"),
                 Column("Intended", Align.RIGHT), Column("Delivered", Align.RIGHT)),
                tuple(
                    (o.title, long_date(o.by_day) if o.by_day else NOTHING, str(o.intended),
                     str(o.delivered))
                    for o in report.outputs
                ),
            )
        )  # fmt: skip
    if report.focus:
        blocks.append(
            Bullets(
                tuple(
                    f"In focus: {f.title}"
                    + (
                        " — a check-in is due"
                        if f.checkin_due
                        else f" — {f.checkins} check-in{'s' if f.checkins > 1 else ''} this week"
                    )
                    for f in report.focus
                )
            )
        )
    return blocks


_PRACTICE_PARTS: tuple[
    Callable[[Store, RoleMap, Period, dt.tzinfo, int, dt.date], list[Block]], ...
] = (_reviews_part, _checklist_part, _plan_part)
