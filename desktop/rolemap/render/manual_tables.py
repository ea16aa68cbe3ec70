"""The operating manual's tables, laid out: widths from their content, rows across pages.

Columns take the width their content asks for, as a browser's table does
(numbers to the right, short cells never broken, a long address wrapped).
A row is not split unless it is taller than a page; a table continued on
the next page repeats its heading row; a heading row never ends a page
alone. Pictures in cells: a sparkline (`Trend`), a bar (`Share`), a colour
chip (`Tag`); an evidence address that is a web link becomes a PDF link.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolemap.domain.handbook import (
    NOTHING,
    Align,
    Cell,
    Reference,
    Share,
    Table,
    Tag,
    Trend,
    cell_text,
)
from rolemap.domain.kinds import NodeKind
from rolemap.render import palette
from rolemap.render.manual_flow import (
    BAR_W,
    CELL,
    LABEL,
    NOWRAP,
    PAD_X,
    PAD_Y,
    PITCH,
    SPARK_H,
    SPARK_W,
    Flow,
    Spark,
)
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import Rect
from rolemap.render.shapes import Swatch

_SPLIT_ROOM = 3 * CELL * PITCH + 2 * PAD_Y  # less room than this: a tall row starts a page


def lay_out_table(flow: Flow, table: Table, kind: NodeKind | None) -> None:
    widths = column_widths(table, flow.m, flow.w)
    header = [flow.lines(c.title.upper(), LABEL, w - 2 * PAD_X, True) for c, w in
              zip(table.columns, widths, strict=True)]  # fmt: skip
    head_h = max(len(h) for h in header) * LABEL * 1.3 + 2 * PAD_Y
    rows = [(row, False) for row in table.rows]
    rows += [(table.total, True)] if table.total is not None else []
    laid = [(_cells(flow, row, widths), total) for row, total in rows]

    def draw_header() -> None:
        flow.page.panels.append(Rect(flow.x, flow.y, flow.w, head_h))
        x = flow.x
        for column, w, lines in zip(table.columns, widths, header, strict=True):
            y = flow.y + PAD_Y
            for line in lines:
                flow.text(x + PAD_X, w - 2 * PAD_X, LABEL, line, palette.MUTED, True,
                          column.align.value, y=y)  # fmt: skip
                y += LABEL * 1.3
            x += w
        flow.y += head_h

    body = flow.bottom - flow.top - head_h
    first = laid[0][0].height if laid else 0.0
    # Never a heading row alone at a page's foot: it comes with the first row, or with the
    # first lines of a row that is taller than a page anyway.
    flow.ensure(head_h + (first if first <= body else _SPLIT_ROOM))
    draw_header()
    for cells, total in laid:
        row: _Row | None = cells
        while row is not None:
            if row.height > flow.room() and (row.height <= body or flow.room() < _SPLIT_ROOM):
                flow.new_page()
                draw_header()
            if row.height <= flow.room():
                _draw_row(flow, row, table, widths, kind, total)
                break
            # Taller than a page: as many lines as fit here, the rest on the next page.
            part, row = row.split(flow.room())
            _draw_row(flow, part, table, widths, kind, total)
            if row is not None:
                flow.new_page()
                draw_header()
    flow.y += 14


@dataclass
class _Row:
    """A row's cells as wrapped lines (a picture cell has none), and its height."""

    lines: list[list[str]]
    pictures: list[Cell | None]
    first: bool = True  # the part of the row that carries its pictures

    @property
    def height(self) -> float:
        tallest = max((len(lines) for lines in self.lines), default=1)
        picture = SPARK_H if any(isinstance(p, Trend) for p in self.pictures) else CELL * PITCH
        return max(tallest * CELL * PITCH, picture if self.first else 0.0) + 2 * PAD_Y

    def split(self, room: float) -> tuple[_Row, _Row | None]:
        """The lines that fit in `room`, and the rest if any (a row taller than a page)."""
        keep = max(1, int((room - 2 * PAD_Y) // (CELL * PITCH)))
        head = _Row([cell[:keep] for cell in self.lines], self.pictures, self.first)
        if all(len(cell) <= keep for cell in self.lines):
            return head, None
        return head, _Row([cell[keep:] for cell in self.lines], self.pictures, first=False)


def _cells(flow: Flow, row: tuple[Cell, ...], widths: list[float]) -> _Row:
    lines: list[list[str]] = []
    pictures: list[Cell | None] = []
    for cell, w in zip(row, widths, strict=True):
        inner = w - 2 * PAD_X
        if isinstance(cell, Trend | Share):
            lines.append([])
            pictures.append(cell)
        elif isinstance(cell, Tag):
            lines.append(flow.lines(cell.text, CELL, inner - CELL * 0.9))
            pictures.append(cell)
        else:
            lines.append(flow.lines(cell_text(cell), CELL, inner))
            pictures.append(cell if isinstance(cell, Reference) else None)
    return _Row(lines, pictures)


def _draw_row(flow: Flow, row: _Row, table: Table, widths: list[float],
              kind: NodeKind | None, total: bool) -> None:  # fmt: skip
    height = row.height
    if total:
        flow.page.rules.append((flow.x, flow.x + flow.w, flow.y))
    x = flow.x
    for column, w, lines, picture in zip(table.columns, widths, row.lines, row.pictures,
                                         strict=True):  # fmt: skip
        inner_x, inner_w = x + PAD_X, w - 2 * PAD_X
        y = flow.y + PAD_Y
        colour = palette.INK if total else palette.BODY
        if isinstance(picture, Trend) and row.first:
            _spark(flow, picture, kind, inner_x, y, inner_w)
        elif isinstance(picture, Share) and row.first:
            _share(flow, picture, inner_x, y, inner_w)
        if isinstance(picture, Tag) and row.first:
            chip = CELL * 0.35
            flow.page.swatches.append(
                Swatch(Rect(inner_x, y + CELL * 0.12, chip, CELL * 1.0), colour=picture.colour)
            )
            inner_x += CELL * 0.9
            inner_w -= CELL * 0.9
        if isinstance(picture, Reference):
            colour = palette.KIND_ACCENT[NodeKind.ACTIVITY]
            if picture.is_web and lines:
                area = Rect(inner_x, y, inner_w, len(lines) * CELL * PITCH)
                flow.page.links.append((area, picture.target))
        if lines == [NOTHING]:
            colour = palette.MUTED
        for line in lines:
            flow.text(inner_x, inner_w, CELL, line, colour, total, column.align.value, y=y)
            y += CELL * PITCH
        x += w
    flow.y += height
    flow.page.rules.append((flow.x, flow.x + flow.w, flow.y))


def _spark(flow: Flow, trend: Trend, kind: NodeKind | None, x: float, y: float, w: float) -> None:
    if not trend.points:
        flow.text(x, w, CELL, "–", palette.MUTED, y=y)
        return
    colour = palette.KIND_ACCENT[kind or NodeKind.OUTCOME]
    rect = Rect(x, y + 0.5, min(SPARK_W, w), SPARK_H - 3)
    flow.page.sparks.append(Spark(rect, tuple(v for _, v in trend.points), colour))


def _share(flow: Flow, share: Share, x: float, y: float, w: float) -> None:
    bar_w = min(BAR_W, w - flow.m.width("100 %", CELL) - 6)
    h = CELL * 0.8
    top = y + (CELL * PITCH - h) / 2 - 0.6
    flow.page.panels.append(Rect(x, top, bar_w, h))
    if share.actual:
        filled = max(1.2, bar_w * share.fraction(share.actual))
        flow.page.swatches.append(Swatch(Rect(x, top, filled, h), colour=share.colour))
    if share.ideal is not None:
        tick = x + bar_w * share.fraction(share.ideal)
        flow.page.swatches.append(Swatch(Rect(tick - 0.5, top - 2, 1.0, h + 4), colour=palette.INK))
    flow.text(x + bar_w + 6, w - bar_w - 6, CELL, share.words(), palette.BODY, y=y)


def column_widths(table: Table, measure: TextMeasure, width: float) -> list[float]:
    """Each column's width: what its content asks for, within `width`.

    As browsers do for tables, in three steps. Every column gets at least its
    longest word (at most 30 % of the width: a long address wraps). Then, as
    far as the width allows, short cells (dates, amounts) are kept whole, and
    the first column's names too while they take at most a quarter of the
    width. What is left is shared in proportion to how much more each
    column's longest text would like; a column never asks for more than 60 %.
    """
    natural: list[float] = []
    whole: list[float] = []  # kept on one line where the width allows
    least: list[float] = []  # the longest word
    rows = [*table.rows, *((table.total,) if table.total else ())]
    for index, column in enumerate(table.columns):
        head = column.title.upper()
        nat = measure.width(head, LABEL, True)
        low = max(measure.width(word, LABEL, True) for word in head.split() or [""])
        for row in rows:
            want, word = _cell_widths(row[index], measure)
            nat, low = max(nat, want), max(low, word)
        natural.append(min(nat + 2 * PAD_X, width * 0.6))
        least.append(min(low + 2 * PAD_X, width * 0.3, natural[-1]))
        keep = nat <= NOWRAP or (index == 0 and nat + 2 * PAD_X <= width * 0.25)
        whole.append(natural[-1] if keep else least[-1])
    if sum(natural) <= width:
        # Room to spare goes to the text columns, so numbers stay close to their labels.
        text = [i for i, c in enumerate(table.columns) if c.align is Align.LEFT] or list(
            range(len(natural))
        )
        spare = width - sum(natural)
        share = sum(natural[i] for i in text)
        return [n + (spare * n / share if i in text else 0.0) for i, n in enumerate(natural)]
    for floor, wanted in ((whole, natural), (least, whole)):
        if sum(floor) <= width:
            wish = [w - f for w, f in zip(wanted, floor, strict=True)]
            spare = width - sum(floor)
            return [f + spare * w / (sum(wish) or 1.0) for f, w in zip(floor, wish, strict=True)]
    return [low * width / sum(least) for low in least]


def _cell_widths(cell: Cell, measure: TextMeasure) -> tuple[float, float]:
    """(natural width, longest word) of a cell, in points."""
    if isinstance(cell, Trend):
        return SPARK_W, SPARK_W
    if isinstance(cell, Share):
        wide = BAR_W + 6 + measure.width("100 %", CELL)
        return wide, wide
    text = cell_text(cell)
    extra = CELL * 0.9 if isinstance(cell, Tag) else 0.0
    lines = text.splitlines() or [""]
    natural = max(measure.width(line, CELL) for line in lines) + extra
    word = max((measure.width(w, CELL) for w in text.split()), default=0.0) + extra
    return natural, word


# -- the contents page and the running heads --------------------------------------------------
