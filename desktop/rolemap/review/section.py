"""Section: a framed part of a review page with a heading and a line saying what it is for."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def muted(label: QLabel) -> QLabel:
    """Grey `label`'s text as the style greys placeholder text (secondary lines)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def heading_font(base: QFont, scale: float = 1.1) -> QFont:
    """`base`, bold and a little larger."""
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


class Section(QFrame):
    """A heading, an optional hint under it, and `body` for the content."""

    def __init__(
        self, title: str, name: str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(title, self)
        self.heading.setObjectName(f"{name}-heading")
        self.heading.setWordWrap(True)
        self.heading.setFont(heading_font(self.heading.font()))
        self.hint = muted(QLabel(hint, self))
        self.hint.setObjectName(f"{name}-hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 12)
        self.body.setSpacing(8)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.hint)

    def set_hint(self, text: str) -> None:
        """The line under the heading ("" hides it)."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
