"""Text measurement for the page composition: widths in points, word wrapping.

Fonts are measured once at a 100-pixel reference size and scaled linearly, so
the composition can try many sizes cheaply and the painter, which draws text
at the same reference size under a scale transform, lands exactly on the
measured widths (no hinting differences between PDF, SVG and PNG).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

REFERENCE_PX = 100
FAMILIES = [
    "Inter",
    "Source Sans 3",
    "Helvetica Neue",
    "Helvetica",
    "Nimbus Sans",
    "Arial",
    "Liberation Sans",
    "Noto Sans",
    "DejaVu Sans",
]


def reference_font(bold: bool = False) -> QFont:
    """The diagram's typeface at the reference size (needs a QGuiApplication)."""
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPixelSize(REFERENCE_PX)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    return font


class TextMeasure:
    """Widths of strings at any point size, cached per string and weight."""

    def __init__(self) -> None:
        self._metrics = {
            False: QFontMetricsF(reference_font(False)),
            True: QFontMetricsF(reference_font(True)),
        }
        self._cache: dict[tuple[str, bool], float] = {}
        self.ascent = self._metrics[False].ascent() / REFERENCE_PX

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The advance width of `text` at `size` points."""
        key = (text, bold)
        unit = self._cache.get(key)
        if unit is None:
            unit = self._metrics[bold].horizontalAdvance(text) / REFERENCE_PX
            self._cache[key] = unit
        return unit * size

    def wrap(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        """`text` broken into lines no wider than `width`; a too-long word is split.

        Nothing is dropped: joining the lines gives back every word.
        """
        text = " ".join(text.split())
        if not text or self.width(text, size, bold) <= width:
            return [text]
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while self.width(current, size, bold) > width and len(current) > 1:
                cut = self._fit_prefix(current, size, width, bold)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
        return lines

    def elide(self, text: str, size: float, width: float, bold: bool = False) -> str:
        """`text` shortened with "…" to fit `width` (for secondary detail only)."""
        if self.width(text, size, bold) <= width:
            return text
        cut = self._fit_prefix(text + "…", size, width, bold)
        return text[: max(0, cut - 1)].rstrip() + "…"

    def _fit_prefix(self, text: str, size: float, width: float, bold: bool) -> int:
        low, high = 1, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(text[:middle], size, bold) <= width:
                low = middle
            else:
                high = middle - 1
        return low
