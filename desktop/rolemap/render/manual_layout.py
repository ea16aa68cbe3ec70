"""The operating manual's text pages, laid out: the contents, then each section, in points.

Pure geometry, like the diagram's composition (fonts are only measured); the
pages are made of the diagram's own parts (see `manual_flow.py`), and the
tables are laid out by `manual_tables.py`.

The rules a reader notices: every section starts a page; a heading never
ends a page (it keeps the first lines of what follows); a paragraph leaves
no single line behind or ahead of a page break. The contents and the page
numbers are filled in last, once the sections' pages are known.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolemap.domain.handbook import (
    DIAGRAM_TITLE,
    Bullets,
    Facts,
    Handbook,
    Paragraph,
    Section,
    Subheading,
    Table,
    long_date,
)
from rolemap.render import palette
from rolemap.render.manual_flow import (
    BODY,
    CELL,
    EMPHASIS,
    FACT,
    LABEL,
    LEAD,
    MARGIN_X,
    MEASURE,
    PAD_Y,
    PITCH,
    SECTION,
    SUB,
    TOP,
    Anchor,
    Flow,
    TextPage,
)
from rolemap.render.manual_tables import lay_out_table
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup, Rect
from rolemap.render.shapes import Text

PURPOSE_LINES = 5  # of the purpose on the contents page


@dataclass
class Layout:
    """The manual's text pages (after the diagram's page) and its headings."""

    setup: PageSetup
    pages: list[TextPage]
    anchors: list[Anchor]


def lay_out(handbook: Handbook, size: str, measure: TextMeasure) -> Layout:
    """The contents page and every section, page numbers included."""
    setup = PageSetup(size, landscape=False, margin=MARGIN_X)
    flow = Flow(setup, measure)
    contents = flow.new_page()  # drawn once the sections' pages are known
    for number, section in handbook.numbered():
        _section(flow, number, section)
    anchors = [Anchor(DIAGRAM_TITLE, 0, 0, 0.0, "1"), Anchor("Contents", 0, 1, TOP),
               *flow.anchors]  # fmt: skip
    _draw_contents(flow, contents, handbook, anchors)
    _running_heads(flow, handbook)
    return Layout(setup, flow.pages, anchors)


# -- the flow of blocks down the pages ------------------------------------------------------


def _section(flow: Flow, number: int, section: Section) -> None:
    flow.new_page()
    accent = palette.KIND_ACCENT[section.kind] if section.kind else palette.MUTED
    label = f"{number}"
    number_w = max(flow.m.width("00", SECTION, True), flow.m.width(label, SECTION, True)) + 8
    flow.anchors.append(Anchor(section.title, 0, flow.index, flow.y, label))
    flow.text(flow.x, number_w, SECTION, label, accent, True)
    for line in flow.lines(section.title, SECTION, flow.w - number_w, True):
        flow.text(flow.x + number_w, flow.w - number_w, SECTION, line, palette.INK, True)
        flow.y += SECTION * 1.2
    flow.y += 4
    if section.lead:
        lead_w = min(flow.w - number_w, MEASURE + 40)
        for line in flow.lines(section.lead, LEAD, lead_w):
            flow.text(flow.x + number_w, lead_w, LEAD, line, palette.MUTED)
            flow.y += LEAD * PITCH
    flow.y += 8
    flow.page.rules.append((flow.x, flow.x + flow.w, flow.y))
    flow.y += 16
    for index, block in enumerate(section.blocks):
        if isinstance(block, Subheading):
            _subheading(flow, block.text, section.blocks[index + 1 :])
        elif isinstance(block, Paragraph):
            _paragraph(flow, block)
        elif isinstance(block, Bullets):
            _bullets(flow, block)
        elif isinstance(block, Facts):
            _facts(flow, block)
        else:
            lay_out_table(flow, block, section.kind)


def _subheading(flow: Flow, text: str, following: tuple[object, ...]) -> None:
    lines = flow.lines(text, SUB, flow.w, True)
    before = 10.0 if flow.y > flow.top else 0.0
    height = before + len(lines) * SUB * 1.25 + 6
    # Keep the heading with a first piece of what follows (two lines, or a table's first row).
    flow.ensure(height + _first_piece(following))
    if flow.y > flow.top:
        flow.y += before
    flow.anchors.append(Anchor(text, 1, flow.index, flow.y))
    for line in lines:
        flow.text(flow.x, flow.w, SUB, line, palette.INK, True)
        flow.y += SUB * 1.25
    flow.y += 6


def _first_piece(following: tuple[object, ...]) -> float:
    if not following:
        return 0.0
    block = following[0]
    if isinstance(block, Table):
        return LABEL * 1.22 + 2 * PAD_Y + CELL * PITCH * 2 + 2 * PAD_Y
    if isinstance(block, Facts):
        return FACT * 1.3 + LABEL * 1.3 + 22
    return BODY * PITCH * 2


def _paragraph(flow: Flow, block: Paragraph) -> None:
    colour = palette.MUTED if block.muted else palette.INK if block.emphasis else palette.BODY
    size = EMPHASIS if block.emphasis else BODY
    pitch = size * PITCH
    chunks = [c for c in block.text.split("\n\n") if c.strip()] or [""]
    for chunk in chunks:
        lines = flow.lines(chunk.strip(), size, MEASURE)
        while lines:
            fit = int(flow.room() // pitch)
            if fit >= len(lines):
                take = len(lines)
            elif flow.y <= flow.top:  # a fresh page: as much as it holds
                take = max(1, fit)
            elif fit < 2 or len(lines) < 4:  # no orphan: start on the next page
                take = 0
            else:  # no widow: leave at least two lines for the next page
                take = min(fit, len(lines) - 2)
            if take == 0:
                flow.new_page()
                continue
            for line in lines[:take]:
                flow.text(flow.x, MEASURE, size, line, colour)
                flow.y += pitch
            lines = lines[take:]
            if lines:
                flow.new_page()
        flow.y += pitch * 0.6
    flow.y += 4


def _bullets(flow: Flow, block: Bullets) -> None:
    pitch = BODY * PITCH
    indent = 13.0
    for item in block.items:
        lines = flow.lines(item, BODY, MEASURE - indent)
        flow.ensure(min(len(lines), 4) * pitch)
        flow.text(flow.x + 2, indent - 4, BODY, "•", palette.MUTED)
        for line in lines:
            if flow.room() < pitch:
                flow.new_page()
            flow.text(flow.x + indent, MEASURE - indent, BODY, line)
            flow.y += pitch
        flow.y += 2.5
    flow.y += 8


def _facts(flow: Flow, block: Facts) -> None:
    gap = 8.0
    per_row = min(4, len(block.pairs)) or 1
    tile_w = (flow.w - gap * (per_row - 1)) / per_row
    for start in range(0, len(block.pairs), per_row):
        row = block.pairs[start : start + per_row]
        values = []
        for _, value in row:
            one_line = flow.m.width(value, FACT, True) <= tile_w - 20
            size = FACT if one_line else BODY
            values.append((size, flow.lines(value, size, tile_w - 20, True)))
        value_h = max(len(lines) * size * 1.25 for size, lines in values)
        height = 10 + LABEL * 1.3 + 3 + value_h + 9
        flow.ensure(height)
        for i, ((label, _), (size, lines)) in enumerate(zip(row, values, strict=True)):
            x = flow.x + i * (tile_w + gap)
            flow.page.panels.append(Rect(x, flow.y, tile_w, height))
            flow.text(x + 10, tile_w - 20, LABEL, label.upper(), palette.MUTED, True, y=flow.y + 10)
            y = flow.y + 10 + LABEL * 1.3 + 3
            for line in lines:
                flow.text(x + 10, tile_w - 20, size, line, palette.INK, True, y=y)
                y += size * 1.25
        flow.y += height + gap
    flow.y += 6


# -- tables ---------------------------------------------------------------------------------


def _draw_contents(flow: Flow, page: TextPage, handbook: Handbook, anchors: list[Anchor]) -> None:
    m, x, w = flow.m, flow.x, flow.w
    y = TOP + 24

    def put(size: float, text: str, colour: str, bold: bool = False, width: float = w) -> None:
        nonlocal y
        for line in m.wrap(text, size, width, bold):
            page.texts.append(Text(x, y, width, size, line, colour, bold))
            y += size * 1.2

    put(LABEL + 1, "OPERATING MANUAL", palette.MUTED, True)
    y += 4
    put(26.0, handbook.role_name or "Untitled role", palette.INK, True)
    y += 6
    if handbook.purpose.strip():
        # A long purpose is printed whole in section 2; here its first lines introduce the role.
        purpose = m.wrap(" ".join(handbook.purpose.split()), 11.0, MEASURE + 40)
        if len(purpose) > PURPOSE_LINES:
            purpose = [*purpose[: PURPOSE_LINES - 1], m.elide(" ".join(
                purpose[PURPOSE_LINES - 1 :]), 11.0, MEASURE + 40)]  # fmt: skip
        for line in purpose:
            page.texts.append(Text(x, y, MEASURE + 40, 11.0, line, palette.BODY))
            y += 11.0 * 1.3
        y += 4
    put(LEAD, f"Figures for {handbook.period_label} · made {long_date(handbook.made)} "
        "with Rolemap", palette.MUTED)  # fmt: skip
    y += 26
    page.rules.append((x, x + w, y))
    y += 14
    put(LABEL + 1, "CONTENTS", palette.MUTED, True)
    y += 8
    number_w = m.width("00", 11.0, True) + 6
    for anchor in anchors:
        if anchor.title == "Contents":
            continue
        top = anchor.level == 0
        size = 11.0 if top else 9.0
        if top:
            y += 6
            page.texts.append(Text(x, y, number_w, size, anchor.number, palette.MUTED, True))
        left = x + number_w
        page_no = str(anchor.page + 1)
        page_w = m.width(page_no, size, top)
        colour = palette.INK if top else palette.BODY
        title = m.elide(anchor.title, size, x + w - left - 60, top)
        title_w = m.width(title, size, top)
        page.texts.append(Text(left, y, title_w, size, title, colour, top))
        page.texts.append(Text(x + w - page_w, y, page_w, size, page_no, colour, top, "right"))
        # Dot leaders from the title to the number, on a grid shared by every entry of the
        # size, so that the dots of one entry stand under those of the next.
        dot = m.width(" .", size)
        first = int((left + title_w + 4 - x) / dot) + 1
        last = int((w - page_w - 6) / dot)
        if last > first:
            page.texts.append(
                Text(x + first * dot, y, (last - first) * dot, size, " ." * (last - first),
                     palette.FAINT)
            )  # fmt: skip
        page.links.append((Rect(x, y, w, size * 1.22), anchor.page))
        y += size * (1.7 if top else 1.45)


def _running_heads(flow: Flow, handbook: Handbook) -> None:
    """The role and the period at the top of each page, the page number at the foot."""
    total = len(flow.pages) + 1
    setup = flow.setup
    x, w = flow.x, flow.w
    head_y, foot_y = 30.0, setup.height - 36.0
    made = f"Made with Rolemap · {long_date(handbook.made)}"
    for index, page in enumerate(flow.pages, start=2):
        if index > 2:
            page.texts.append(Text(x, head_y, w / 2, 7.5, handbook.role_name, palette.MUTED, True))
            right = f"Operating manual · {handbook.period_label}"
            page.texts.append(Text(x + w / 2, head_y, w / 2, 7.5, right, palette.MUTED,
                                   False, "right"))  # fmt: skip
            page.rules.append((x, x + w, head_y + 14))
        page.rules.append((x, x + w, foot_y - 6))
        page.texts.append(Text(x, foot_y, w / 2, 7.0, made, palette.MUTED))
        page.texts.append(Text(x + w / 2, foot_y, w / 2, 7.5, f"Page {index} of {total}",
                               palette.INK, True, "right"))  # fmt: skip
