"""The page composition: where everything on the one-page diagram goes, in points.

Pure geometry (fonts are only measured): `compose` turns a role map, a page
and optional per-node figures into boxes, text runs, curves and swatches that
`painter.paint_composition` draws without further decisions. Tests check the
composition directly: every box inside the printable area, every text at or
above the minimum size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import check_purpose
from rolemap.domain.role_map import RoleMap
from rolemap.render import palette
from rolemap.render.lane_layout import LaneLayout, fit_lanes
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup, Rect

MIN_TEXT = 6.0
LINE = 1.22  # line pitch, in sizes
NAME_SIZE, PURPOSE_SIZE, META_SIZE = 20.0, 10.0, 7.5
LEGEND_SIZE, FOOTER_SIZE = 7.0, 7.5


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text: its box's top-left (x, y), width, size in points and look."""

    x: float
    y: float
    w: float
    size: float
    text: str
    colour: str = palette.INK
    bold: bool = False
    align: str = "left"  # left | right | centre

    @property
    def rect(self) -> Rect:
        """The line's box."""
        return Rect(self.x, self.y, self.w, self.size * LINE)


@dataclass(frozen=True, slots=True)
class Box:
    """A node's box with its texts."""

    node_id: str
    kind: NodeKind
    rect: Rect
    radius: float
    texts: tuple[Text, ...]
    category_colour: str | None = None
    flagged: bool = False
    badge: float = 0.0  # badge radius


@dataclass(frozen=True, slots=True)
class Curve:
    """A link: a cubic Bézier from p0 to p3 with an arrowhead at p3."""

    p0: tuple[float, float]
    c1: tuple[float, float]
    c2: tuple[float, float]
    p3: tuple[float, float]
    width: float
    arrow: float
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Swatch:
    """A legend sample: a kind's box shape, a category colour, a badge or a dashed line."""

    rect: Rect
    kind: NodeKind | None = None
    colour: str | None = None
    badge: bool = False
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Composition:
    """Everything on the page, in page points."""

    page: PageSetup
    texts: tuple[Text, ...]
    rules: tuple[tuple[float, float, float], ...]  # hairlines: (x0, x1, y)
    lanes: tuple[tuple[NodeKind, Rect], ...] = ()
    boxes: tuple[Box, ...] = ()
    curves: tuple[Curve, ...] = ()
    swatches: tuple[Swatch, ...] = ()
    link_opacity: float = 1.0
    map_scale: float = 1.0
    title_size: float = 0.0
    detail_level: int = 0
    notes: tuple[str, ...] = field(default=())

    def all_texts(self) -> list[Text]:
        """Every text run, boxes' included."""
        return [*self.texts, *(t for box in self.boxes for t in box.texts)]


