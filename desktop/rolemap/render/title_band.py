"""The diagram's title band: the role's name and purpose left, the date and period right."""

from __future__ import annotations

import datetime as dt

from rolemap.domain.role_map import RoleMap
from rolemap.render import palette
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, Text

NAME_SIZE, PURPOSE_SIZE, META_SIZE = 20.0, 10.0, 7.5


def title_band(
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
