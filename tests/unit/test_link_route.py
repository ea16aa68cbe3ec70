"""Link routing: a plain S-curve, or through the gap between the boxes of a skipped lane."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rolemap.domain.kinds import NodeKind
from rolemap.domain.link_route import Corridor, Point, Segment, route, skipped_lane

BOX_W, BOX_H = 224.0, 64.0
LEFT = 688.0  # the Outputs' boxes, as on the canvas


def points(segments: tuple[Segment, ...], steps: int = 60) -> list[Point]:
    found = []
    for p0, p1, p2, p3 in segments:
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


def inside(point: Point, box: tuple[float, float, float, float]) -> bool:
    x, y, w, h = box
    return x < point[0] < x + w and y < point[1] < y + h


def test_only_activity_to_outcome_skips_a_lane() -> None:
    assert skipped_lane(NodeKind.ACTIVITY, NodeKind.OUTCOME) is NodeKind.OUTPUT
    assert skipped_lane(NodeKind.ACTIVITY, NodeKind.OUTPUT) is None
    assert skipped_lane(NodeKind.OUTPUT, NodeKind.OUTCOME) is None


def test_a_clear_curve_stays_one_s() -> None:
    corridor = Corridor.of([(LEFT, 300, BOX_W, BOX_H)], 12)
    segments = route((592, 100), (960, 120), corridor)
    assert len(segments) == 1
    assert segments[0][0] == (592, 100) and segments[0][3] == (960, 120)


def test_a_blocked_curve_goes_through_the_nearest_gap() -> None:
    boxes = [(LEFT, 100 + 88 * i, BOX_W, BOX_H) for i in range(5)]  # gaps of 24
    corridor = Corridor.of(boxes, 12)
    start, end = (592.0, 276.0), (960.0, 276.0)  # level with the middle box
    segments = route(start, end, corridor)
    assert len(segments) == 3
    assert segments[0][0] == start and segments[-1][3] == end
    through = segments[1]
    assert through[0][1] == through[3][1] in (100 + 88 * 2 - 12, 100 + 88 * 3 - 12)
    assert not [p for p in points(segments) for box in boxes if inside(p, box)]


@given(
    st.lists(st.floats(0, 2000), min_size=1, max_size=15),
    st.floats(-100, 2100),
    st.floats(-100, 2100),
)
def test_a_routed_curve_never_crosses_a_box(tops: list[float], y0: float, y1: float) -> None:
    boxes = [(LEFT, top, BOX_W, BOX_H) for top in tops]
    segments = route((592.0, y0), (960.0, y1), Corridor.of(boxes, 12), min_bend=48)
    assert segments[0][0] == (592.0, y0) and segments[-1][3] == (960.0, y1)
    crossing = [p for p in points(segments) for box in boxes if inside(p, box)]
    assert not crossing
    for p0, c1, c2, p3 in segments:  # every segment leaves and arrives horizontally
        assert c1[1] == p0[1] and c2[1] == p3[1]
