"""The operating manual as Markdown and HTML: every title there, everything escaped, nothing loaded.

Hostile titles (`<script>`, `*bold* | pipe`, a line that starts a list) must
come out as the literal text a person typed; the HTML must be one file that
names no address, runs no script and loads nothing; the Markdown's diagram is
the Mermaid writer's own output in a fence it cannot close.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.handbook import (
    Align,
    Bullets,
    Column,
    Diagram,
    Facts,
    Handbook,
    Paragraph,
    Reference,
    Section,
    Share,
    Subheading,
    Table,
    Tag,
    Trend,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.interchange import mermaid
from rolemap.interchange.manual_html import html
from rolemap.interchange.manual_markdown import github_anchor, markdown, md_escape

HOSTILE = (
    "<script>alert(1)</script>",
    "*bold* | pipe",
    "- not a list",
    "1. not a number",
    "# not a heading",
    "[a link](https://evil.example/)",
    "`code` & &amp; \\ back",
    "quote \" and ' and ```",
)
SVG = '<svg viewBox="0 0 10 10" role="img"><text>diagram</text></svg>'


def hostile_map() -> RoleMap:
    role = Role("r", "Role <b>& co</b>", purpose="Purpose *with* | pipes")
    nodes = [
        Node(f"n{i}", "r", kind, title, y=i * 10.0)
        for i, (kind, title) in enumerate(
            zip(
                [NodeKind.ACTIVITY, NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTPUT,
                 NodeKind.OUTCOME, NodeKind.OUTCOME, NodeKind.INPUT, NodeKind.OUTCOME],
                HOSTILE,
                strict=True,
            )
        )
    ]  # fmt: skip
    links = [Link("l1", "r", "n0", "n2"), Link("l2", "r", "n2", "n4")]
    return RoleMap.build(role, nodes, links)


def hostile_handbook() -> Handbook:
    role_map = hostile_map()
    titles = [n.title for n in role_map]
    table = Table(
        (Column("Title"), Column("Hours", Align.RIGHT), Column("Trend"), Column("Evidence")),
        tuple(
            (
                title,
                "3 h",
                Trend(((dt.date(2026, 1, 5), 1.0), (dt.date(2026, 2, 2), 2.5)), "%"),
                Reference("https://example.org/a?b=1&c=<2>"),
            )
            for title in titles
        ),
        total=("All", "24 h", Trend(()), Reference("/srv/path with space.md")),
    )
    sections = (
        Section(
            "role",
            "Purpose, accountabilities and decision rights",
            (
                Paragraph("Purpose *with* | pipes", emphasis=True),
                Facts((("Review cadence", "Monthly"), ("Weekly capacity", "40 h"))),
                Subheading("Accountabilities"),
                Bullets(HOSTILE),
                Subheading("For my successor"),
                Paragraph("First line <i>\n- second line\n\n=== third paragraph"),
            ),
        ),
        Section(
            "outcomes",
            "Outcomes",
            (
                table,
                Table(
                    (Column("Category"), Column("Share")),
                    ((Tag("Maker's <work>", "#e15759"), Share(0.25, 0.2, "red;x:1", 0.5)),),
                ),
                Paragraph("Nothing here yet.", muted=True),
            ),
            lead="What the role is measured by.",
            kind=NodeKind.OUTCOME,
        ),
    )
    return Handbook(
        role_map.role.name,
        role_map.role.purpose,
        "Q2 2026",
        dt.date(2026, 6, 10),
        Diagram(role_map, {}, "Q2 2026", ("Purposeful share 50 %",)),
        sections,
    )


class _Text(HTMLParser):
    """The text a browser shows, tags and attributes apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parsed(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return parser


# -- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize("title", HOSTILE)
def test_markdown_escapes_what_would_be_markup(title: str) -> None:
    escaped = md_escape(title)
    # Unescaped, every special character would have a backslash before it.
    for char in "<>*|`[]#&\\":
        assert char not in re.sub(r"\\.", "", escaped), (title, escaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == title  # nothing lost but the escapes
    assert not re.match(r"[-+=]|\d+[.)]", escaped)


def test_markdown_holds_every_title_and_section() -> None:
    text = markdown(hostile_handbook())
    for title in HOSTILE:
        assert md_escape(title) in text
    for heading in ("## 1. The role on one page", "## 2. Purpose, accountabilities and "
                    "decision rights", "## 3. Outcomes", "### Accountabilities"):  # fmt: skip
        assert heading in text
    assert "[Outcomes](#3-outcomes)" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert "> Purpose \\*with\\* \\| pipes" in text  # the purpose stands out
    assert "First line \\<i\\>\\\n\\- second line\n\n\\=== third paragraph" in text


def test_markdown_tables_keep_their_columns() -> None:
    text = markdown(hostile_handbook())
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) in (2, 3, 4), row  # the facts, the tag table, the wide table
    assert "| --- |" not in text and "|---|---:|---|---|" in text  # numbers to the right
    assert "1 (5 Jan) → 2.5 (2 Feb)" in text  # a trend as values
    assert "<https://example.org/a?b=1&c=<2>>" not in text  # not a safe autolink: escaped


def test_markdown_diagram_is_the_mermaid_writers_block() -> None:
    handbook = hostile_handbook()
    text = markdown(handbook)
    block = re.search(r"^(`{3,})mermaid\n(.*?)\n\1$", text, re.MULTILINE | re.DOTALL)
    assert block is not None
    assert block.group(2) + "\n" == mermaid.dumps(handbook.diagram.role_map)
    assert block.group(2).splitlines()[1] == "flowchart LR"
    # A fence the content cannot close: no run of backticks as long as the fence.
    assert len(block.group(1)) > max(map(len, re.findall("`+", block.group(2))), default=0)


def test_github_anchors() -> None:
    assert github_anchor("2. Purpose, accountabilities and decision rights") == (
        "2-purpose-accountabilities-and-decision-rights"
    )
    assert github_anchor("7. Reviews and plans") == "7-reviews-and-plans"


# -- HTML -------------------------------------------------------------------------------------


def test_html_is_one_file_that_loads_nothing() -> None:
    page = html(hostile_handbook(), SVG)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"\bsrc\s*=|url\(|@import|<link\b|<iframe|<object|<embed", page)
    assert "default-src 'none'" in page  # and the browser is told to load nothing anyway
    # The only address in markup is the evidence link the person recorded: a link to
    # follow, not something loaded; it opens nothing of this page's.
    tags = parsed(page).tags
    named = [(tag, k, v) for tag, attrs in tags for k, v in attrs.items() if "http" in (v or "")]
    assert {(tag, k, v) for tag, k, v in named} == {
        ("a", "href", "https://example.org/a?b=1&c=<2>")
    }
    anchors = [attrs for tag, attrs in tags if tag == "a" and "rel" in attrs]
    assert anchors and all(a["rel"] == "noopener noreferrer" for a in anchors)


