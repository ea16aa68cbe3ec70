"""The foot of the diagram: the legend (kinds, categories, purpose marks) and the footer."""

from __future__ import annotations

from collections.abc import Sequence

from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.render import palette
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, Swatch, Text

LEGEND_SIZE, FOOTER_SIZE = 7.0, 7.5


def bottom_zone(
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
