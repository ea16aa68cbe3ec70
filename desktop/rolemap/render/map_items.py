"""The map on the page: lane columns, boxes with their texts, and the links' curves.

Curves follow `domain.link_route`, as on the canvas: a link that skips a lane
runs through the gap between that lane's boxes instead of across them.

An outcome's detail line names its numbers ("↑ target 90 % · baseline 82"):
on the canvas "84.4 → 90 %" reads now → target, and the page must not use
the same arrow for baseline → target. Its latest value, when the page shows
figures, is the figure on the right ("now 84.4 / 90 %").
"""

from __future__ import annotations

from rolemap.domain.describe import number
from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.link_route import Corridor, route, skipped_lane
from rolemap.domain.role_map import RoleMap
from rolemap.render import palette
from rolemap.render.lane_layout import LaneLayout
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import Rect
from rolemap.render.shapes import MIN_TEXT, Box, Curve, Text


def map_items(
    role_map: RoleMap,
    layout: LaneLayout,
    scale: float,
    area: Rect,
    flagged: frozenset[str],
    texts: list[Text],
    measure: TextMeasure | None = None,
) -> tuple[list[tuple[NodeKind, Rect]], list[Box]]:
    """The lanes' columns and the boxes, placed in `area` at `scale`; lane headers go to `texts`.

    With `measure`, an outcome's detail line is worded as the module docstring says.
    """
    m = layout.metrics
    ox, oy = area.x, area.y

    def rect(x: float, y: float, w: float, h: float) -> Rect:
        return Rect(ox + x * scale, oy + y * scale, w * scale, h * scale)

    lanes = []
    header_size = max(m.t * 0.9, min(m.t, MIN_TEXT)) * scale
    for lane in layout.lanes:
        lanes.append((lane.kind, rect(lane.x, 0, lane.w, layout.height)))
        label = f"{lane.kind.lane_title.upper()}  ·  {lane.count}"
        x, y = rect(lane.x + m.lane_pad, m.t * 0.7, 0, 0).x, oy + m.t * 0.7 * scale
        texts.append(
            Text(x, y, (lane.w - 2 * m.lane_pad) * scale, header_size, label, palette.MUTED, True)
        )

    boxes = []
    for placed in layout.nodes:
        node = placed.node
        r = rect(placed.x, placed.y, placed.w, placed.h)
        band = 0.55 * m.t if node.kind is NodeKind.ACTIVITY else 0.0
        tx = r.x + (m.pad_x + band) * scale
        tw = r.w - (2 * m.pad_x + band) * scale
        y = r.y + m.pad_y * scale
        own: list[Text] = []
        for line in placed.title_lines:
            own.append(Text(tx, y, tw, m.t * scale, line, palette.INK, True))
            y += m.leading * scale
        if placed.detail or placed.figure:
            y += 0.1 * m.t * scale
            detail = placed.detail
            if detail and node.kind is NodeKind.OUTCOME and measure is not None:
                room = placed.w - 2 * m.pad_x
                if placed.figure:
                    room -= measure.width(placed.figure, m.detail, bold=True) + m.t
                detail = measure.elide(
                    outcome_detail(node, bool(placed.figure)), m.detail, max(0.0, room)
                )
            if detail:
                own.append(Text(tx, y, tw, m.detail * scale, detail, palette.MUTED))
            if placed.figure:
                colour = palette.mix(palette.KIND_ACCENT[node.kind], 0.85, palette.INK)
                own.append(Text(tx, y, tw, m.detail * scale, placed.figure, colour, True, "right"))
        radius = {
            NodeKind.OUTCOME: min(r.h / 2, 1.6 * m.t * scale),
            NodeKind.INPUT: 0.25 * m.t * scale,
        }
        boxes.append(
            Box(
                node.id, node.kind, r, radius.get(node.kind, 0.6 * m.t * scale), tuple(own),
                _category_colour(role_map, node), node.id in flagged, 0.42 * m.t * scale,
            )
        )  # fmt: skip
    return lanes, boxes


def outcome_detail(node: Node, has_figure: bool) -> str:
    """An outcome's detail line on the page: "↑ target 90 % · baseline 82" (the metric if
    it has no target); with a figure beside it ("now 84.4 / 90 %"), only what that lacks."""
    target, baseline = node.detail("target"), node.detail("baseline")
    unit = str(node.detail("unit") or "")
    arrow = "↓" if node.detail("direction") == "down" else "↑"
    if not isinstance(target, int | float):
        return str(node.detail("metric") or "")
    base = f"baseline {number(baseline)}" if isinstance(baseline, int | float) else ""
    if has_figure:
        return f"{arrow} {base}".strip() if base else arrow
    aim = f"{arrow} target {number(target)}{' ' + unit if unit else ''}"
    return f"{aim} · {base}" if base else aim


def _category_colour(role_map: RoleMap, node: Node) -> str | None:
    if node.kind is not NodeKind.ACTIVITY:
        return None
    return role_map.role.category_colour(str(node.detail("category") or "Other"))


def curves_of(role_map: RoleMap, boxes: list[Box], t: float, clearance: float) -> list[Curve]:
    """Every link's curve between the placed boxes (`t`: title size; `clearance`: from boxes)."""
    by_id = {box.node_id: box for box in boxes}
    count = len(role_map.links)
    width = 0.8 if count < 120 else 0.5 if count < 600 else 0.3
    arrow = max(1.2, 0.42 * t)
    corridors = {
        kind: Corridor.of(
            ((b.rect.x, b.rect.y, b.rect.w, b.rect.h) for b in boxes if b.kind is kind), clearance
        )
        for kind in NodeKind
    }
    curves = []
    for link in role_map.links.values():
        source, target = by_id.get(link.source), by_id.get(link.target)
        if source is None or target is None:
            continue
        s, e = source.rect, target.rect
        p0 = (s.right, s.y + s.h / 2)
        p3 = (e.x - arrow * 0.2, e.y + e.h / 2)
        skipped = skipped_lane(source.kind, target.kind)
        segments = route(p0, p3, corridors[skipped] if skipped else None, min_bend=6.0)
        weak = link.confidence is not None and link.confidence < 0.5
        curves.append(Curve(segments, width, arrow, weak))
    return curves
