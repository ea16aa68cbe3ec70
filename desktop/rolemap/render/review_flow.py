"""The review's pages as a flow: lines placed top to bottom, a new page when one is full.

The primitives `render/review_pages.py` composes a review with: wrapped
paragraphs, aligned tables (numbers right-aligned, an optional pair of bars
per row), bullets, and the answer panel, which flows over pages and is never
cut. Everything becomes the diagram's own shapes (render/shapes.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rolemap.domain.kinds import NodeKind
from rolemap.render import palette
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup, Rect
from rolemap.render.shapes import LINE, Swatch, Text

BODY, SMALL, HEAD, TITLE = 8.0, 7.0, 10.5, 17.0
CELL_MAX = 96.0  # the widest a table's number column gets, in points


@dataclass
class Page:
    texts: list[Text] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)
    panels: list[tuple[NodeKind, Rect]] = field(default_factory=list)
    swatches: list[Swatch] = field(default_factory=list)


class Flow:
    """Places lines top to bottom, starting a new page when the next one does not fit."""

    def __init__(self, setup: PageSetup, measure: TextMeasure, running_head: str) -> None:
        self.setup = setup
        self.area = setup.printable
        self.m = measure
        self.running_head = running_head
        self.pages: list[Page] = [Page()]
        self.bottom = self.area.bottom - SMALL * 2.2  # room for the footer
        self.y = self.area.y

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def need(self, height: float) -> bool:
        """Make room for `height` points; True when a new page was started."""
        if self.y + height <= self.bottom:
            return False
        self.pages.append(Page())
        self.y = self.area.y
        self.text(self.area.x, self.y, self.area.w, SMALL, self.running_head, palette.MUTED)
        self.y += SMALL * LINE + 4
        self.page.rules.append((self.area.x, self.area.right, self.y))
        self.y += 8
        return True

    def text(
        self,
        x: float,
        y: float,
        w: float,
        size: float,
        text: str,
        colour: str = palette.INK,
        bold: bool = False,
        align: str = "left",
    ) -> None:
        self.page.texts.append(Text(x, y, w, size, text, colour, bold, align))

    def line(
        self,
        text: str,
        size: float = BODY,
        colour: str = palette.BODY,
        *,
        x: float | None = None,
        bold: bool = False,
    ) -> None:
        """One wrapped paragraph at the cursor, flowing over pages."""
        left = self.area.x if x is None else x
        width = self.area.right - left
        for part in self.m.wrap(text, size, width, bold):
            self.need(size * LINE)
            self.text(left, self.y, width, size, part, colour, bold)
            self.y += size * LINE

    def gap(self, points: float) -> None:
        self.y += points


def answer_panel(flow: Flow, number: int, answer: str) -> None:
    """The person's answer in a shaded panel; it flows over pages, never cut. At the top of
    a page it names its question."""
    a, m = flow.area, flow.m
    pad = 6.0
    paragraphs = answer.splitlines() if answer.strip() else []
    lines: list[tuple[str, str]] = []
    for paragraph in paragraphs:
        wrapped = m.wrap(paragraph, BODY + 0.5, a.w - 2 * pad) if paragraph.strip() else [""]
        lines += [(part, palette.INK) for part in wrapped]
    if not lines:
        lines = [("No answer yet.", palette.MUTED)]
    flow.y += 3
    moved = flow.need(SMALL * LINE + (BODY + 0.5) * LINE + 2 * pad)
    top = flow.y
    flow.y += pad * 0.7
    label = f"ANSWER TO QUESTION {number}" if moved else "ANSWER"
    flow.text(a.x + pad, flow.y, a.w - 2 * pad, SMALL, label, palette.MUTED, True)
    flow.y += SMALL * LINE + 1
    for text, colour in lines:
        page = flow.page
        if flow.need((BODY + 0.5) * LINE + pad * 0.7):
            page.panels.append((NodeKind.INPUT, Rect(a.x, top, a.w, flow.bottom - top)))
            top = flow.y
            flow.y += pad * 0.5
        flow.text(a.x + pad, flow.y, a.w - 2 * pad, BODY + 0.5, text, colour)
        flow.y += (BODY + 0.5) * LINE
    flow.y += pad * 0.7
    flow.page.panels.append((NodeKind.INPUT, Rect(a.x, top, a.w, flow.y - top)))
    flow.y += 4


def table(
    flow: Flow,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    limit: int,
    *,
    bars: Sequence[tuple[float, float]] | None = None,
    colours: Sequence[str | None] | None = None,
    accent: str = palette.KIND_ACCENT[NodeKind.ACTIVITY],
) -> None:
    """Columns sized to their text (the first takes the rest, elided); numbers right-aligned.

    `bars`: per row (planned, actual) hours drawn as a pale and a solid bar
    after the first column; `colours`: per row, the last cell's colour.
    """
    if not rows:
        return
    a, m, s = flow.area, flow.m, SMALL
    shown = list(rows[:limit])
    gap = 10.0
    widths = [  # a long unit or title in one cell must not squeeze the rest: capped, elided
        min(CELL_MAX, max(m.width(str(r[i]), s, r is header) for r in [header, *shown]))
        for i in range(1, len(header))
    ]
    bar_w = 70.0 if bars else 0.0
    first_w = a.w - sum(widths) - gap * (len(widths)) - (bar_w + gap if bars else 0)
    peak = max((max(p, q) for p, q in bars or [(0, 0)]), default=0.0) or 1.0
    pitch = s * LINE + 1.5
    flow.need(pitch * 2)
    for index, row in enumerate([header, *shown]):
        flow.need(pitch)
        heading = index == 0
        colour = palette.MUTED if heading else palette.BODY
        flow.text(a.x, flow.y, first_w, s, m.elide(str(row[0]), s, first_w, heading), colour,
                  heading)  # fmt: skip
        x = a.x + first_w + gap
        if bars:
            if heading:
                flow.text(x, flow.y, bar_w, s, "plan · actual", colour, True)
            else:
                planned, actual = bars[index - 1]
                mid = flow.y + s * LINE / 2
                if planned > 0:
                    w = bar_w * planned / peak
                    flow.page.swatches.append(
                        Swatch(Rect(x, mid - 3.2, w, 6.4), colour=palette.mix(accent, 0.22))
                    )
                if actual > 0:
                    w = max(0.8, bar_w * actual / peak)
                    flow.page.swatches.append(Swatch(Rect(x, mid - 1.8, w, 3.6), colour=accent))
            x += bar_w + gap
        for i, cell in enumerate(row[1:]):
            last = i == len(row) - 2
            tone = colour
            if last and not heading and colours is not None and colours[index - 1]:
                tone = str(colours[index - 1])
            text = m.elide(str(cell), s, widths[i], heading)
            flow.text(x, flow.y, widths[i], s, text, tone, heading, "right")
            x += widths[i] + gap
        flow.y += pitch
        if heading:
            flow.page.rules.append((a.x, a.right, flow.y - 1.2))
            flow.y += 1
    if len(rows) > limit:
        flow.line(f"… and {len(rows) - limit} more", s, palette.MUTED)
    flow.y += 3


def bullet(flow: Flow, text: str, colour: str) -> None:
    """A small square in `colour`, then the text wrapped beside it."""
    a, m, s = flow.area, flow.m, SMALL
    lines = m.wrap(text, s, a.w - 10)
    flow.need(s * LINE)
    flow.page.swatches.append(Swatch(Rect(a.x + 1, flow.y + s * 0.42, 3, 3), colour=colour))
    for part in lines:
        flow.need(s * LINE)
        flow.text(a.x + 9, flow.y, a.w - 10, s, part, palette.BODY)
        flow.y += s * LINE
    flow.y += 1