def compose(
    role_map: RoleMap,
    page: PageSetup,
    figures: Mapping[str, str] | None = None,
    *,
    period: str = "",
    footer: Sequence[str] = (),
    today: dt.date | None = None,
    measure: TextMeasure | None = None,
    min_size: float = MIN_TEXT,
) -> Composition:
    """Compose the one-page diagram of `role_map`.

    Args:
        role_map: the role, its nodes and links.
        page: paper size, orientation and margin.
        figures: node id → a short figure ("12 h", "3 delivered"); None for none.
        period: what the figures cover ("November 2026"), shown in the title band.
        footer: lines for the footer; the first is the headline.
        today: the date printed (default: today).
        measure: the text measurer (default: a new one; needs a QGuiApplication).
        min_size: the smallest text size before the map is shrunk, in points.
    """
    measure = measure or TextMeasure()
    area = page.printable
    texts: list[Text] = []
    rules: list[tuple[float, float, float]] = []
    band_bottom = _title_band(role_map, area, period, today or dt.date.today(), measure, texts)
    rules.append((area.x, area.right, band_bottom + 8))
    top = band_bottom + 20

    nodes = list(role_map.nodes.values())
    if not nodes:
        middle = top + (area.bottom - top) / 2 - 20
        texts.append(
            Text(area.x, middle, area.w, 15, "This role is empty.", palette.MUTED, True, "centre")
        )
        texts.append(
            Text(
                area.x,
                middle + 24,
                area.w,
                9.5,
                "Add activities, outputs and outcomes on the map, then export again.",
                palette.MUTED,
                False,
                "centre",
            )
        )
        return Composition(page, tuple(texts), tuple(rules))

    flagged = check_purpose(role_map).flagged
    weak = any(
        link.confidence is not None and link.confidence < 0.5 for link in role_map.links.values()
    )
    swatches: list[Swatch] = []
    bottom_texts: list[Text] = []
    bottom = _bottom_zone(
        role_map, area, footer, bool(flagged), weak, measure, bottom_texts, swatches
    )
    rules.append((area.x, area.right, bottom - 8))
    map_area = Rect(area.x, top, area.w, bottom - 18 - top)
    layout, scale = fit_lanes(nodes, figures or {}, measure, map_area.w, map_area.h, min_size)
    lanes, boxes = _map_items(role_map, layout, scale, map_area, flagged, texts)
    curves = _curves(role_map, boxes, layout.metrics.t * scale)
    count = len(curves)
    opacity = 0.85 if count < 120 else 0.55 if count < 600 else 0.35
    notes: list[str] = []
    if scale < 1:
        notes.append(
            f"{len(nodes):,} nodes do not fit one page at {min_size:g} pt; "
            f"the map is drawn at {layout.metrics.t * scale:.1f} pt."
        )
        texts.append(
            Text(map_area.x, map_area.bottom + 1, map_area.w, 6.5, notes[-1], palette.MUTED,
                 False, "right")
        )  # fmt: skip
    texts.extend(bottom_texts)
    return Composition(
        page, tuple(texts), tuple(rules), tuple(lanes), tuple(boxes), tuple(curves),
        tuple(swatches), opacity, scale, layout.metrics.t * scale, layout.metrics.level,
        tuple(notes),
    )  # fmt: skip


def _title_band(
    role_map: RoleMap,
    area: Rect,
    period: str,
    today: dt.date,
    measure: TextMeasure,
    out: list[Text],
) -> float:
    """Role name and purpose on the left, date and period on the right; returns the bottom."""
    role = role_map.role
    meta = [today.strftime("%-d %B %Y")]
    if period:
        meta.append(f"Figures: {period}")
    meta.append(f"{len(role_map.nodes)} nodes · {len(role_map.links)} links")
    meta_w = max(measure.width(line, META_SIZE) for line in meta)
    left_w = area.w - meta_w - 36
    y = area.y
    for line in measure.wrap(role.name or "Untitled role", NAME_SIZE, left_w, bold=True):
        out.append(Text(area.x, y, left_w, NAME_SIZE, line, palette.INK, True))
        y += NAME_SIZE * 1.15
    y += 3
    if role.purpose.strip():
        for line in measure.wrap(role.purpose, PURPOSE_SIZE, min(left_w, area.w * 0.62)):
            out.append(Text(area.x, y, left_w, PURPOSE_SIZE, line, palette.BODY))
            y += PURPOSE_SIZE * LINE
    meta_y = area.y + 3
    for i, line in enumerate(meta):
        colour = palette.INK if i == 0 else palette.MUTED
        out.append(
            Text(area.right - meta_w, meta_y, meta_w, META_SIZE, line, colour, i == 0, "right")
        )
        meta_y += META_SIZE * 1.45
    return max(y, meta_y)


