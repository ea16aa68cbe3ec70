"""A review on one or two pages, portrait, through the one-page diagram's painter.

`compose_review` lays a `ReviewSheet` out as the texts, hairlines, panels
and swatches the diagram is made of (render/shapes.py): the title band
(role, period, status) and four figures (hours tracked, purposeful share,
hours that reached outcomes, hours on weak links); then each question with
its evidence (activities with planned and actual hours as bars, outputs,
outcomes against their line, the suggestions, the map's changes) and the
person's answer in a panel; then the actions with boxes to tick. Tables are
cut to their heaviest rows to keep the review on two pages; the person's
words are never cut, so very long answers take more pages (and say so).

`write_review_pdf` paints the pages into one PDF through a temporary file
and a rename (system/atomic_write.py): never half-written, never over a
device or a FIFO.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPdfWriter

from rolemap.domain.kinds import NodeKind
from rolemap.domain.map_changes import field_change_text, role_change_text
from rolemap.domain.review import QUESTIONS, ActionStatus
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_sheet import ReviewSheet
from rolemap.domain.review_suggestions import hours_text, percent_text
from rolemap.render import palette
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup, Rect
from rolemap.render.painter import paint_composition
from rolemap.render.review_flow import BODY, HEAD, SMALL, TITLE, Flow, answer_panel, bullet, table
from rolemap.render.shapes import LINE, Composition, Swatch, Text
from rolemap.render.writers import PDF_DPI, RenderError, page_layout
from rolemap.system.atomic_write import WriteError, write_through_temporary

LIMITS = (10, 6, 4, 3)  # table rows tried, most first, until the review fits two pages
_ACCENTS = (
    palette.KIND_ACCENT[NodeKind.ACTIVITY],
    palette.KIND_ACCENT[NodeKind.OUTCOME],
    palette.KIND_ACCENT[NodeKind.OUTPUT],
    palette.KIND_ACCENT[NodeKind.INPUT],
)
_GOOD, _BAD = "#2e7d4f", palette.FLAG


@dataclass(frozen=True)
class ReviewPages:
    """The composed pages and notes for the person (e.g. it took more than two pages)."""

    pages: tuple[Composition, ...]
    notes: tuple[str, ...] = ()


def compose_review(
    sheet: ReviewSheet,
    size: str = "a4",
    measure: TextMeasure | None = None,
) -> ReviewPages:
    """The review's pages (portrait `size`: "a4" or "letter"); needs a QGuiApplication."""
    measure = measure or TextMeasure()
    setup = PageSetup(size, landscape=False)
    flow = Flow(setup, measure, "")
    for limit in LIMITS:
        flow = _compose(sheet, setup, measure, limit)
        if len(flow.pages) <= 2:
            break
    notes: list[str] = []
    if len(flow.pages) > 2:
        notes.append(
            f"The answers are long: the review takes {len(flow.pages)} pages (none of their "
            "words are cut)."
        )
    total = len(flow.pages)
    compositions = []
    for number, page in enumerate(flow.pages, start=1):
        area = setup.printable
        footer_y = area.bottom - SMALL * LINE
        page.rules.append((area.x, area.right, footer_y - 4))
        page.texts.append(
            Text(area.x, footer_y, area.w, SMALL, f"Rolemap · review {sheet.review.short_id} · "
                 f"made {sheet.today.strftime('%-d %B %Y')}", palette.MUTED)
        )  # fmt: skip
        page.texts.append(
            Text(area.x, footer_y, area.w, SMALL, f"page {number} of {total}", palette.MUTED,
                 False, "right")
        )  # fmt: skip
        compositions.append(
            Composition(
                setup,
                tuple(page.texts),
                tuple(page.rules),
                lanes=tuple(page.panels),
                swatches=tuple(page.swatches),
                notes=tuple(notes),
            )
        )
    return ReviewPages(tuple(compositions), tuple(notes))


