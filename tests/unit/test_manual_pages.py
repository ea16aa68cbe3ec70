"""The operating manual's PDF: pages laid out as a typesetter would, then written whole.

Layout rules checked on the geometry: everything inside the page, nothing on
top of anything else, a heading never last on a page, paragraphs without a
lone line at a break, long tables that repeat their heading row, a row taller
than a page continued; the contents page's numbers are the headings' pages.
Then the file: the diagram first and landscape, bookmarks, links.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from rolemap.domain.entities import Node, Role
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
    Subheading,
    Table,
    Trend,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.render.page import Rect

WORDS = (
    "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "while", "the",
    "team", "ships",
)  # fmt: skip


@pytest.fixture
def measure(qapp: object) -> object:
    from rolemap.render.metrics import TextMeasure

    return TextMeasure()


def sentence(n: int, seed: int = 0) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(n))


ANSWER = tuple(f"answer {i}: {' '.join(WORDS[i % 5 : i % 5 + 8])}" for i in range(160))


def handbook(*sections: Section) -> Handbook:
    role = Role("r", "Layout role", purpose="Keep the pages tidy.")
    nodes = [Node("a", "r", NodeKind.ACTIVITY, "Typesetting"), Node("o", "r", NodeKind.OUTCOME,
             "Tidy pages", y=10)]  # fmt: skip
    role_map = RoleMap.build(role, nodes, [])
    return Handbook(role.name, role.purpose, "Q2 2026", dt.date(2026, 6, 10),
                    Diagram(role_map, {}, "Q2 2026", ()), sections)  # fmt: skip


def long_handbook() -> Handbook:
    rows = tuple(
        (f"Outcome {i}", sentence(3 + i % 9, i), f"{i} h", Trend(((dt.date(2026, 1, 1), i),)))
        for i in range(300)
    )
    columns = (Column("Outcome"), Column("Metric"), Column("Hours", Align.RIGHT), Column("Trend"))
    return handbook(
        Section("role", "Purpose, accountabilities and decision rights", (
            Paragraph("Keep the pages tidy.", emphasis=True),
            Facts((("Review cadence", "Monthly"), ("Weekly capacity", "40 h"))),
            Subheading("Accountabilities"),
            Bullets(tuple(sentence(6 + i % 20, i) for i in range(40))),
            Subheading("For my successor"),
            Paragraph("\n".join(f"note {i}: {sentence(10, i)}" for i in range(150))),
        )),
        Section("outcomes", "Outcomes", (Table(columns, rows),), "A lead.", NodeKind.OUTCOME),
        Section("practice", "Reviews and plans", (
            Subheading("Last review"),
            Table((Column("Question"), Column("Answer")), (
                ("A short question?", "\n".join(ANSWER)),
                ("Another?", "Short."),
            )),
        )),
    )  # fmt: skip


@pytest.fixture
def layout(measure: object) -> object:
    from rolemap.render.manual_layout import lay_out

    return lay_out(long_handbook(), "a4", measure)  # type: ignore[arg-type]


def overlaps(a: Rect, b: Rect) -> bool:
    return (
        a.x < b.right - 0.5
        and b.x < a.right - 0.5
        and a.y < b.bottom - 0.5
        and b.y < (a.bottom - 0.5)
    )


def test_everything_is_inside_the_page(layout: object) -> None:
    from rolemap.render.manual_flow import BOTTOM, MARGIN_X, TOP

    setup = layout.setup  # type: ignore[attr-defined]
    sheet = Rect(MARGIN_X, 20, setup.width - 2 * MARGIN_X, setup.height - 40)
    for page in layout.pages:  # type: ignore[attr-defined]
        for text in page.texts:
            assert sheet.contains(text.rect, slack=0.05), text
            in_head = text.y < TOP - 10 or text.y > setup.height - BOTTOM
            if not in_head:  # the body keeps off the running head and the foot
                assert text.y >= TOP - 0.01 and text.rect.bottom <= setup.height - BOTTOM + 0.01
        for rect in [
            *page.panels,
            *(s.rect for s in page.swatches),
            *(s.rect for s in page.sparks),
        ]:
            assert sheet.contains(rect, slack=0.05)


def test_nothing_is_drawn_over_anything_else(layout: object) -> None:
    for page in layout.pages:  # type: ignore[attr-defined]
        rects = [t.rect for t in page.texts] + [s.rect for s in page.sparks]
        for a, b in itertools.combinations(rects, 2):
            assert not overlaps(a, b), (a, b)


def test_the_contents_give_each_headings_page(layout: object) -> None:
    contents = layout.pages[0]  # type: ignore[attr-defined]
    numbers = [t for t in contents.texts if t.align == "right" and t.text.isdigit()]
    titles = [t for t in contents.texts if t.align == "left" and t.text[:1].isalpha()]
    entries = {}
    for number in numbers:
        title = next(t for t in titles if abs(t.y - number.y) < 0.01 and t.x < number.x)
        entries[title.text] = int(number.text)
    anchors = [a for a in layout.anchors if a.title != "Contents"]  # type: ignore[attr-defined]
    assert entries == {a.title: a.page + 1 for a in anchors}
    assert entries["The role on one page"] == 1
    for anchor in anchors[1:]:
        page = layout.pages[anchor.page - 1]  # type: ignore[attr-defined]
        assert any(t.text == anchor.title and abs(t.y - anchor.y) < 40 for t in page.texts)


def test_sections_start_pages_and_headings_never_end_one(layout: object) -> None:
    from rolemap.render.manual_flow import SUB

    for anchor in layout.anchors[2:]:  # type: ignore[attr-defined]
        page = layout.pages[anchor.page - 1]  # type: ignore[attr-defined]
        heading = next(t for t in page.texts if t.text == anchor.title)
        below = [t for t in page.texts if t.y > heading.y + SUB and t.y < 780]
        assert len(below) >= 2, anchor  # the heading keeps what follows it
        if anchor.level == 0:
            assert anchor.y == 64.0  # a section opens its page


def test_paragraphs_leave_no_lone_line_at_a_break(layout: object, measure: object) -> None:
    notes = {f"note {i}: {sentence(10, i)}" for i in range(150)}
    counts = []
    for page in layout.pages:  # type: ignore[attr-defined]
        lines = sum(1 for t in page.texts if t.text in notes)
        if lines:
            counts.append(lines)
    assert len(counts) >= 2 and sum(counts) == 150
    assert min(counts) >= 2


def test_long_tables_repeat_their_heading_row(layout: object) -> None:
    pages = [
        p for p in layout.pages  # type: ignore[attr-defined]
        if any(t.text.startswith("Outcome ") for t in p.texts)
    ]  # fmt: skip
    assert len(pages) >= 5
    for page in pages:
        heads = [t for t in page.texts if t.text == "OUTCOME"]
        first = min(t.y for t in page.texts if t.text.startswith("Outcome "))
        assert len(heads) == 1 and heads[0].y < first
    shown = [t.text for p in pages for t in p.texts if re.fullmatch(r"Outcome \d+", t.text)]
    assert shown == [f"Outcome {i}" for i in range(300)]  # every row, once, in order
    assert sum(len(p.sparks) for p in pages) == 300


def test_a_row_taller_than_a_page_continues_on_the_next(layout: object) -> None:
    answer = list(ANSWER)
    pages = [
        p for p in layout.pages  # type: ignore[attr-defined]
        if any(t.text in answer for t in p.texts)
    ]  # fmt: skip
    assert len(pages) >= 2
    shown = [t.text for p in pages for t in p.texts if t.text in answer]
    assert shown == answer
    for page in pages:
        assert any(t.text == "QUESTION" for t in page.texts)


def test_short_cells_are_never_broken(measure: object) -> None:
    from rolemap.render.manual_tables import column_widths

    table = Table(
        (Column("Outcome"), Column("Due"), Column("Hours", Align.RIGHT), Column("Evidence")),
        (
            (
                "A title " * 12,
                "30 Jun 2027",
                "1234 h",
                Reference("https://example.org/" + "x" * 300),
            ),
        ),
    )
    widths = column_widths(table, measure, 500.0)  # type: ignore[arg-type]
    assert sum(widths) == pytest.approx(500.0)
    assert widths[1] >= measure.width("30 Jun 2027", 8.0) + 10  # type: ignore[attr-defined]
    assert widths[2] >= measure.width("1234 h", 8.0) + 10  # type: ignore[attr-defined]
    assert widths[3] <= 500 * 0.5  # a long address wraps rather than squeezing the rest


# -- the file -------------------------------------------------------------------------------


def test_the_pdf_opens_with_the_diagram_and_has_bookmarks(qapp: object, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf", reason="bookmarks are added with pypdf")
    from rolemap.render.manual_pages import write_manual_pdf

    out = tmp_path / "manual.pdf"
    notes = write_manual_pdf(long_handbook(), out, "letter")
    assert notes == []
    reader = pypdf.PdfReader(out)
    first = reader.pages[0].mediabox
    assert (float(first.width), float(first.height)) == (792.0, 612.0)  # landscape Letter
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages[1:]} == {
        (612.0, 792.0)
    }
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in top] == [
        "1  The role on one page", "Contents", "2  Purpose, accountabilities and decision rights",
        "3  Outcomes", "4  Reviews and plans",
    ]  # fmt: skip
    nested = [[t.title for t in item] for item in outline if isinstance(item, list)]
    assert nested == [["Accountabilities", "For my successor"], ["Last review"]]
    assert reader.get_destination_page_number(top[0]) == 0
    assert reader.get_destination_page_number(top[1]) == 1
    links = reader.pages[1].get("/Annots")
    assert links is not None and len(links.get_object()) >= 6  # each contents entry jumps
    assert [p.name for p in tmp_path.iterdir()] == ["manual.pdf"]


def test_the_pdf_without_pypdf_is_whole_and_says_so(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from rolemap.render.manual_pages import write_manual_pdf

    monkeypatch.setitem(sys.modules, "pypdf", None)
    out = tmp_path / "manual.pdf"
    notes = write_manual_pdf(handbook(Section("role", "Purpose", (Paragraph("x"),))), out)
    assert notes == ["The PDF has no bookmarks or links: the pypdf package is not installed."]
    assert out.read_bytes().startswith(b"%PDF-") and out.read_bytes().rstrip().endswith(b"%%EOF")


def test_the_html_diagram_is_an_inline_svg_that_names_no_address(qapp: object) -> None:
    from rolemap.render.manual_pages import diagram_svg

    book = handbook()
    book.diagram.role_map.put_node(
        Node("x", "r", NodeKind.OUTPUT, "<script>alert(1)</script> & co", y=20)
    )
    svg, notes = diagram_svg(book, "a4")
    assert svg.startswith("<svg") and svg.endswith("</svg>") and notes == []
    assert "<?xml" not in svg and not re.search(r"https?:", svg)
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    assert re.match(r'<svg[^>]* viewBox="0 0 841\.89 595\.28"', svg)  # scales with the page
    assert not re.match(r"<svg[^>]* (width|height)=", svg)


@pytest.mark.parametrize("lines", [4, 5, 7])
def test_no_widow_or_orphan_wherever_a_paragraph_falls(measure: object, lines: int) -> None:
    from rolemap.render.manual_layout import lay_out

    for filler in range(40, 80):  # moves the paragraph across the page's foot
        para = [f"line {i} of the paragraph that must not be split badly" for i in range(lines)]
        book = handbook(
            Section("role", "Purpose", (
                Paragraph("\n".join(f"filler {i}" for i in range(filler))),
                Paragraph("\n".join(para)),
            )),
        )  # fmt: skip
        pages = lay_out(book, "a4", measure).pages  # type: ignore[arg-type]
        counts = [n for p in pages if (n := sum(t.text in para for t in p.texts))]
        assert sum(counts) == lines
        assert min(counts) >= 2, (filler, counts)
