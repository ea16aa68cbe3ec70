"""Paper for the one-page diagram: sizes in points (1/72 inch), orientation, margins."""

from __future__ import annotations

from dataclasses import dataclass

# Width × height in points, portrait.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": (595.28, 841.89),
    "letter": (612.0, 792.0),
    "a3": (841.89, 1190.55),
}
MARGIN = 36.0  # half an inch: inside what every office printer can reach


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in page points; (x, y) is the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.y + self.h

    def contains(self, other: Rect, slack: float = 0.01) -> bool:
        """Whether `other` lies wholly inside this rectangle."""
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.right <= self.right + slack
            and other.bottom <= self.bottom + slack
        )


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A sheet: its size name, orientation and margin."""

    size: str = "a4"
    landscape: bool = True
    margin: float = MARGIN

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES:
            names = ", ".join(PAGE_SIZES)
            raise ValueError(f"Unknown page size ‘{self.size}’; choose one of {names}.")

    @property
    def width(self) -> float:
        """The sheet's width in points."""
        w, h = PAGE_SIZES[self.size]
        return max(w, h) if self.landscape else min(w, h)

    @property
    def height(self) -> float:
        """The sheet's height in points."""
        w, h = PAGE_SIZES[self.size]
        return min(w, h) if self.landscape else max(w, h)

    @property
    def printable(self) -> Rect:
        """The sheet minus its margins: everything is drawn inside it."""
        m = self.margin
        return Rect(m, m, self.width - 2 * m, self.height - 2 * m)

    def pixel_size(self, dpi: float) -> tuple[int, int]:
        """The sheet's size in pixels at `dpi`."""
        return round(self.width * dpi / 72.0), round(self.height * dpi / 72.0)
