"""Fitting a role's lanes into a rectangle: type size, detail, sub-columns, positions.

The rules, in order of preference (the first that fits wins):

1. Titles at the largest size from 10 pt down to the minimum, wrapped to the
   box width, with the node's detail line (category, plan, target) and figure.
2. The same without the detail line, then without the figure (titles only).
3. A lane too tall for one column is split into sub-columns read top to
   bottom, left to right; lanes with more nodes get more sub-columns.
4. Only when titles alone at the minimum size cannot fit is the whole map
   laid out on a larger virtual area and scaled down to the page.

Within a lane nodes keep their top-to-bottom order from the canvas; a lane of
one column keeps the canvas spacing where there is room, so lines of sight
read as they do on screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rolemap.domain import geometry
from rolemap.domain.describe import subtitle
from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.render.metrics import TextMeasure

TITLE_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
FULL, NO_DETAIL, TITLES = 0, 1, 2  # detail levels, richest first
DETAIL_FLOOR = {FULL: 7.0, NO_DETAIL: 6.0, TITLES: 6.0}
HEADER_SHARE = 2.6  # lane header height, in title sizes


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes derived from the title size `t` (all in points)."""

    t: float
    level: int

    @property
    def detail(self) -> float:
        """Size of the detail line and the figure."""
        return max(self.t * 0.82, min(self.t, 6.0))

    @property
    def pad_x(self) -> float:
        """Inner horizontal padding of a box."""
        return 0.8 * self.t

    @property
    def pad_y(self) -> float:
        """Inner vertical padding of a box."""
        return 0.6 * self.t

    @property
    def leading(self) -> float:
        """Title line pitch."""
        return 1.22 * self.t

    @property
    def gap(self) -> float:
        """The least vertical gap between boxes."""
        return 0.55 * self.t

    @property
    def sub_gap(self) -> float:
        """The horizontal gap between sub-columns of a lane."""
        return 1.2 * self.t

    @property
    def gutter(self) -> float:
        """The space between lanes, where the curves run."""
        return 3.2 * self.t

    @property
    def lane_pad(self) -> float:
        """Horizontal padding inside a lane's shaded column."""
        return 0.9 * self.t

    @property
    def header(self) -> float:
        """Height of a lane's header."""
        return HEADER_SHARE * self.t

    @property
    def min_box_width(self) -> float:
        """Narrower than this, titles break into a word per line."""
        return 9.0 * self.t

    @property
    def max_box_width(self) -> float:
        """Wider than this, a box looks empty."""
        return 19.0 * self.t


@dataclass(frozen=True, slots=True)
class PlacedNode:
    """A node's box in layout units, with the text it shows."""

    node: Node
    x: float
    y: float
    w: float
    h: float
    title_lines: tuple[str, ...]
    detail: str
    figure: str


@dataclass(frozen=True, slots=True)
class PlacedLane:
    """A lane's shaded column in layout units."""

    kind: NodeKind
    x: float
    w: float
    count: int


@dataclass(frozen=True, slots=True)
class LaneLayout:
    """The fitted map: lanes, boxes, and the sizes it chose, in layout units."""

    metrics: Metrics
    lanes: tuple[PlacedLane, ...]
    nodes: tuple[PlacedNode, ...]
    width: float
    height: float


def lane_kinds(nodes: Sequence[Node]) -> list[NodeKind]:
    """The lanes drawn: Inputs only if it has nodes, then the other three."""
    has_inputs = any(n.kind is NodeKind.INPUT for n in nodes)
    return [k for k in NodeKind if k is not NodeKind.INPUT or has_inputs]


def ordered(nodes: Sequence[Node], kind: NodeKind) -> list[Node]:
    """A lane's nodes top to bottom as on the canvas (then left to right, then title)."""
    return sorted(
        (n for n in nodes if n.kind is kind), key=lambda n: (n.y, n.x, n.title.casefold())
    )


