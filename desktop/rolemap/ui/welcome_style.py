"""The look the welcome page and its cards share: links, labels and soft colours.

A button that reads as a link, a word-wrapped label in the page's type scale,
and a colour mixed into the palette's own (so that the cards' tints follow a
dark or a light theme) live here, so that the page (`ui/welcome_page.py`)
and its cards (`ui/welcome_cards.py`) look of a piece.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


class LinkButton(QPushButton):
    """A button that reads as a link: flat, in the palette's link colour, underlined on focus."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QPushButton { border: none; padding: 1px 0; color: palette(link); text-align: left; }"
            "QPushButton:hover, QPushButton:focus { text-decoration: underline; }"
        )


def page_label(
    text: str, name: str, scale: float = 1.0, bold: bool = False, muted: bool = False
) -> QLabel:
    """A word-wrapped label named `name` ("" for none), `scale` times the font's size.

    Args:
        text: what it says.
        name: its object name, or "" for a label nothing looks up.
        scale: its font size against the application's.
        bold: whether it is set in a heavier weight.
        muted: whether its text is faded towards the window's background.
    """
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        label.setFont(font)
    if muted:
        colour = label.palette().color(QPalette.ColorRole.WindowText)
        base = label.palette().color(QPalette.ColorRole.Window)
        label.setStyleSheet(f"color: {mix(colour, base, 0.7).name()};")
    return label


def mix(colour: QColor, base: QColor, share: float) -> QColor:
    """`colour` mixed into `base` by `share` (0: base, 1: colour)."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * share),
        round(base.green() + (colour.green() - base.green()) * share),
        round(base.blue() + (colour.blue() - base.blue()) * share),
    )