def _compose(sheet: ReviewSheet, setup: PageSetup, measure: TextMeasure, limit: int) -> Flow:
    flow = Flow(setup, measure, f"Review · {sheet.role_name} · {sheet.span} (continued)")
    _title(flow, sheet)
    evidence = sheet.evidence
    for number, question in enumerate(QUESTIONS, start=1):
        _heading(flow, number, question)
        if evidence is not None:
            _EVIDENCE[number](flow, sheet, evidence, limit)
        answer_panel(flow, number, sheet.review.answers[number - 1])
    _actions(flow, sheet)
    return flow


def _title(flow: Flow, sheet: ReviewSheet) -> None:
    a, m = flow.area, flow.m
    meta = [sheet.status_title, f"Review {sheet.review.short_id}"]
    meta_w = max(m.width(t, SMALL, i == 0) for i, t in enumerate(meta))
    flow.text(a.x, flow.y, a.w, SMALL, "REVIEW", palette.MUTED, True)
    for i, text in enumerate(meta):
        flow.text(a.right - meta_w, flow.y + i * SMALL * 1.45, meta_w, SMALL, text,
                  palette.INK if i == 0 else palette.MUTED, i == 0, "right")  # fmt: skip
    flow.y += SMALL * LINE + 2
    left = a.w - meta_w - 24
    for part in m.wrap(sheet.role_name or "Untitled role", TITLE, left, True):
        flow.text(a.x, flow.y, left, TITLE, part, palette.INK, True)
        flow.y += TITLE * 1.15
    flow.text(a.x, flow.y + 2, left, HEAD, sheet.span, palette.BODY)
    flow.y += HEAD * LINE + 10
    if sheet.problem:
        flow.line(sheet.problem, BODY, palette.FLAG)
        flow.gap(4)
    evidence = sheet.evidence
    if evidence is not None:
        share = evidence.purposeful_share
        figures = [
            (hours_text(evidence.total_hours), "tracked"),
            ("–" if share is None else percent_text(share), "purposeful"),
            (hours_text(evidence.attributed_hours), "reached outcomes"),
            (hours_text(evidence.weak_hours), "on weak links"),
        ]
        width = a.w / len(figures)
        for i, (value, label) in enumerate(figures):
            x = a.x + i * width
            flow.page.swatches.append(Swatch(Rect(x, flow.y + 1, 2.2, 26), colour=_ACCENTS[i]))
            flow.text(x + 8, flow.y, width - 10, 15, value, palette.INK, True)
            flow.text(x + 8, flow.y + 18, width - 10, SMALL, label, palette.MUTED)
        flow.y += 34
    flow.page.rules.append((a.x, a.right, flow.y))
    flow.y += 6


def _heading(flow: Flow, number: int, question: str) -> None:
    a = flow.area
    flow.need(HEAD * LINE * 2 + BODY * LINE * 3)  # keep the heading with what follows
    flow.y += 8
    accent = _ACCENTS[number - 1]
    flow.page.swatches.append(Swatch(Rect(a.x, flow.y + 1, 3, HEAD * 1.05), colour=accent))
    flow.text(a.x + 9, flow.y, 16, HEAD, str(number), accent, True)
    lines = flow.m.wrap(question, HEAD, a.w - 26, True)
    for part in lines:
        flow.text(a.x + 24, flow.y, a.w - 26, HEAD, part, palette.INK, True)
        flow.y += HEAD * LINE
    flow.y += 3