class _Fitter:
    """One attempt at fitting the lanes into width × height at a given size and detail."""

    def __init__(
        self,
        lanes: list[tuple[NodeKind, list[Node]]],
        figures: Mapping[str, str],
        measure: TextMeasure,
        metrics: Metrics,
    ) -> None:
        self.lanes = lanes
        self.figures = figures
        self.measure = measure
        self.m = metrics

    def box_height(self, node: Node, inner: float) -> tuple[float, tuple[str, ...]]:
        m = self.m
        lines = tuple(self.measure.wrap(node.title, m.t, inner, bold=True))
        height = 2 * m.pad_y + len(lines) * m.leading
        if self._has_detail_line(node):
            height += 1.3 * m.detail
        return height, lines

    def _has_detail_line(self, node: Node) -> bool:
        if self.m.level == FULL:
            return bool(subtitle(node) or self.figures.get(node.id))
        return self.m.level == NO_DETAIL and bool(self.figures.get(node.id))

    def columns_needed(self, heights: list[float], height: float) -> int:
        """Greedy top-to-bottom packing into columns of `height`; 10**6 if a box is too tall."""
        columns, used = 1, 0.0
        for h in heights:
            if h > height:
                return 10**6
            need = h if used == 0 else used + self.m.gap + h
            if need <= height:
                used = need
            else:
                columns += 1
                used = h
        return columns

    def fit(self, width: float, height: float) -> LaneLayout | None:
        m = self.m
        n_lanes = len(self.lanes)
        body = height - m.header
        fixed = (n_lanes - 1) * m.gutter + n_lanes * 2 * m.lane_pad
        one_line = 2 * m.pad_y + m.leading
        if body < one_line:
            return None
        rows = max(1, int((body + m.gap) // (one_line + m.gap)))
        total = max(n_lanes, sum(max(1, math.ceil(len(ns) / rows)) for _, ns in self.lanes))
        while True:
            w = (width - fixed - (total - n_lanes) * m.sub_gap) / total
            if w < m.min_box_width:
                return None
            box_w = min(w, m.max_box_width)
            per_lane = []
            for _, nodes in self.lanes:
                measured = [self.box_height(n, box_w - 2 * m.pad_x - self._band(n)) for n in nodes]
                k = max(1, self.columns_needed([h for h, _ in measured], body)) if nodes else 1
                per_lane.append((k, measured))
            needed = sum(k for k, _ in per_lane)
            if needed <= total:
                return self._place(per_lane, width, height, w if needed == total else None)
            total = needed

    def _band(self, node: Node) -> float:
        return 0.55 * self.m.t if node.kind is NodeKind.ACTIVITY else 0.0

    def _place(
        self,
        per_lane: list[tuple[int, list[tuple[float, tuple[str, ...]]]]],
        width: float,
        height: float,
        w: float | None,
    ) -> LaneLayout:
        m = self.m
        n_lanes = len(self.lanes)
        total = sum(k for k, _ in per_lane)
        fixed = (n_lanes - 1) * m.gutter + n_lanes * 2 * m.lane_pad
        if w is None:
            w = (width - fixed - (total - n_lanes) * m.sub_gap) / total
        box_w = min(w, m.max_box_width)
        body_top, body = m.header, height - m.header
        lanes: list[PlacedLane] = []
        placed: list[PlacedNode] = []
        single: list[tuple[float, list[Node], list[tuple[float, tuple[str, ...]]]]] = []
        x = 0.0
        # Spare width (when boxes hit their widest) is shared out between the lanes.
        lane_widths = [k * box_w + (k - 1) * m.sub_gap + 2 * m.lane_pad for k, _ in per_lane]
        spare = width - sum(lane_widths) - (n_lanes - 1) * m.gutter
        gutter = m.gutter + (spare / 2 / (n_lanes - 1) if n_lanes > 1 else 0.0)
        spare = spare / 2 if n_lanes > 1 else spare
        for (kind, nodes), (k, measured), lane_w in zip(
            self.lanes, per_lane, lane_widths, strict=True
        ):
            lane_w += spare / n_lanes
            lanes.append(PlacedLane(kind, x, lane_w, len(nodes)))
            inner_x = x + m.lane_pad
            inner_w = lane_w - 2 * m.lane_pad
            if k == 1:
                single.append((x + (lane_w - box_w) / 2, nodes, measured))
            else:
                col_w = (inner_w - (k - 1) * m.sub_gap) / k
                bw = min(col_w, box_w)
                col, used = 0, 0.0
                for node, (h, lines) in zip(nodes, measured, strict=True):
                    if used and used + m.gap + h > body:
                        col, used = col + 1, 0.0
                    y = body_top + (used + m.gap if used else 0.0)
                    cx = inner_x + col * (col_w + m.sub_gap) + (col_w - bw) / 2
                    placed.append(self._node(node, cx, y, bw, h, lines))
                    used = y - body_top + h
            x += lane_w + gutter
        placed.extend(self._place_single(single, box_w, body_top, body))
        return LaneLayout(m, tuple(lanes), tuple(placed), width, height)

    def _place_single(
        self,
        lanes: list[tuple[float, list[Node], list[tuple[float, tuple[str, ...]]]]],
        box_w: float,
        top: float,
        body: float,
    ) -> list[PlacedNode]:
        """One-column lanes keep the canvas spacing, scaled, where it fits."""
        m = self.m
        all_nodes = [n for _, nodes, _ in lanes for n in nodes]
        if not all_nodes:
            return []
        y0 = min(n.y for n in all_nodes)
        span = max(n.y for n in all_nodes) - y0
        pitch = geometry.NODE_HEIGHT + geometry.NODE_GAP
        typical = 2 * m.pad_y + m.leading + 1.3 * m.detail + 1.8 * m.t
        scale = typical / pitch
        if span * scale > body * 0.85:
            scale = body * 0.85 / span if span else scale
        tops: dict[int, list[float]] = {}
        for index, (_, nodes, measured) in enumerate(lanes):
            ys = [(n.y - y0) * scale for n in nodes]
            heights = [h for h, _ in measured]
            for i in range(1, len(ys)):  # push down where boxes would touch
                ys[i] = max(ys[i], ys[i - 1] + heights[i - 1] + m.gap)
            limit = body
            for i in range(len(ys) - 1, -1, -1):  # then pull up what overflows
                ys[i] = min(ys[i], limit - heights[i])
                limit = ys[i] - m.gap
            tops[index] = ys
        used_top = min(min(ys) for ys in tops.values() if ys)
        used_bottom = max(
            ys[-1] + measured[-1][0]
            for (_, _, measured), ys in zip(lanes, tops.values(), strict=True)
            if ys
        )
        shift = max(0.0, (body - (used_bottom - used_top)) / 2) - used_top
        shift = min(shift, body - used_bottom)
        shift = max(shift, -used_top)
        result = []
        for index, (x, nodes, measured) in enumerate(lanes):
            for node, (h, lines), y in zip(nodes, measured, tops[index], strict=True):
                result.append(self._node(node, x, top + y + shift, box_w, h, lines))
        return result

    def _node(
        self, node: Node, x: float, y: float, w: float, h: float, lines: tuple[str, ...]
    ) -> PlacedNode:
        m = self.m
        detail = figure = ""
        if self._has_detail_line(node):
            figure = self.figures.get(node.id, "")
            if m.level == FULL:
                room = w - 2 * m.pad_x - self._band(node)
                if figure:
                    room -= self.measure.width(figure, m.detail, bold=True) + m.t
                detail = self.measure.elide(subtitle(node), m.detail, max(0.0, room))
        return PlacedNode(node, x, y, w, h, lines, detail, figure)


def fit_lanes(
    nodes: Sequence[Node],
    figures: Mapping[str, str],
    measure: TextMeasure,
    width: float,
    height: float,
    min_size: float = 6.0,
) -> tuple[LaneLayout, float]:
    """The best layout of `nodes` in width × height, and the scale it is drawn at (≤ 1).

    A scale below 1 means even titles alone at `min_size` did not fit, and the
    layout was made for a larger area and shrunk: nothing is cut off.
    """
    lanes = [(kind, ordered(nodes, kind)) for kind in lane_kinds(nodes)]
    for level in (FULL, NO_DETAIL, TITLES):
        floor = max(min_size, DETAIL_FLOOR[level])
        sizes = [t for t in TITLE_SIZES if t >= floor] or [floor]
        for t in sizes:
            layout = _Fitter(lanes, figures, measure, Metrics(t, level)).fit(width, height)
            if layout is not None:
                return layout, 1.0
    fitter = _Fitter(lanes, figures, measure, Metrics(min_size, TITLES))
    low, high = 0.02, 1.0  # scale: fits at `low`, not at `high`
    best = None
    for _ in range(14):
        middle = (low + high) / 2
        attempt = fitter.fit(width / middle, height / middle)
        if attempt is None:
            high = middle
        else:
            low, best = middle, attempt
        if high - low < 0.004 and best is not None:
            break
    if best is None:
        best = fitter.fit(width / low, height / low)
        assert best is not None, "a layout always fits a large enough area"
    return best, low
