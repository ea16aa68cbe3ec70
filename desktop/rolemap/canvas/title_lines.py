"""A node's title wrapped into the lines its box shows: at most two, the last cut with "…"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF


def title_lines(title: str, metrics: QFontMetricsF, width: float, most: int) -> list[str]:
    """`title` word-wrapped into at most `most` lines of `width`; the last cut with "…".

    A word longer than a line is broken inside it, as Qt would.
    """
    words = title.split()
    lines: list[str] = []
    current = ""
    while words and len(lines) < most:
        word = words[0]
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            words.pop(0)
            continue
        if current:
            lines.append(current)
            current = ""
            continue
        cut = _fitting_prefix(word, metrics, width)  # one word wider than the line
        lines.append(word[:cut])
        words[0] = word[cut:]
    if current and len(lines) < most:
        lines.append(current)
        current = ""
    rest = " ".join(([current] if current else []) + words)
    if rest and lines:
        last = f"{lines[-1]} {rest}" if lines[-1] else rest
        lines[-1] = metrics.elidedText(last, Qt.TextElideMode.ElideRight, width)
    return lines or [""]


def _fitting_prefix(word: str, metrics: QFontMetricsF, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low
