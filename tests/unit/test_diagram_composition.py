"""The one-page diagram's composition: everything inside the page, text never too small."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest
from tests.support.generate import big_role_map

from rolemap.domain.entities import Link, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.interchange import rolemap_json
from rolemap.render.composition import MIN_TEXT, Composition, Curve, compose
from rolemap.render.page import PageSetup

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "engineering-manager.json"
)


@pytest.fixture
def measure(qapp: object) -> object:
    from rolemap.render.metrics import TextMeasure

    return TextMeasure()


def example() -> RoleMap:
    return rolemap_json.loads(EXAMPLE.read_text(encoding="utf-8"))[0].role_map


def role_of(size: int) -> RoleMap:
    """A generated role of exactly `size` nodes (the generator makes at least three)."""
    role_map = big_role_map(size, size * 2)
    if size < len(role_map.nodes):
        keep = next(iter(role_map.nodes.values()))
        role_map = RoleMap(role_map.role, {keep.id: keep})
    return role_map


def assert_inside(composition: Composition) -> None:
    area = composition.page.printable
    for box in composition.boxes:
        assert area.contains(box.rect), box
        for text in box.texts:
            assert box.rect.contains(text.rect, slack=0.05), (text, box.rect)
    for text in composition.all_texts():
        assert area.contains(text.rect), text
    for _, lane in composition.lanes:
        assert area.contains(lane)
    for swatch in composition.swatches:
        assert area.contains(swatch.rect)


def assert_no_overlap(composition: Composition) -> None:
    boxes = sorted(composition.boxes, key=lambda b: (b.rect.x, b.rect.y))
    by_column: dict[float, list] = {}
    for box in boxes:
        by_column.setdefault(round(box.rect.x, 3), []).append(box.rect)
    for rects in by_column.values():
        rects.sort(key=lambda r: r.y)
        for upper, lower in itertools.pairwise(rects):
            assert upper.bottom <= lower.y + 1e-6


@pytest.mark.parametrize("size", [1, 30, 200, 2000])
@pytest.mark.parametrize("page", [PageSetup("a4"), PageSetup("letter", landscape=False)])
def test_every_box_is_inside_the_printable_area(size: int, page: PageSetup, measure) -> None:
    role_map = role_of(size)
    figures = {n.id: "12 h" for n in role_map if n.kind is NodeKind.ACTIVITY}
    composition = compose(role_map, page, figures, period="May 2026", measure=measure)
    assert len(composition.boxes) == len(role_map.nodes) == size
    assert_inside(composition)
    assert_no_overlap(composition)


@pytest.mark.parametrize("size", [1, 30, 200])
def test_text_is_never_under_the_minimum_when_the_map_fits(size: int, measure) -> None:
    composition = compose(role_of(size), PageSetup("a4"), measure=measure)
    assert composition.map_scale == 1.0
    assert min(t.size for t in composition.all_texts()) >= MIN_TEXT


def test_two_thousand_nodes_on_a4_are_shrunk_rather_than_cut(measure) -> None:
    # 2,000 titles cannot fit one A4 sheet at 6 pt (about 250 pt² each); the
    # layout is first made as dense as it gets, then scaled, and the page says so.
    role_map = big_role_map(2000, 4000)
    composition = compose(role_map, PageSetup("a4"), measure=measure)
    assert composition.map_scale < 1.0
    assert composition.notes
    titles = {t.text for box in composition.boxes for t in box.texts}
    assert {n.title for n in role_map} <= titles
    outside_map = [t for t in composition.texts if t.size >= MIN_TEXT]
    assert outside_map, "title band and legend keep their sizes"
    assert min(t.size for t in composition.all_texts()) >= 2.0


def test_every_title_is_on_the_page_whole(measure) -> None:
    role_map = example()
    composition = compose(role_map, PageSetup("a4"), measure=measure)
    assert_inside(composition)
    for box in composition.boxes:
        shown = " ".join(t.text for t in box.texts if t.bold)
        assert shown == " ".join(role_map.nodes[box.node_id].title.split())


def test_long_titles_wrap_instead_of_being_cut(measure) -> None:
    role_map = example()
    node = next(n for n in role_map if n.kind is NodeKind.OUTPUT)
    long = "A very long output title that goes on and on about the quarterly plan and more"
    role_map.put_node(
        type(node)(**{**{f: getattr(node, f) for f in node.__slots__}, "title": long})
    )
    composition = compose(role_map, PageSetup("a4", landscape=False), measure=measure)
    box = next(b for b in composition.boxes if b.node_id == node.id)
    lines = [t.text for t in box.texts if t.bold]
    assert len(lines) >= 2
    assert " ".join(lines) == long
    assert_inside(composition)


def test_lanes_keep_the_canvas_order_and_inputs_appear_only_when_used(measure) -> None:
    role_map = example()
    composition = compose(role_map, PageSetup("a4"), measure=measure)
    assert [kind for kind, _ in composition.lanes] == [
        NodeKind.ACTIVITY,
        NodeKind.OUTPUT,
        NodeKind.OUTCOME,
    ]
    activities = [b for b in composition.boxes if b.kind is NodeKind.ACTIVITY]
    by_page = [b.node_id for b in sorted(activities, key=lambda b: b.rect.y)]
    by_canvas = [n.id for n in sorted(role_map.nodes_of(NodeKind.ACTIVITY), key=lambda n: n.y)]
    assert by_page == by_canvas
    assert len(composition.curves) == len(role_map.links)


def test_the_title_band_holds_name_purpose_date_and_period(measure) -> None:
    composition = compose(
        example(), PageSetup("a3"), period="Q2 2026", today=dt.date(2026, 5, 4), measure=measure
    )
    texts = [t.text for t in composition.texts]
    assert "Engineering manager" in texts
    assert any("ships what it promises" in t for t in texts)
    assert "4 May 2026" in texts
    assert "Figures: Q2 2026" in texts


def test_an_empty_role_gets_a_page_that_says_so(measure) -> None:
    composition = compose(RoleMap(Role("r", "Nobody yet")), PageSetup("a4"), measure=measure)
    assert not composition.boxes
    assert "This role is empty." in [t.text for t in composition.texts]
    assert_inside(composition)


def _curve_points(curve: Curve, steps: int = 80) -> list[tuple[float, float]]:
    found = []
    for p0, p1, p2, p3 in curve.segments:
        for i in range(steps + 1):
            t = i / steps
            u = 1 - t
            found.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return found


def test_a_link_that_skips_the_outputs_runs_between_their_boxes(measure) -> None:
    role_map = example()
    output = next(n for n in role_map if n.title == "Hiring decisions")
    activity = next(n for n in role_map if n.title == "Hiring loops")  # level with it
    outcome = next(n for n in role_map if n.title == "Team retention ≥ 90 %")
    role_map.put_node(dataclasses.replace(outcome, y=output.y))
    role_map.put_link(Link("skip", role_map.role.id, activity.id, outcome.id))
    composition = compose(role_map, PageSetup("a4"), measure=measure)
    boxes = [b.rect for b in composition.boxes if b.kind is NodeKind.OUTPUT]
    by_id = {b.node_id: b.rect for b in composition.boxes}
    assert abs(by_id[activity.id].y - by_id[output.id].y) < by_id[output.id].h / 2
    skipping = [
        c
        for c in composition.curves
        if c.p0 == (by_id[activity.id].right, by_id[activity.id].y + by_id[activity.id].h / 2)
        and c.p3[1] == by_id[outcome.id].y + by_id[outcome.id].h / 2
    ]
    assert len(skipping) == 1
    crossing = [
        (x, y)
        for x, y in _curve_points(skipping[0])
        for r in boxes
        if r.x < x < r.right and r.y < y < r.bottom
    ]
    assert not crossing


def test_kind_accents_match_the_canvas() -> None:
    from rolemap.canvas.style import KIND_ACCENT as CANVAS
    from rolemap.render.palette import KIND_ACCENT

    assert KIND_ACCENT == CANVAS


def test_page_sizes_and_orientation() -> None:
    a4 = PageSetup("a4")
    assert (round(a4.width), round(a4.height)) == (842, 595)
    assert PageSetup("a4", landscape=False).width < PageSetup("a4", landscape=False).height
    assert PageSetup("letter").pixel_size(300) == (3300, 2550)
    with pytest.raises(ValueError, match="a5"):
        PageSetup("a5")


def test_a_paragraph_long_title_is_cut_at_four_lines(measure) -> None:
    role_map = example()
    node = next(n for n in role_map if n.kind is NodeKind.ACTIVITY)
    long = " ".join(["Quarterly planning with product, design and engineering leads"] * 5)
    role_map.put_node(dataclasses.replace(node, title=long))
    composition = compose(role_map, PageSetup("a4", landscape=False), measure=measure)
    box = next(b for b in composition.boxes if b.node_id == node.id)
    lines = [t.text for t in box.texts if t.bold]
    assert len(lines) == 4
    assert lines[-1].endswith("…")
    assert long.startswith(" ".join(lines)[:-1].rstrip(" ,"))
    tallest_other = max(b.rect.h for b in composition.boxes if b.node_id != node.id)
    assert box.rect.h <= tallest_other * 2.2
    assert_inside(composition)


def test_an_outcome_names_its_target_and_baseline_in_words(measure) -> None:
    """On the canvas "84.4 → 90 %" is now → target: the page must not say baseline → target so."""
    role_map = example()
    retention = next(n for n in role_map if n.title == "Team retention ≥ 90 %")
    plain = compose(role_map, PageSetup("a4"), measure=measure)
    box = next(b for b in plain.boxes if b.node_id == retention.id)
    details = [t.text for t in box.texts if not t.bold]
    assert details == ["↑ target 90 % · baseline 82"]
    figured = compose(role_map, PageSetup("a4"), {retention.id: "now 84.4 / 90 %"}, measure=measure)
    box = next(b for b in figured.boxes if b.node_id == retention.id)
    assert [t.text for t in box.texts if not t.bold] == ["↑ baseline 82"]
    assert "now 84.4 / 90 %" in [t.text for t in box.texts]
    outcomes = [b for b in plain.boxes if b.kind is NodeKind.OUTCOME]
    assert not any("→" in t.text for b in outcomes for t in b.texts)
