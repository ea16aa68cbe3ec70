"""The operating manual's pages as they fill: the parts of a page, and the cursor down it.

A page is made of the diagram's own parts (`render/shapes.py`: text runs,
hairlines, shaded panels, colour swatches), so `painter.paint_composition`
draws it in the diagram's palette and typeface; sparklines are the only
extra. `Flow` keeps the cursor and starts a new page when asked; the layout
(`manual_layout.py`) and the tables (`manual_tables.py`) decide when.
All sizes are in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rolemap.domain.kinds import NodeKind
from rolemap.render import palette
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup, Rect
from rolemap.render.shapes import Composition, Swatch, Text

PANEL = NodeKind.INPUT  # a shaded panel is drawn as a lane is: the kind is not shown
MARGIN_X, TOP, BOTTOM = 50.0, 64.0, 54.0  # body area: below the running head, above the foot
SECTION, LEAD, SUB, BODY, CELL, LABEL = 18.0, 9.5, 11.5, 9.0, 8.0, 6.6  # type sizes
FACT, EMPHASIS = 13.0, 11.0
NOWRAP = 72.0  # a cell narrower than this is never broken (dates, amounts, short names)
PITCH = 1.32  # line pitch of running text and cells, in sizes
PAD_X, PAD_Y = 5.0, 4.2  # inside a table cell
MEASURE = 400.0  # the longest line of running text
SPARK_W, SPARK_H = 58.0, 13.0
BAR_W = 62.0


@dataclass(frozen=True, slots=True)
class Spark:
    """A sparkline: values drawn left to right inside `rect`, the last one marked."""

    rect: Rect
    values: tuple[float, ...]
    colour: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A heading's place: for the contents, the bookmarks and links."""

    title: str
    level: int  # 0: a section, 1: a subheading
    page: int  # 0-based, the diagram's page included
    y: float
    number: str = ""  # a section's number ("3")

    @property
    def label(self) -> str:
        """What a bookmark says: "3  Outcomes"."""
        return f"{self.number}  {self.title}" if self.number else self.title


@dataclass
class TextPage:
    """One laid-out page: the parts the painter draws, and where links go."""

    texts: list[Text] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)
    panels: list[Rect] = field(default_factory=list)
    swatches: list[Swatch] = field(default_factory=list)
    sparks: list[Spark] = field(default_factory=list)
    links: list[tuple[Rect, int | str]] = field(default_factory=list)  # page index or URL

    def composition(self, setup: PageSetup) -> Composition:
        """The page as the diagram's painter takes it."""
        return Composition(
            setup,
            tuple(self.texts),
            tuple(self.rules),
            lanes=tuple((PANEL, r) for r in self.panels),
            swatches=tuple(self.swatches),
        )


class Flow:
    """The cursor down the pages: where the next block goes, and the pages so far."""

    def __init__(self, setup: PageSetup, measure: TextMeasure) -> None:
        self.setup = setup
        self.m = measure
        self.x = MARGIN_X
        self.w = setup.width - 2 * MARGIN_X
        self.top = TOP
        self.bottom = setup.height - BOTTOM
        self.pages: list[TextPage] = []
        self.anchors: list[Anchor] = []
        self.y = self.top

    @property
    def page(self) -> TextPage:
        """The page being filled."""
        return self.pages[-1]

    @property
    def index(self) -> int:
        """The current page's index in the whole document (the diagram is page 0)."""
        return len(self.pages)

    def new_page(self) -> TextPage:
        """Start a page; the cursor goes to its top."""
        self.pages.append(TextPage())
        self.y = self.top
        return self.page

    def room(self) -> float:
        """The height left below the cursor."""
        return self.bottom - self.y

    def ensure(self, height: float) -> None:
        """A new page unless `height` fits below the cursor (a fresh page takes anything)."""
        if self.y > self.top and height > self.room():
            self.new_page()

    def text(self, x: float, w: float, size: float, text: str, colour: str = palette.BODY,
             bold: bool = False, align: str = "left", y: float | None = None) -> None:  # fmt: skip
        """One line of text at the cursor (or at `y`)."""
        self.page.texts.append(
            Text(x, self.y if y is None else y, w, size, text, colour, bold, align)
        )

    def lines(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        """`text` wrapped to `width`, its own line breaks kept."""
        out: list[str] = []
        for line in text.splitlines() or [""]:
            out.extend(self.m.wrap(line, size, width, bold))
        return out
