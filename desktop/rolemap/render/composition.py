"""The page composition: where everything on the one-page diagram goes, in points.

Pure geometry (fonts are only measured): `compose` turns a role map, a page
and optional per-node figures into boxes, text runs, curves and swatches
(render/shapes.py) that `painter.paint_composition` draws without further
decisions. The title band, the legend with the footer, and the map itself
are placed by their own modules. Tests check the composition directly: every
box inside the printable area, every text at or above the minimum size.

A node's title wraps onto at most four lines on the page, the last cut
short with "…": a paragraph-long title would otherwise make one box as tall
as a lane, and the page has no hover to show it whole (the canvas does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rolemap.domain.purpose import check_purpose
from rolemap.domain.role_map import RoleMap
from rolemap.render import palette
from rolemap.render.lane_layout import fit_lanes
from rolemap.render.legend import bottom_zone
from rolemap.render.map_items import curves_of, map_items
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup, Rect
from rolemap.render.shapes import MIN_TEXT, Box, Composition, Curve, Swatch, Text
from rolemap.render.title_band import title_band

__all__ = ["MIN_TEXT", "Box", "Composition", "Curve", "Swatch", "Text", "compose"]

MAX_TITLE_LINES = 4


class _TitleMeasure(TextMeasure):
    """The page's measure, with node titles kept to `most` lines (see the module docstring).

    Only the lanes' layout measures through it: there every bold wrap is a title.
    """

    def __init__(self, measure: TextMeasure, most: int) -> None:
        self.__dict__.update(measure.__dict__)
        self._most = most

    def wrap(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        lines = super().wrap(text, size, width, bold)
        if not bold or len(lines) <= self._most:
            return lines
        rest = " ".join(lines[self._most - 1 :])
        return [*lines[: self._most - 1], self._cut(rest, size, width, bold)]

    def _cut(self, text: str, size: float, width: float, bold: bool) -> str:
        """`text` shortened to one line with "…" (at a word's end where one fits)."""
        short = self.elide(text, size, width, bold)
        words = short[:-1].rsplit(" ", 1)
        if len(words) == 2 and self.width(words[0], size, bold) > width * 0.6:
            return words[0].rstrip(" ,;:—-") + "…"
        return short


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
    band_bottom = title_band(role_map, area, period, today or dt.date.today(), measure, texts)
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
    bottom = bottom_zone(
        role_map, area, footer, bool(flagged), weak, measure, bottom_texts, swatches
    )
    rules.append((area.x, area.right, bottom - 8))
    map_area = Rect(area.x, top, area.w, bottom - 18 - top)
    titles = _TitleMeasure(measure, MAX_TITLE_LINES)
    layout, scale = fit_lanes(nodes, figures or {}, titles, map_area.w, map_area.h, min_size)
    lanes, boxes = map_items(role_map, layout, scale, map_area, flagged, texts, measure)
    curves = curves_of(role_map, boxes, layout.metrics.t * scale, layout.metrics.gap * scale / 2)
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
