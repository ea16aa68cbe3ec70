"""The operating manual as a neutral document: sections of paragraphs, lists, facts and tables.

`services/manual.py` fills it from the store; three writers read it: Markdown
(`interchange/manual_markdown.py`), HTML (`interchange/manual_html.py`) and
the PDF (`render/manual_pages.py`).
The model says *what* is written, never how it looks: each writer chooses
type, colour, escaping and page breaks. Numbers arrive already worded
("12.5 h", "80 %") so that the three formats say the same thing.

Section 1 is always the one-page diagram (`Handbook.diagram`); the other
sections follow in `Handbook.sections`, numbered from 2. Pure values,
standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rolemap.domain.describe import number
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap

DIAGRAM_TITLE = "The role on one page"
NOTHING = "–"  # a cell with nothing to say
WEB_SCHEMES = ("http://", "https://")


class Align(StrEnum):
    """How a table column's cells sit."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text; the person's own notes keep their line breaks.

    `muted` marks a remark about the data rather than the role ("Nothing
    delivered in this period."); `emphasis` a statement the section stands on
    (the role's purpose).
    """

    text: str
    muted: bool = False
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Bullets:
    """A list of short items."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """A few headline figures: (label, value) pairs read at a glance."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Subheading:
    """A heading inside a section (it appears in the contents and the bookmarks)."""

    text: str


@dataclass(frozen=True, slots=True)
class Trend:
    """A few dated values of one outcome, oldest first (a sparkline, or a list of values)."""

    points: tuple[tuple[dt.date, float], ...]
    unit: str = ""

    def words(self) -> str:
        """The values in words: "82 (6 Nov) → 84.4 (27 Nov)"; "–" without values."""
        if not self.points:
            return NOTHING
        return " → ".join(f"{number(v)} ({short_date(d)})" for d, v in self.points)


@dataclass(frozen=True, slots=True)
class Share:
    """An actual share of a whole against the wanted one (0–1 each, None when unknown).

    `full` is the share a whole bar stands for: the largest in its table, so
    that bars of 5 % and 25 % can be told apart.
    """

    actual: float | None
    ideal: float | None
    colour: str = "#8c8c8c"
    full: float = 1.0

    def fraction(self, value: float | None) -> float:
        """How much of the bar `value` fills, 0–1."""
        if value is None or self.full <= 0:
            return 0.0
        return max(0.0, min(1.0, value / self.full))

    def words(self) -> str:
        """The actual share as text ("42 %"), "–" when unknown."""
        return percent(self.actual)


@dataclass(frozen=True, slots=True)
class Tag:
    """A short label with its colour (a category)."""

    text: str
    colour: str = "#8c8c8c"


@dataclass(frozen=True, slots=True)
class Reference:
    """Evidence: where the work can be found (a URL or a path), as the person gave it."""

    target: str

    @property
    def is_web(self) -> bool:
        """Whether the target is a web address a reader may follow (http or https only)."""
        return self.target.lower().startswith(WEB_SCHEMES)


Cell = str | Trend | Share | Tag | Reference


def cell_text(cell: Cell) -> str:
    """A cell as plain text (what a format without pictures writes)."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, Trend | Share):
        return cell.words()
    if isinstance(cell, Tag):
        return cell.text
    return cell.target


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading and how its cells sit (numbers to the right).

    Widths are each writer's business: they follow the content.
    """

    title: str
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells under column headings; `total` is an optional last row set apart."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None

    def __post_init__(self) -> None:
        for row in (*self.rows, *((self.total,) if self.total else ())):
            if len(row) != len(self.columns):
                raise ValueError(f"A row has {len(row)} cells for {len(self.columns)} columns.")


Block = Paragraph | Bullets | Facts | Subheading | Table


@dataclass(frozen=True, slots=True)
class Section:
    """One section after the diagram: a key (for anchors), a title, a lead line, blocks.

    `kind` ties the section to a lane (its colour in the PDF and HTML).
    """

    key: str
    title: str
    blocks: tuple[Block, ...]
    lead: str = ""
    kind: NodeKind | None = None

    @property
    def subheadings(self) -> tuple[str, ...]:
        """The texts of the section's subheadings, in order."""
        return tuple(b.text for b in self.blocks if isinstance(b, Subheading))


@dataclass(frozen=True, slots=True)
class Diagram:
    """Section 1: the one-page diagram of the map, with its figures and footer lines."""

    role_map: RoleMap
    figures: Mapping[str, str] = field(default_factory=dict)
    period_label: str = ""
    footer: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Handbook:
    """A role's operating manual for one period."""

    role_name: str
    purpose: str
    period_label: str
    made: dt.date
    diagram: Diagram
    sections: tuple[Section, ...]

    @property
    def title(self) -> str:
        """The document's title: "Engineering manager — operating manual"."""
        return f"{self.role_name or 'Untitled role'} — operating manual"

    def numbered(self) -> Iterator[tuple[int, Section]]:
        """The sections after the diagram with their numbers (2, 3, …)."""
        for index, section in enumerate(self.sections):
            yield index + 2, section

    def outline(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(number, title, subheadings) of every section, the diagram first."""
        return [(1, DIAGRAM_TITLE, ())] + [(n, s.title, s.subheadings) for n, s in self.numbered()]


# -- wording shared by the three writers ---------------------------------------------------


def short_date(day: dt.date) -> str:
    """ "27 Nov" (the year is left out: trends span months)."""
    return f"{day.day} {day.strftime('%b')}"


def long_date(day: dt.date) -> str:
    """ "27 Nov 2026"."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def percent(share: float | None) -> str:
    """A share as "42 %"; "–" when unknown."""
    return NOTHING if share is None else f"{share * 100:.0f} %"


def hours(value: float) -> str:
    """Hours as "12.5 h" (whole hours from 10 up, as the diagram prints them)."""
    shown = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return f"{shown} h"
