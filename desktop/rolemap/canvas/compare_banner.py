"""CompareBanner: the strip over the map while it is compared with a review.

"Comparing with the review of 3–30 Nov 2026" and Stop comparing on the
first line; how much changed on the map ("nodes: 1 added, 1 changed ·
links: 2 removed") and the key to the marks (each with its glyph, so the
colour is not needed to read it) on the next, wrapped as the width needs.
It sits in a margin that the view makes above the map, so it covers
nothing: not the lane titles, not the find bar's corner.

Signals:
    stop_requested(): the person pressed Stop comparing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from rolemap.canvas.change_marks import ADDED, CHANGED, MARKS, REMOVED


def key_html() -> str:
    """The marks' key: each glyph in its colour, then its word."""
    parts = []
    for state, word in ((ADDED, "added"), (CHANGED, "changed"), (REMOVED, "removed (dashed)")):
        mark = MARKS[state]
        parts.append(f"<b style='color:{mark.colour}'>{escape(mark.glyph)}</b>&nbsp;{word}")
    return " &nbsp; ".join(parts)


class CompareBanner(QFrame):
    """The compare mode's strip above a MapView; see the module docstring."""

    stop_requested = Signal()

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.setObjectName("compare-banner")
        self._view = view
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#compare-banner { background: palette(alternate-base);"
            " border-bottom: 1px solid palette(mid); }"
        )
        self.summary = ""  # what the banner says, as plain text
        self.text = QLabel(self)  # the headline: what the map is compared with
        self.text.setObjectName("compare-banner-text")
        self.counts = QLabel(self)  # how much changed, then the marks' key
        self.counts.setObjectName("compare-banner-counts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.stop_button = QPushButton("Stop comparing", self)
        self.stop_button.setObjectName("compare-stop")
        self.stop_button.setToolTip("Back to the map's normal look (Esc)")
        self.stop_button.clicked.connect(self.stop_requested)
        for label in (self.text, self.counts):
            label.setWordWrap(True)  # a narrow window: more lines, never a button cut off
        bold = self.text.font()
        bold.setBold(True)
        self.text.setFont(bold)
        top = QHBoxLayout()
        top.addWidget(self.text, 1)
        top.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        self.hide()

    def show_text(self, headline: str, counts: str, detail: str = "") -> None:
        """Say what the map is compared with and how much changed (with the marks' key), and
        show the strip above the map; `detail` is the counts' tooltip."""
        self.summary = f"{headline} · {counts}"
        self.text.setText(headline)
        self.counts.setText(f"{escape(counts)} &nbsp;&nbsp;&nbsp; {key_html()}")
        self.counts.setToolTip(detail)
        self.counts.setAccessibleName(
            f"{counts}. Key: plus added, tilde changed, minus removed (dashed)."
        )
        if self.isHidden():
            self.show()
        self.place()

    def close_banner(self) -> None:
        """Hide the strip and give its room back to the map."""
        self.hide()
        self._view.setViewportMargins(0, 0, 0, 0)

    def place(self) -> None:
        """Sit in a margin of the view's own above the map, as wide as the map."""
        view = self._view
        frame = view.frameWidth()
        width = view.viewport().width()
        # A wrapping label's size hint is for a narrow guess of a width: ask for this one.
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, self.minimumSizeHint().height())
        if view.viewportMargins().top() != height:
            view.setViewportMargins(0, height, 0, 0)
        self.setGeometry(frame, frame, width, height)
        self.raise_()
