"""The operating manual as one self-contained HTML file.

It reads the neutral document of `domain.handbook` and loads nothing: the
diagram arrives as inline SVG (painted by the renderer; this layer knows no
Qt), sparklines are small inline SVGs drawn here, the CSS is inline, there is
no script, and a Content-Security-Policy forbids loading anything at all.
Every piece of the person's text is HTML-escaped (so `<script>` is text);
evidence links become links only for http and https addresses.
"""

from __future__ import annotations

import html as html_lib
import re

from rolemap.domain.handbook import (
    DIAGRAM_TITLE,
    Align,
    Block,
    Bullets,
    Cell,
    Column,
    Facts,
    Handbook,
    Paragraph,
    Section,
    Share,
    Subheading,
    Table,
    Tag,
    Trend,
    long_date,
)
from rolemap.domain.kinds import NodeKind
from rolemap.interchange.kind_colours import INK, KIND_ACCENT, LANE

# -- HTML ------------------------------------------------------------------------------------

# The renderer's palette and typeface, repeated (this layer may not import render/);
# tests/unit/test_manual_text.py keeps the two equal.
BODY, MUTED, FAINT = "#3e4a59", "#6b7685", "#a3acb9"
FONTS = (
    '"Inter", "Source Sans 3", "Helvetica Neue", Helvetica, "Nimbus Sans", Arial, '
    '"Liberation Sans", "Noto Sans", "DejaVu Sans", sans-serif'
)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SPARK_W, SPARK_H = 84.0, 18.0
NOWRAP_CHARS = 14


def _e(text: str) -> str:
    return html_lib.escape(text, quote=True)


def _colour(value: str) -> str:
    """A colour from the data only if it is plainly "#rrggbb" (it lands in a style attribute)."""
    return value if _COLOUR.match(value) else "#8c8c8c"


def _html_text(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(_e(line.strip()) for line in p.splitlines() if line.strip()) + "</p>"
        for p in paragraphs
    )


def sparkline_svg(trend: Trend, colour: str) -> str:
    """A trend as a small inline SVG (a line and a dot on the latest value)."""
    points = trend.points
    if not points:
        return '<span class="none">–</span>'
    values = [v for _, v in points]
    low, high = min(values), max(values)
    span = high - low or 1.0
    step = (SPARK_W - 6) / max(1, len(points) - 1)
    xy = [
        (
            3 + i * step if len(points) > 1 else SPARK_W / 2,
            SPARK_H - 3 - (v - low) / span * (SPARK_H - 6),
        )
        for i, v in enumerate(values)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    x, y = xy[-1]
    words = _e(trend.words())
    return (
        f'<svg class="spark" viewBox="0 0 {SPARK_W:g} {SPARK_H:g}" width="{SPARK_W:g}" '
        f'height="{SPARK_H:g}" role="img" aria-label="{words}"><title>{words}</title>'
        f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.3" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{colour}"/></svg>'
    )


def _html_cell(cell: Cell, kind: NodeKind | None) -> str:
    if isinstance(cell, str):
        return _e(cell).replace("\n", "<br>")
    if isinstance(cell, Trend):
        return sparkline_svg(cell, KIND_ACCENT[kind or NodeKind.OUTCOME])
    if isinstance(cell, Share):
        actual = cell.fraction(cell.actual)
        ideal = "" if cell.ideal is None else (
            f'<i class="ideal" style="left:{cell.fraction(cell.ideal) * 100:.1f}%"></i>'
        )  # fmt: skip
        return (
            f'<span class="bar"><i class="fill" style="width:{actual * 100:.1f}%;'
            f'background:{_colour(cell.colour)}"></i>{ideal}</span> {_e(cell.words())}'
        )
    if isinstance(cell, Tag):
        chip = f'<i style="background:{_colour(cell.colour)}"></i>'
        return f'<span class="tag">{chip}{_e(cell.text)}</span>'
    if cell.is_web:
        return f'<a href="{_e(cell.target)}" rel="noopener noreferrer">{_e(cell.target)}</a>'
    return f"<code>{_e(cell.target)}</code>"


def _html_table(table: Table, kind: NodeKind | None) -> str:
    def cell(tag: str, look: str, content: str) -> str:
        return f'<{tag} class="{look}">{content}</{tag}>' if look else f"<{tag}>{content}</{tag}>"

    def td(column: Column, value: Cell) -> str:
        # Short cells (dates, amounts) are never broken, as in the PDF.
        short = isinstance(value, str) and len(value) <= NOWRAP_CHARS
        look = "num" if column.align is Align.RIGHT else "nw" if short else ""
        return cell("td", look, _html_cell(value, kind))

    head = "".join(
        cell("th", "num" if c.align is Align.RIGHT else "", _e(c.title)) for c in table.columns
    )
    body = [
        "<tr>" + "".join(td(c, v) for c, v in zip(table.columns, row, strict=True)) + "</tr>"
        for row in table.rows
    ]
    foot = ""
    if table.total is not None:
        cells = "".join(td(c, v) for c, v in zip(table.columns, table.total, strict=True))
        foot = f"<tfoot><tr>{cells}</tr></tfoot>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>{foot}</table>"


def _html_block(block: Block, kind: NodeKind | None, anchor: str) -> str:
    if isinstance(block, Paragraph):
        look = " muted" if block.muted else " emphasis" if block.emphasis else ""
        return f'<div class="text{look}">{_html_text(block.text)}</div>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Facts):
        tiles = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in block.pairs)
        return f'<dl class="facts">{tiles}</dl>'
    if isinstance(block, Subheading):
        return f'<h3 id="{anchor}">{_e(block.text)}</h3>'
    return _html_table(block, kind)