def test_html_without_web_evidence_names_no_address() -> None:
    handbook = dataclasses.replace(
        hostile_handbook(),
        sections=(Section("role", "Purpose", (Paragraph("Plain <text>."), Bullets(("a", "b")))),),
        diagram=Diagram(RoleMap(Role("r", "Plain role")), {}, "Q2 2026", ()),
    )
    page = html(handbook, SVG)
    assert not re.search(r"https?:", page)
    assert not re.search(r"(?<![\w-])//[\w.]", page)  # nor a protocol-relative address


def test_html_shows_every_title_as_text() -> None:
    page = html(hostile_handbook(), SVG)
    shown = "".join(parsed(page).chunks)
    for title in HOSTILE:
        assert title in shown
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Role <b>& co</b> — operating manual" in shown
    for heading in ("The role on one page", "Outcomes", "Accountabilities", "Contents"):
        assert heading in shown
    assert SVG in page


def test_html_colours_from_the_data_cannot_leave_their_attribute() -> None:
    page = html(hostile_handbook(), SVG)
    assert "red;x:1" not in page  # not "#rrggbb": replaced by grey
    assert "background:#e15759" in page
    styles = [a.get("style") or "" for _, a in parsed(page).tags]
    assert all(re.fullmatch(r"[\w\s:;#.%()-]*", s) for s in styles), styles


def test_html_sparkline_and_bar() -> None:
    page = html(hostile_handbook(), SVG)
    assert page.count('<svg class="spark"') == 8  # one per row with values; none for "All"
    assert 'aria-label="1 (5 Jan) → 2.5 (2 Feb)"' in page
    assert "width:50.0%" in page  # 25 % of a bar standing for 50 %
    assert "left:40.0%" in page  # the ideal 20 %


def test_html_palette_and_type_are_the_renderers() -> None:
    from rolemap.interchange import manual_html
    from rolemap.render import palette
    from rolemap.render.metrics import FAMILIES

    assert (manual_html.BODY, manual_html.MUTED, manual_html.FAINT) == (
        palette.BODY, palette.MUTED, palette.FAINT,
    )  # fmt: skip
    assert re.findall(r'"([^"]+)"|([\w ]+)(?:,|$)', manual_html.FONTS)
    named = [f.strip().strip('"') for f in manual_html.FONTS.split(",")][:-1]
    assert named == FAMILIES
