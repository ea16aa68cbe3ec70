"""The path a link's curve takes: one gentle S from port to port, or through a gap.

A link that skips a lane (an activity straight to an outcome) would otherwise
run across the boxes of the lane between. `route` keeps the plain S-curve when
it clears those boxes, and otherwise sends the curve through the free gap
between them nearest to where it would have crossed: an S into the gap, a
straight run through the lane, an S out to the target. The canvas and the
printed page both draw what it returns, in their own units, so the two
pictures agree.

Coordinates grow rightwards and downwards; a path is a tuple of cubic Bézier
segments, each (start, control 1, control 2, end), every one of them leaving
and arriving horizontally.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from rolemap.domain.kinds import LANE_ORDER, NodeKind

Point = tuple[float, float]
Segment = tuple[Point, Point, Point, Point]

BEND_SHARE = 0.5  # how far the control points reach, as a share of the horizontal run

_SKIPPED = {
    (source, target): LANE_ORDER[source.lane + 1]
    for source in NodeKind
    for target in NodeKind
    if target.lane - source.lane == 2
}


def skipped_lane(source: NodeKind, target: NodeKind) -> NodeKind | None:
    """The lane a link from a `source` to a `target` node runs across, if it skips one.

    Of the links the lane rule allows, only activity → outcome does (across Outputs).
    """
    return _SKIPPED.get((source, target))


@dataclass(frozen=True, slots=True)
class Corridor:
    """The boxes of one lane that links skipping it must pass between.

    `left`/`right` bound the boxes horizontally; `blocked` are the vertical
    spans the boxes take, widened by the clearance, merged and sorted.
    """

    left: float
    right: float
    blocked: tuple[tuple[float, float], ...]
    tops: tuple[float, ...]

    @classmethod
    def of(
        cls, boxes: Iterable[tuple[float, float, float, float]], clearance: float
    ) -> Corridor | None:
        """The corridor of boxes given as (x, y, width, height); None for an empty lane."""
        spans = []
        left, right = float("inf"), float("-inf")
        for x, y, w, h in boxes:
            left, right = min(left, x), max(right, x + w)
            spans.append((y - clearance, y + h + clearance))
        if not spans:
            return None
        spans.sort()
        merged: list[tuple[float, float]] = []
        for top, bottom in spans:
            if merged and top < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
            else:
                merged.append((top, bottom))
        return cls(left, right, tuple(merged), tuple(top for top, _ in merged))

    def blocks(self, low: float, high: float) -> bool:
        """Whether a curve spanning low–high (vertically) in the corridor meets a box."""
        index = bisect.bisect_left(self.tops, high)  # spans starting before `high`
        return index > 0 and self.blocked[index - 1][1] > low if index else False

    def free_y(self, wanted: float) -> float:
        """The y nearest to `wanted` at which a horizontal line clears every box."""
        index = bisect.bisect_right(self.tops, wanted) - 1
        if index < 0 or self.blocked[index][1] <= wanted:
            return wanted
        top, bottom = self.blocked[index]
        return top if wanted - top <= bottom - wanted else bottom


def s_curve(start: Point, end: Point, min_bend: float = 0.0) -> Segment:
    """One cubic from `start` to `end`, leaving and arriving horizontally."""
    bend = max(min_bend, abs(end[0] - start[0]) * BEND_SHARE)
    return (start, (start[0] + bend, start[1]), (end[0] - bend, end[1]), end)


def route(
    start: Point, end: Point, corridor: Corridor | None = None, *, min_bend: float = 0.0
) -> tuple[Segment, ...]:
    """The segments of a link from `start` (source port) to `end` (target's left edge).

    With a `corridor` (the boxes of the lane the link skips), the curve goes
    through the nearest gap when the plain S-curve would cross a box.
    """
    plain = s_curve(start, end, min_bend)
    if corridor is None or not start[0] < corridor.left < corridor.right < end[0]:
        return (plain,)
    low, high = _span_between(plain, corridor.left, corridor.right)
    if not corridor.blocks(low, high):
        return (plain,)
    y = corridor.free_y((start[1] + end[1]) / 2)
    entry, exit_ = (corridor.left, y), (corridor.right, y)
    third = (exit_[0] - entry[0]) / 3
    straight = (entry, (entry[0] + third, y), (exit_[0] - third, y), exit_)
    return (s_curve(start, entry), straight, s_curve(exit_, end))


def _span_between(segment: Segment, left: float, right: float) -> tuple[float, float]:
    """The lowest and highest y of an S-curve between two x positions.

    An S-curve's x and y both change monotonically along it, so the span is
    the y at the two crossings, found by bisection on the curve parameter.
    """
    y_left, y_right = _y_at_x(segment, left), _y_at_x(segment, right)
    return min(y_left, y_right), max(y_left, y_right)


def _y_at_x(segment: Segment, x: float) -> float:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    low, high = 0.0, 1.0
    for _ in range(18):  # 1/260,000 of the curve: far below a pixel or a point
        t = (low + high) / 2
        u = 1 - t
        if u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3 < x:
            low = t
        else:
            high = t
    t = (low + high) / 2
    u = 1 - t
    return u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3
