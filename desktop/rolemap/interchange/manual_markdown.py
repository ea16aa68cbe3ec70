"""The operating manual as Markdown (`manual_html` writes it as one HTML file).

It reads the neutral document of `domain.handbook`, embeds the one-page
diagram as a ```mermaid block (the Mermaid writer's own output) and writes
trends as lists of values. Every piece of the person's text is escaped:
Markdown's special characters stay literal (`*bold* | pipe`, in a table cell
too). Evidence links become links only for http and https addresses.
"""

from __future__ import annotations

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
    Reference,
    Subheading,
    Table,
    cell_text,
    long_date,
)
from rolemap.interchange import mermaid

# -- Markdown --------------------------------------------------------------------------------

# Backslash-escaped wherever they appear: each can start emphasis, a link, an
# entity, raw HTML, a table cell or a heading.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
# Only special at the start of a line: list items ("- ", "+ ", "1. "), setext underlines
# and thematic breaks ("===", "---").
_MD_LINE_START = re.compile(r"^(\s*)(=|[-+](?=\s|$|-)|\d{1,9}(?=[.)](?:\s|$)))")


def md_escape(text: str) -> str:
    """`text` as literal Markdown on one line (line breaks become spaces)."""
    flat = " ".join(text.split())
    return _MD_LINE_START.sub(_escape_start, _MD_SPECIAL.sub(r"\\\1", flat))


def _escape_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    # "- x" → "\- x"; "1. x" → "1\. x" (the digits stay, the dot or bracket is escaped).
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"


def _md_lines(text: str) -> str:
    """Running text with its paragraphs and line breaks kept (a hard break per line)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        lines = [md_escape(line) for line in paragraph.splitlines() if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(out)


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, Reference) and cell.is_web and not re.search(r"[\s<>]", cell.target):
        return f"<{cell.target}>"
    lines = [md_escape(line) for line in cell_text(cell).splitlines() if line.strip()]
    return "<br>".join(lines) or " "


def _md_table(table: Table) -> list[str]:
    head = "| " + " | ".join(md_escape(c.title) for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.align is Align.RIGHT else "---" for c in table.columns)
    lines = [head, rule + "|"]
    rows = [*table.rows, *((table.total,) if table.total else ())]
    for index, row in enumerate(rows):
        cells = [_md_cell(c) for c in row]
        if table.total is not None and index == len(rows) - 1:
            cells = [f"**{c}**" if c.strip() else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        text = _md_lines(block.text)
        if block.emphasis:
            return ["\n".join(f"> {line}".rstrip() for line in text.splitlines())]
        return [f"*{text}*" if block.muted and "\n" not in text else text]
    if isinstance(block, Bullets):
        return [f"- {md_escape(item)}" for item in block.items]
    if isinstance(block, Facts):
        table = Table(
            tuple(Column(label) for label, _ in block.pairs),
            (tuple(value for _, value in block.pairs),),
        )
        return _md_table(table)
    if isinstance(block, Subheading):
        return [f"### {md_escape(block.text)}"]
    return _md_table(block)


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in `text`."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = re.sub(r"[^\w\- ]", "", title.lower())
    return kept.replace(" ", "-")


def markdown(handbook: Handbook) -> str:
    """The manual as Markdown (GitHub flavour: tables, a Mermaid block for the diagram)."""
    lines = [f"# {md_escape(handbook.title)}", ""]
    if handbook.purpose.strip():
        lines += [_md_lines(handbook.purpose), ""]
    lines += [
        f"*Figures for {md_escape(handbook.period_label)} · made {long_date(handbook.made)} "
        "with Rolemap*",
        "",
        "## Contents",
        "",
    ]
    for number, title, subheadings in handbook.outline():
        heading = f"{number}. {title}"
        lines.append(f"{number}. [{md_escape(title)}](#{github_anchor(heading)})")
        lines += [f"   - {md_escape(sub)}" for sub in subheadings]
    lines += ["", f"## 1. {DIAGRAM_TITLE}", ""]
    chart = mermaid.dumps(handbook.diagram.role_map)
    fence = _fence(chart)
    lines += [f"{fence}mermaid", chart.rstrip("\n"), fence, ""]
    if handbook.diagram.footer:
        lines += [f"*{md_escape(handbook.diagram.footer[0])}*", ""]
    for number, section in handbook.numbered():
        lines += [f"## {number}. {md_escape(section.title)}", ""]
        if section.lead:
            lines += [f"*{md_escape(section.lead)}*", ""]
        for block in section.blocks:
            lines += [*_md_block(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
