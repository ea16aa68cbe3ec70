"""What the one-page diagram is made of, in page points: texts, boxes, curves, swatches.

The composition (`compose`) decides where each goes; the painter draws them
without further decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolemap.domain.kinds import NodeKind
from rolemap.domain.link_route import Point, Segment
from rolemap.render import palette
from rolemap.render.page import PageSetup, Rect

MIN_TEXT = 6.0  # the smallest text before the map is shrunk, in points
LINE = 1.22  # line pitch, in sizes


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
    """A link: cubic Bézier segments (see domain.link_route) with an arrowhead at the end."""

    segments: tuple[Segment, ...]
    width: float
    arrow: float
    dashed: bool = False

    @property
    def p0(self) -> Point:
        """Where the link leaves its source."""
        return self.segments[0][0]

    @property
    def p3(self) -> Point:
        """The tip of the arrowhead, at the target's edge."""
        return self.segments[-1][3]


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
