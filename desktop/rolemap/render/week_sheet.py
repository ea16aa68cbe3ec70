"""The printed week's sheet: a cursor down the page and the few things placed on it.

`Sheet` collects the texts, hairlines, panels and swatches of render/shapes.py
for one body size, with the helpers every section of the week uses: a text,
wrapped text, a section heading in the diagram's lane-header style, a row of
boxes to tick, a line saying what was left off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolemap.domain.kinds import NodeKind
from rolemap.render import palette
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, MIN_TEXT, Swatch, Text


@dataclass
class Sheet:
    """What is placed so far at one body size `s`; `y` is the cursor, moving down."""

    area: Rect
    s: float
    measure: TextMeasure
    y: float = 0.0
    texts: list[Text] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)
    panels: list[tuple[NodeKind, Rect]] = field(default_factory=list)
    swatches: list[Swatch] = field(default_factory=list)

    def text(
        self,
        x: float,
        y: float,
        w: float,
        size: float,
        text: str,
        colour: str = palette.INK,
        bold: bool = False,
        align: str = "left",
    ) -> None:
        self.texts.append(Text(x, y, w, size, text, colour, bold, align))

    def small(self, factor: float = 0.8) -> float:
        """A secondary text size: `factor` of the body, never under the page's minimum."""
        return max(MIN_TEXT, self.s * factor)

    def wrapped(
        self, x: float, w: float, size: float, text: str, colour: str, most: int = 3
    ) -> int:
        """Text wrapped to `w` at the cursor (at most `most` lines, the last elided); lines."""
        lines = self.measure.wrap(text, size, w)
        if len(lines) > most:
            lines = [*lines[: most - 1], self.measure.elide(" ".join(lines[most - 1 :]), size, w)]
        for i, line in enumerate(lines):
            self.text(x, self.y + i * size * LINE, w, size, line, colour)
        return len(lines)

    def heading(self, title: str, kind: NodeKind | None, right: str = "") -> None:
        """A section heading like the diagram's lane headers: a swatch, CAPITALS, a hairline."""
        s, a = self.s, self.area
        self.y += s * 1.5
        size = self.small(0.82)
        x = a.x
        if kind is not None:
            self.swatches.append(Swatch(Rect(x, self.y + size * 0.1, size * 2, size), kind=kind))
            x += size * 2.6
        self.text(x, self.y, a.right - x, size, title.upper(), palette.MUTED, True)
        if right:
            self.text(a.x, self.y, a.w, size, right, palette.MUTED, False, "right")
        self.y += size * LINE + s * 0.35
        self.rules.append((a.x, a.right, self.y))
        self.y += s * 0.45

    def boxes(
        self, x: float, y: float, count: float, filled: float, colour: str, kind: NodeKind
    ) -> None:
        """Boxes to tick, one per unit; a part left over gets a narrower box; `filled` are done."""
        b, gap = self.s * 0.82, self.s * 0.32
        whole, part = int(count), count - int(count)
        widths = [b] * whole + ([b * max(0.4, part)] if part >= 0.25 else [])
        for i, w in enumerate(widths):
            r = Rect(x + i * (b + gap), y, w, b)
            done = i < int(filled + 1e-9) or filled >= count - 1e-9
            self.swatches.append(Swatch(r, colour=colour) if done else Swatch(r, kind=kind))

    def more(self, x: float, text: str) -> None:
        """A muted line saying what was left off, at the cursor."""
        size = self.small(0.85)
        self.text(x, self.y + self.s * 0.3, self.area.right - x, size, text, palette.MUTED)
        self.y += size * LINE + self.s * 0.3
