"""The printed week: one portrait page, everything inside it, text never too small."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.support.generate import big_role_map

from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan, prefill
from rolemap.domain.week_report import WeekReport, week_report
from rolemap.interchange import rolemap_json
from rolemap.render.page import PageSetup
from rolemap.render.shapes import MIN_TEXT, Composition

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "engineering-manager.json"
)
W49 = Week(2026, 49)
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def measure(qapp: object) -> object:
    from rolemap.render.metrics import TextMeasure

    return TextMeasure()


def example() -> RoleMap:
    return rolemap_json.loads(EXAMPLE.read_text(encoding="utf-8"))[0].role_map


def node(role_map: RoleMap, title: str) -> str:
    return next(n.id for n in role_map if n.title == title)


def example_report() -> WeekReport:
    role_map = example()
    docs, guide = node(role_map, "Design docs"), node(role_map, "Onboarding guide")
    goal = node(role_map, "Delivery predictability")
    plan = (
        prefill(role_map, W49)
        .with_output(PlannedOutput(docs, 1, dt.date(2026, 12, 3)))
        .with_output(PlannedOutput(guide, 2))
        .with_focus(goal)
        .with_note("Protect Thursday morning for the design doc.")
    )
    reviews = node(role_map, "Code reviews")
    return week_report(
        role_map,
        plan,
        stored=True,
        activity_seconds={reviews: 3 * 3600 + 1800},
        deliveries={guide: 1},
        checkins={},
        latest={goal: CheckIn("c", goal, "2026-11-27", 68.5)},
        today=TODAY,
    )


def compose(report: WeekReport, measure: object, page: str = "a4") -> Composition:
    from rolemap.render.week_page import compose_week

    return compose_week(report, PageSetup(page, landscape=False), measure=measure)  # type: ignore[arg-type]


def assert_sound(composition: Composition) -> None:
    area = composition.page.printable
    for text in composition.all_texts():
        assert area.contains(text.rect), text
        assert text.size >= MIN_TEXT - 1e-9, text
    for swatch in composition.swatches:
        assert area.contains(swatch.rect), swatch
    for _, panel in composition.lanes:
        assert area.contains(panel)
    for x0, x1, y in composition.rules:
        assert area.x - 0.01 <= x0 <= x1 <= area.right + 0.01 and area.y <= y <= area.bottom


@pytest.mark.parametrize("page", ["a4", "letter"])
def test_the_week_on_one_portrait_page(measure: object, page: str) -> None:
    composition = compose(example_report(), measure, page)
    assert not composition.page.landscape and composition.page.size == page
    assert_sound(composition)
    words = [t.text for t in composition.all_texts()]
    for expected in (
        "Week 49",
        "Engineering manager",
        "Code reviews",
        "Design docs",
        "Onboarding guide",
        "Delivery predictability",
        "by Thu 3 Dec",
        "Mon 30",
        "Sun 6",
        "check-in due",
        "3.5 h logged",
        "1 delivered",
        "Protect Thursday morning for the design doc.",
    ):
        assert expected in words, expected
    assert any("reaches no outcome" in w for w in words)
    assert composition.notes == ()
    # The body is printed large when the week is small.
    title = next(t for t in composition.texts if t.text == "Code reviews")
    assert title.size == 9.5


def test_a_box_per_planned_hour_and_filled_boxes_for_time_logged(measure: object) -> None:
    report = example_report()
    composition = compose(report, measure)
    kinds = [s for s in composition.swatches if s.kind is NodeKind.INPUT]
    filled = [s for s in composition.swatches if s.colour is not None and s.rect.w == s.rect.h]
    planned = sum(a.planned_hours for a in report.activities)  # whole hours in the example
    logged = 3  # 3.5 h on 5 planned: three full boxes filled
    assert len(kinds) + logged == planned
    assert len(filled) >= logged


def test_an_empty_week_says_what_to_write(measure: object) -> None:
    role_map = example()
    report = week_report(
        role_map,
        WeekPlan(role_map.role.id, W49),
        stored=False,
        activity_seconds={},
        deliveries={},
        checkins={},
        latest={},
        today=TODAY,
    )
    composition = compose(report, measure)
    assert_sound(composition)
    words = [t.text for t in composition.all_texts()]
    assert "No hours planned this week." in words
    assert "None intended yet: write this week's here." in words


def test_a_huge_week_still_fits_and_says_what_was_left_off(measure: object) -> None:
    role_map = big_role_map(400, 800, seed=2, name="A very long role name " * 6)
    acts = role_map.nodes_of(NodeKind.ACTIVITY)
    outputs = role_map.nodes_of(NodeKind.OUTPUT)
    plan = WeekPlan(
        role_map.role.id,
        W49,
        {a.id: 1 + i % 9 for i, a in enumerate(acts)},
        tuple(PlannedOutput(o.id, 1 + i % 12) for i, o in enumerate(outputs[:30])),
        tuple(n.id for n in role_map.nodes_of(NodeKind.OUTCOME)[:20]),
        "x " * 900,
    )
    report = week_report(
        role_map,
        plan,
        stored=True,
        activity_seconds={},
        deliveries={},
        checkins={},
        latest={},
        today=TODAY,
    )
    composition = compose(report, measure)
    assert_sound(composition)
    assert composition.notes and "Left off to fit one page" in composition.notes[0]
    words = " ".join(t.text for t in composition.all_texts())
    assert "more with" in words and "more intended" in words and "more in focus" in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_holds_the_weeks_text(measure: object, tmp_path: Path) -> None:
    from rolemap.render.writers import write

    out = tmp_path / "week.pdf"
    write(compose(example_report(), measure), out, "pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    for expected in (
        "Week 49",
        "Writing design docs",
        "Onboarding guide",
        "Delivery predictability",
    ):
        assert expected in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M) and "595 x 842 pts (A4)" in info
    assert re.search(r"^Title:\s+Engineering manager", info, re.M)
