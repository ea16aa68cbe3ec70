"""A review on paper and in Markdown: the questions, the answers, the evidence, on 1–2 pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.map_changes import describe
from rolemap.domain.map_diff import diff
from rolemap.domain.review import QUESTIONS, ActionStatus, Review
from rolemap.domain.review_evidence import CheckPoint, PeriodFacts, gather_evidence
from rolemap.domain.review_sheet import ActionLine, ReviewSheet
from rolemap.domain.role_map import RoleMap
from rolemap.render.shapes import MIN_TEXT
from rolemap.services.review_report import markdown

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed"
)
ANSWERS = (
    "Mostly: code reviews feed merged changes, email feeds nothing.",
    "Retention is on track; lead time is behind.",
    "Cut status email to twice a week | keep the 1:1s *as they are*.",
    "The role now coaches leads; the map needs an outcome for it.",
)


def node(node_id: str, kind: str, title: str, **details: Any) -> Node:
    k = NodeKind(kind)
    return Node(node_id, "r", k, title, "", 0.0, 0.0, {**default_details(k), **details})


def sheet(answers: tuple[str, str, str, str] = ANSWERS, activities: int = 6) -> ReviewSheet:
    role = Role(
        "r", "Engineering | lead *", created="2026-06-01", accountabilities=("Grow", "Budget"),
        ideal_allocation={"Maker's work": 0.4, "Admin & email": 0.1},
    )  # fmt: skip
    nodes = [
        node(f"a{i}", "activity", f"Activity {i}", planned_hours=float(i), category="Maker's work")
        for i in range(activities)
    ]
    nodes += [
        node("email", "activity", "Email", category="Admin & email"),
        node("o1", "output", "Merged changes"),
        node("x1", "outcome", "Retention", baseline=80.0, target=90.0, due="2027-06-01",
             unit="%", accountability="Grow"),
    ]  # fmt: skip
    links = [
        Link(f"l{i}", "r", f"a{i}", "o1", confidence=0.3 if i == 0 else None)
        for i in range(activities)
    ]
    links.append(Link("ox", "r", "o1", "x1"))
    after = RoleMap.build(role, nodes, links)
    before = RoleMap.build(role, nodes[1:], links[1:])
    facts = PeriodFacts(
        dt.date(2026, 11, 2),
        dt.date(2026, 12, 1),
        {f"a{i}": 2.0 + i for i in range(activities)} | {"email": 9.0},
        {"Maker's work": 20.0, "Admin & email": 9.0},
        {"o1": 4},
        {"x1": [CheckPoint("2026-10-30", 82.0), CheckPoint("2026-11-27", 84.0)]},
        {"x1": dt.date(2026, 7, 1)},
    )
    evidence = gather_evidence(
        after, facts, describe(diff(before, after), before.nodes, after.nodes)
    )
    review = Review(
        "0123456789ab", "r", dt.date(2026, 11, 2), dt.date(2026, 12, 1), "2026-12-01T09:00:00Z",
        "2026-12-01T10:00:00Z", answers,
    )  # fmt: skip
    actions = (
        ActionLine(1, "x", "Cut status email", ActionStatus.OPEN, "Email", False),
        ActionLine(2, "y", "Book the offsite", ActionStatus.DONE, "", True),
        ActionLine(3, "z", "Rewrite the ladder", ActionStatus.DROPPED, "", True),
    )
    return ReviewSheet(role.name, review, evidence, actions, dt.date(2026, 12, 1))


@pytest.fixture
def measure(qapp: object) -> object:
    from rolemap.render.metrics import TextMeasure

    return TextMeasure()


def texts_of(pages: Any) -> list[str]:
    return [t.text for page in pages.pages for t in page.texts]


def test_a_review_fits_one_page_inside_the_margins(measure: Any) -> None:
    from rolemap.render.review_pages import compose_review

    pages = compose_review(sheet(), "a4", measure)
    assert len(pages.pages) == 1 and pages.notes == ()
    page = pages.pages[0]
    for text in page.texts:
        assert page.page.printable.contains(text.rect), text
        assert text.size >= MIN_TEXT
    for _, panel in page.lanes:
        assert page.page.printable.contains(panel)
    words = " ".join(texts_of(pages))
    for question in QUESTIONS:
        assert question in words
    for answer in ANSWERS:
        assert answer in words
    assert "Hours with nothing delivered downstream: Email (9 h)." in words
    assert "Added activity ‘Activity 0’" in words


def test_many_rows_are_cut_to_keep_two_pages(measure: Any) -> None:
    from rolemap.render.review_pages import compose_review

    pages = compose_review(sheet(activities=60), "letter", measure)
    assert len(pages.pages) <= 2 and pages.notes == ()
    assert any(t.startswith("… and ") for t in texts_of(pages))


def test_a_long_answer_flows_over_pages_and_none_of_it_is_cut(measure: Any) -> None:
    from rolemap.render.review_pages import compose_review

    long = "\n".join(f"Paragraph {i}: " + "the work went well " * 12 for i in range(60))
    pages = compose_review(sheet((long, "", "", "")), "a4", measure)
    assert len(pages.pages) > 2
    assert "none of their words are cut" in pages.notes[0]
    words = " ".join(texts_of(pages)).split()
    assert words.count("well") == long.split().count("well")
    assert sum(t.startswith("Paragraph") for t in texts_of(pages)) == 60
    for page in pages.pages:
        for text in page.texts:
            assert page.page.printable.contains(text.rect), text
    assert f"page {len(pages.pages)} of {len(pages.pages)}" in texts_of(pages)


@needs_poppler
def test_the_pdf_holds_the_questions_and_answers_and_renders(measure: Any, tmp_path: Path) -> None:
    from rolemap.render.review_pages import compose_review, write_review_pdf

    target = tmp_path / "review.pdf"
    write_review_pdf(compose_review(sheet(), "a4", measure), target, "Lead — review")
    assert target.stat().st_mode & 0o777 == 0o600
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "Lead — review" in info
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for question in QUESTIONS:
        assert question.replace("'", "’") in flat.replace("'", "’")
    for answer in ANSWERS:
        assert answer in flat
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(target), str(tmp_path / "p")], check=True)
    png = tmp_path / "p-1.png"
    assert png.stat().st_size > 5_000  # not a blank page


def test_a_fifo_is_never_replaced(measure: Any, tmp_path: Path) -> None:
    from rolemap.render.review_pages import compose_review, write_review_pdf
    from rolemap.render.writers import RenderError

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(RenderError, match="not a regular file"):
        write_review_pdf(compose_review(sheet(), "a4", measure), fifo)
    assert fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.pdf"]


def test_markdown_holds_every_part_and_escapes_titles() -> None:
    text = markdown(sheet())
    assert text.startswith("# Review · Engineering \\| lead \\* · 2 Nov – 1 Dec 2026")
    for number, question in enumerate(QUESTIONS, start=1):
        assert f"## {number}. {question}" in text
    for answer in ANSWERS:
        assert f"> {answer}" in text  # the person's own words, as written
    assert "| Activity | Planned | Actual | Delivered downstream | Per 10 h |" in text
    assert "- [ ] Cut status email — *Email*" in text
    assert "- [x] Book the offsite (from an earlier review)" in text
    assert "~~Rewrite the ladder~~ (dropped)" in text
    assert "Hours on weak links: 2 h" in text
    assert "- Added activity ‘Activity 0’" in text
    empty = markdown(sheet(("", "", "", "")))
    assert empty.count("*—*") == 4


def test_a_long_unit_does_not_squeeze_the_tables(measure: Any) -> None:
    from rolemap.render.review_pages import compose_review

    long = sheet()
    evidence = long.evidence
    assert evidence is not None
    outcome = dataclasses.replace(evidence.outcomes[0], unit="weeks to a first merged change " * 8)
    long = dataclasses.replace(long, evidence=dataclasses.replace(evidence, outcomes=(outcome,)))
    page = compose_review(long, "a4", measure).pages[0]
    for text in page.texts:
        assert page.page.printable.contains(text.rect), text
    title = next(t for t in page.texts if t.text == "Retention")
    assert title.w > 150  # the outcome's own column keeps its room