def _bottom_zone(
    role_map: RoleMap,
    area: Rect,
    footer: Sequence[str],
    flagged: bool,
    weak: bool,
    measure: TextMeasure,
    out: list[Text],
    swatches: list[Swatch],
) -> float:
    """Legend (and footer lines above it) at the foot of the page; returns the zone's top."""
    s = LEGEND_SIZE
    kinds = [k for k in NodeKind if any(n.kind is k for n in role_map.nodes.values())]
    used = {
        str(n.detail("category") or "Other")
        for n in role_map.nodes.values()
        if n.kind is NodeKind.ACTIVITY
    }
    categories = [c for c in role_map.role.categories if c.name in used]
    known = {c.name for c in categories}
    extra = sorted(used - known)
    items: list[tuple[str, Swatch | None, bool]] = [("KINDS", None, True)]
    items += [(k.label, Swatch(Rect(0, 0, 2.2 * s, 1.1 * s), kind=k), False) for k in kinds]
    if categories or extra:
        items.append(("CATEGORIES", None, True))
        for name in [c.name for c in categories] + extra:
            colour = role_map.role.category_colour(name)
            items.append((name, Swatch(Rect(0, 0, 0.55 * s, 1.1 * s), colour=colour), False))
    if flagged or weak:
        items.append(("PURPOSE CHECK", None, True))
    if flagged:
        items.append(
            (
                "leads to no outcome, or nothing feeds it",
                Swatch(Rect(0, 0, 1.1 * s, 1.1 * s), badge=True),
                False,
            )
        )
    if weak:
        items.append(
            ("low-confidence link", Swatch(Rect(0, 0, 2.6 * s, 1.1 * s), dashed=True), False)
        )

    rows: list[list[tuple[float, str, Swatch | None, bool]]] = [[]]
    x = 0.0
    for label, swatch, heading in items:
        width = (swatch.rect.w + 0.5 * s if swatch else 0.0) + measure.width(label, s, heading)
        gap = (2.4 if heading and x else 1.3) * s
        if x and x + gap + width > area.w:
            rows.append([])
            x = 0.0
        start = x + (gap if x else 0.0)
        rows[-1].append((start, label, swatch, heading))
        x = start + width
    pitch = s * 1.9
    y = area.bottom - len(rows) * pitch + (pitch - s * LINE) / 2
    zone_top = area.bottom - len(rows) * pitch
    for row in rows:
        for start, label, swatch, heading in row:
            tx = area.x + start
            if swatch:
                r = swatch.rect
                cy = y + s * LINE / 2
                swatches.append(
                    Swatch(
                        Rect(tx, cy - r.h / 2, r.w, r.h),
                        swatch.kind,
                        swatch.colour,
                        swatch.badge,
                        swatch.dashed,
                    )
                )
                tx += r.w + 0.5 * s
            w = measure.width(label, s, heading)
            out.append(
                Text(tx, y, w, s, label, palette.MUTED if heading else palette.BODY, heading)
            )
        y += pitch

    lines: list[tuple[str, bool]] = []
    for i, line in enumerate(footer):
        bold = i == 0
        lines += [(part, bold) for part in measure.wrap(line, FOOTER_SIZE, area.w, bold)]
    if lines:
        y = zone_top - 6 - len(lines) * FOOTER_SIZE * 1.4
        zone_top = y - 4
        for text, bold in lines:
            out.append(
                Text(
                    area.x,
                    y,
                    area.w,
                    FOOTER_SIZE,
                    text,
                    palette.INK if bold else palette.BODY,
                    bold,
                )
            )
            y += FOOTER_SIZE * 1.4
    return zone_top


def _map_items(
    role_map: RoleMap,
    layout: LaneLayout,
    scale: float,
    area: Rect,
    flagged: frozenset[str],
    texts: list[Text],
) -> tuple[list[tuple[NodeKind, Rect]], list[Box]]:
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
            if placed.detail:
                own.append(Text(tx, y, tw, m.detail * scale, placed.detail, palette.MUTED))
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


def _category_colour(role_map: RoleMap, node: Node) -> str | None:
    if node.kind is not NodeKind.ACTIVITY:
        return None
    return role_map.role.category_colour(str(node.detail("category") or "Other"))


def _curves(role_map: RoleMap, boxes: list[Box], t: float) -> list[Curve]:
    by_id = {box.node_id: box.rect for box in boxes}
    count = len(role_map.links)
    width = 0.8 if count < 120 else 0.5 if count < 600 else 0.3
    arrow = max(1.2, 0.42 * t)
    curves = []
    for link in role_map.links.values():
        source, target = by_id.get(link.source), by_id.get(link.target)
        if source is None or target is None:
            continue
        p0 = (source.right, source.y + source.h / 2)
        p3 = (target.x - arrow * 0.2, target.y + target.h / 2)
        dx = max(6.0, (p3[0] - p0[0]) * 0.45)
        weak = link.confidence is not None and link.confidence < 0.5
        curves.append(Curve(p0, (p0[0] + dx, p0[1]), (p3[0] - dx, p3[1]), p3, width, arrow, weak))
    return curves