def _section_html(number: int, section: Section) -> str:
    accent = KIND_ACCENT[section.kind] if section.kind else INK
    parts = [
        f'<section id="s{number}">',
        f'<h2><span class="n" style="color:{accent}">{number}</span>{_e(section.title)}</h2>',
    ]
    if section.lead:
        parts.append(f'<p class="lead">{_e(section.lead)}</p>')
    sub = 0
    for block in section.blocks:
        if isinstance(block, Subheading):
            sub += 1
        parts.append(_html_block(block, section.kind, f"s{number}-{sub}"))
    parts.append("</section>")
    return "\n".join(parts)


def _toc(handbook: Handbook) -> str:
    items = []
    for number, title, subheadings in handbook.outline():
        subs = "".join(
            f'<li><a href="#s{number}-{i}">{_e(s)}</a></li>' for i, s in enumerate(subheadings, 1)
        )
        nested = f"<ol>{subs}</ol>" if subs else ""
        items.append(
            f'<li><a href="#s{number}"><span class="n">{number}</span>{_e(title)}</a>{nested}</li>'
        )
    return f'<nav class="toc"><h2>Contents</h2><ol>{"".join(items)}</ol></nav>'


def html(handbook: Handbook, diagram_svg: str, page: str = "a4") -> str:
    """The manual as one HTML file; `diagram_svg` is the diagram as an inline `<svg>` element.

    `page` ("a4" or "letter") is the paper it prints on.
    """
    size = "letter" if page == "letter" else "A4"
    head = _lines(
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Nothing may load: no script, no font, no image from anywhere.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Rolemap">',
        f"<title>{_e(handbook.title)}</title>",
        f"<style>{_css(size)}</style>",
        "</head>",
        "<body>",
    )
    cover = _lines(
        '<header class="cover">',
        '<p class="kicker">Operating manual</p>',
        f"<h1>{_e(handbook.role_name or 'Untitled role')}</h1>",
        f'<p class="purpose">{_e(handbook.purpose)}</p>' if handbook.purpose.strip() else "",
        f'<p class="meta">Figures for {_e(handbook.period_label)} · made '
        f"{_e(long_date(handbook.made))} with Rolemap</p>",
        "</header>",
        _toc(handbook),
    )
    diagram = _lines(
        '<section id="s1" class="diagram">',
        f'<h2><span class="n">1</span>{_e(DIAGRAM_TITLE)}</h2>',
        f'<figure class="map">{diagram_svg}</figure>',
        "</section>",
    )
    sections = [_section_html(n, s) for n, s in handbook.numbered()]
    return _lines(head, cover, diagram, *sections, "</body>", "</html>")


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _css(size: str) -> str:
    return f"""
@page {{ size: {size}; margin: 16mm; }}
@page map {{ size: {size} landscape; }}
:root {{ color: {BODY}; background: #fff; }}
body {{ font-family: {FONTS}; font-size: 10pt; line-height: 1.45; max-width: 62rem;
  margin: 2.5rem auto; padding: 0 1.5rem; }}
h1, h2, h3 {{ color: {INK}; line-height: 1.2; }}
h1 {{ font-size: 26pt; margin: .2rem 0 .6rem; }}
h2 {{ font-size: 17pt; margin: 0 0 .3rem; }}
h2 .n {{ display: inline-block; min-width: 1.6em; color: {MUTED}; }}
h3 {{ font-size: 11.5pt; margin: 1.6rem 0 .5rem; }}
section {{ border-top: .5pt solid {FAINT}; padding-top: 1.4rem; margin-top: 2.4rem; }}
.kicker, th, dt, .toc h2 {{ text-transform: uppercase; letter-spacing: .06em; font-size: 7.5pt;
  font-weight: 600; color: {MUTED}; }}
.purpose {{ font-size: 12pt; max-width: 42rem; }}
.meta, .muted, .lead {{ color: {MUTED}; }}
.lead {{ max-width: 44rem; margin: 0 0 1rem; }}
.text {{ max-width: 44rem; }}
.emphasis {{ font-size: 12.5pt; color: {INK}; }}
.toc ol {{ list-style: none; padding-left: 0; }}
.toc ol ol {{ padding-left: 1.9em; font-size: 9pt; }}
.toc a {{ color: {INK}; text-decoration: none; }}
.toc .n {{ display: inline-block; min-width: 1.9em; color: {MUTED}; }}
figure.map {{ margin: 0; }}
figure.map svg {{ width: 100%; height: auto; border: .5pt solid {FAINT}; }}
table {{ border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 9pt; }}
th {{ text-align: left; background: {LANE}; padding: .45rem .5rem; }}
td {{ padding: .4rem .5rem; border-bottom: .5pt solid {FAINT}; vertical-align: top; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.nw {{ white-space: nowrap; }}
tfoot td {{ font-weight: 600; color: {INK}; border-bottom: none; border-top: .8pt solid {MUTED}; }}
.facts {{ display: flex; flex-wrap: wrap; gap: .5rem; margin: .8rem 0 1rem; }}
.facts div {{ background: {LANE}; border-radius: 4px; padding: .5rem .8rem; min-width: 8rem; }}
.facts dd {{ margin: .15rem 0 0; font-size: 13pt; font-weight: 600; color: {INK}; }}
.tag i {{ display: inline-block; width: .45em; height: .95em; border-radius: 1px;
  margin-right: .45em; vertical-align: -.1em; }}
.bar {{ display: inline-block; position: relative; width: 7rem; height: .7em; background: {LANE};
  border-radius: 2px; vertical-align: middle; }}
.bar .fill {{ position: absolute; left: 0; top: 0; bottom: 0; border-radius: 2px; }}
.bar .ideal {{ position: absolute; top: -.2em; bottom: -.2em; width: 1.5px; background: {INK}; }}
.spark {{ vertical-align: middle; }}
a {{ color: {KIND_ACCENT[NodeKind.ACTIVITY]}; word-break: break-all; }}
code {{ word-break: break-all; }}
.none {{ color: {MUTED}; }}
@media print {{
  body {{ margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }}
  section {{ break-before: page; border-top: none; margin-top: 0; padding-top: 0; }}
  section.diagram {{ page: map; }}
  section.diagram h2 {{ font-size: 11pt; margin-bottom: 2mm; }}
  /* The landscape sheet's height less its margins and the heading: the map stays on one page. */
  figure.map svg {{ height: 160mm; width: auto; max-width: 100%; border: none; display: block;
    margin: 0 auto; }}
  tr, .facts {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  h2, h3 {{ break-after: avoid; }}
  a {{ color: inherit; }}
}}
""".strip()