def _q1(flow: Flow, sheet: ReviewSheet, evidence: Evidence, limit: int) -> None:
    del sheet
    rows = [a for a in evidence.activities if a.hours > 0 or a.planned_hours > 0]
    if not rows:
        flow.line("No time was tracked or planned on any activity.", SMALL, palette.MUTED)
    table(
        flow,
        ("Activity", "Planned", "Actual", "Delivered", "Per 10 h"),
        [
            (
                a.title,
                hours_text(a.planned_hours),
                hours_text(a.hours),
                str(a.deliveries) if a.outputs else "no output",
                "–" if a.yield_per_10h is None else f"{a.yield_per_10h:.1f}",
            )
            for a in rows
        ],
        limit,
        bars=[(a.planned_hours, a.hours) for a in rows],
    )
    idle = evidence.idle_activities
    if idle:
        names = ", ".join(f"{a.title} ({hours_text(a.hours)})" for a in idle[:4])
        more = f" and {len(idle) - 4} more" if len(idle) > 4 else ""
        flow.line(f"Hours with nothing delivered downstream: {names}{more}.", SMALL, palette.FLAG)
    outputs = [o for o in evidence.outputs if o.hours_in > 0 or o.deliveries > 0]
    if outputs:
        flow.gap(5)
        table(
            flow,
            ("Output", "Hours in", "Delivered", "Per 10 h"),
            [
                (
                    o.title,
                    hours_text(o.hours_in),
                    str(o.deliveries),
                    "–" if o.yield_per_10h is None else f"{o.yield_per_10h:.1f}",
                )
                for o in outputs
            ],
            max(3, limit // 2),
        )


def _q2(flow: Flow, sheet: ReviewSheet, evidence: Evidence, limit: int) -> None:
    del sheet
    rows, colours = [], []
    for o in evidence.outcomes:
        unit = f" {o.unit}" if o.unit else ""
        start = "–" if o.start is None else f"{o.start.value:g}"
        end = "–" if o.end is None else f"{o.end.value:g}{unit}"
        goal = (
            "–" if o.target is None else f"{o.target:g}{unit}" + (f" by {o.due}" if o.due else "")
        )
        rows.append(
            (
                o.title,
                hours_text(o.hours),
                hours_text(o.weak_hours) if o.weak_hours > 0 else "–",
                str(o.deliveries),
                f"{start} → {end}",
                goal,
                {True: "on track", False: "behind", None: "–"}[o.on_track],
            )
        )
        colours.append({True: _GOOD, False: _BAD, None: None}[o.on_track])
    if not rows:
        flow.line("The map has no outcome.", SMALL, palette.MUTED)
    table(
        flow,
        ("Outcome", "Hours", "Weak", "Deliveries in", "Start → end", "Target", "Line"),
        rows,
        limit,
        colours=colours,
    )
    if evidence.weak_hours > 0:
        flow.line(
            f"Hours on weak links: {hours_text(evidence.weak_hours)} of "
            f"{hours_text(evidence.attributed_hours)} reached outcomes only along a link of "
            "confidence below 50 %.",
            SMALL,
            palette.BODY,
        )


def _q3(flow: Flow, sheet: ReviewSheet, evidence: Evidence, limit: int) -> None:
    suggestions = sheet.suggestions
    if not suggestions:
        flow.line("Nothing stands out in this period's figures.", SMALL, palette.MUTED)
    for suggestion in suggestions[: limit + 2]:
        bullet(flow, suggestion.text, palette.KIND_ACCENT[NodeKind.OUTPUT])
    if len(suggestions) > limit + 2:
        flow.line(f"… and {len(suggestions) - limit - 2} more", SMALL, palette.MUTED)
    gaps = [g for g in evidence.allocation if abs(g.gap) >= 0.005]
    if gaps:
        flow.gap(2)
        table(
            flow,
            ("Category", "Ideal", "Actual", "Gap"),
            [
                (
                    g.category,
                    percent_text(g.ideal),
                    percent_text(g.actual),
                    f"{g.gap * 100:+.0f} pts",
                )
                for g in gaps
            ],
            min(limit, 4),
            colours=[_BAD if g.gap < 0 else None for g in gaps],
            accent=palette.KIND_ACCENT[NodeKind.OUTPUT],
        )


def _q4(flow: Flow, sheet: ReviewSheet, evidence: Evidence, limit: int) -> None:
    del sheet
    changes = evidence.changes
    if changes is None:
        flow.line(evidence.changes_note or "No earlier map to compare with.", SMALL, palette.MUTED)
        return
    items = [f"Added {r.kind} ‘{r.title}’" for r in changes.added_nodes]
    items += [f"Removed {r.kind} ‘{r.title}’" for r in changes.removed_nodes]
    for edit in changes.changed_nodes:
        words = "; ".join(field_change_text(c) for c in edit.changes)
        items.append(f"Changed {edit.node.kind} ‘{edit.node.title}’: {words}")
    items += [f"Added link {r.title}" for r in changes.added_links]
    items += [f"Removed link {r.title}" for r in changes.removed_links]
    items += [f"Changed link {e.link.title}" for e in changes.changed_links]
    items += [role_change_text(c) for c in changes.role_fields]
    if not items:
        flow.line("The map did not change since the last review.", SMALL, palette.MUTED)
    cap = limit + 4
    for item in items[:cap]:
        bullet(flow, item, palette.KIND_ACCENT[NodeKind.INPUT])
    if len(items) > cap:
        flow.line(f"… and {len(items) - cap} more changes", SMALL, palette.MUTED)


_EVIDENCE = {1: _q1, 2: _q2, 3: _q3, 4: _q4}


def _actions(flow: Flow, sheet: ReviewSheet) -> None:
    a, m, s = flow.area, flow.m, BODY
    flow.need(HEAD * LINE + s * LINE * 2)
    flow.y += 10
    flow.text(a.x, flow.y, a.w, HEAD, "Actions", palette.INK, True)
    flow.y += HEAD * LINE + 2
    if not sheet.actions:
        flow.line("No follow-up actions.", SMALL, palette.MUTED)
    for action in sheet.actions:
        box = s * 0.95
        text = action.text + (f" — {action.node}" if action.node else "")
        tail = {ActionStatus.DONE: "done", ActionStatus.DROPPED: "dropped"}.get(action.status, "")
        if action.carried:
            tail = ", ".join(p for p in (tail, "from an earlier review") if p)
        lines = m.wrap(text, s, a.w - 18 - (m.width(tail, SMALL) + 8 if tail else 0))
        flow.need(s * LINE)
        top = flow.y + (s * LINE - box) / 2
        if action.status is ActionStatus.OPEN:
            flow.page.swatches.append(Swatch(Rect(a.x, top, box, box), kind=NodeKind.INPUT))
        else:
            done = action.status is ActionStatus.DONE
            flow.page.swatches.append(
                Swatch(Rect(a.x, top, box, box), colour=_GOOD if done else palette.FAINT)
            )
        colour = palette.MUTED if action.status is ActionStatus.DROPPED else palette.INK
        if tail:
            flow.text(a.x, flow.y + (s - SMALL) * 0.6, a.w, SMALL, tail, palette.MUTED, False,
                      "right")  # fmt: skip
        for part in lines:
            flow.need(s * LINE)
            flow.text(a.x + 14, flow.y, a.w - 14, s, part, colour)
            flow.y += s * LINE
        flow.y += 2


# -- writing ---------------------------------------------------------------------------------


def write_review_pdf(pages: ReviewPages, path: Path, title: str = "Rolemap review") -> None:
    """Write the pages as one PDF (text stays text), atomically. Raises RenderError."""
    if not pages.pages:
        raise RenderError("There is nothing to write.")

    def paint(temporary: str) -> None:
        writer = QPdfWriter(temporary)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout(pages.pages[0]))
        writer.setTitle(title)
        writer.setCreator("Rolemap")
        painter = QPainter()
        if not painter.begin(writer):
            raise RenderError("Cannot start painting the page.")
        try:
            for index, composition in enumerate(pages.pages):
                if index and not writer.newPage():
                    raise RenderError("Cannot start a new page.")
                rect = QRectF(0, 0, writer.width(), writer.height())
                paint_composition(painter, composition, rect)
        finally:
            painter.end()

    try:
        write_through_temporary(path, paint)
    except WriteError as error:
        raise RenderError(str(error)) from None
