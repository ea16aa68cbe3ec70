"""Colours and fonts of the canvas, derived from the application palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from rolemap.domain.kinds import NodeKind

# Each kind's accent; activities also show their category colour.
KIND_ACCENT: dict[NodeKind, str] = {
    NodeKind.INPUT: "#6c7a89",
    NodeKind.ACTIVITY: "#3b6ea5",
    NodeKind.OUTPUT: "#2e8b57",
    NodeKind.OUTCOME: "#d9822b",
}


@dataclass
class CanvasStyle:
    """The resolved colours for one palette."""

    dark: bool
    background: QColor
    lane_shade: QColor
    lane_text: QColor
    node_fill: QColor
    node_text: QColor
    node_subtext: QColor
    link: QColor
    selection: QColor
    title_font: QFont
    small_font: QFont
    header_font: QFont

    def accent(self, kind: NodeKind) -> QColor:
        """The accent colour of a kind."""
        return QColor(KIND_ACCENT[kind])

    def tint(self, kind: NodeKind) -> QColor:
        """A kind's accent mixed into the node fill, for the box background."""
        accent = self.accent(kind)
        base = self.node_fill
        share = 0.16 if self.dark else 0.09
        return QColor(
            round(base.red() + (accent.red() - base.red()) * share),
            round(base.green() + (accent.green() - base.green()) * share),
            round(base.blue() + (accent.blue() - base.blue()) * share),
        )


def current_style() -> CanvasStyle:
    """The style for the application's palette now."""
    palette = QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    dark = window.lightness() < 128
    title = QFont(QGuiApplication.font())
    title.setPointSizeF(10.5)
    title.setWeight(QFont.Weight.DemiBold)
    small = QFont(QGuiApplication.font())
    small.setPointSizeF(8.5)
    header = QFont(QGuiApplication.font())
    header.setPointSizeF(12)
    header.setWeight(QFont.Weight.Bold)
    if dark:
        return CanvasStyle(
            dark=True,
            background=QColor("#1e2126"),
            lane_shade=QColor("#252931"),
            lane_text=QColor("#aab2bf"),
            node_fill=QColor("#2c313a"),
            node_text=QColor("#e6e9ef"),
            node_subtext=QColor("#9aa3b2"),
            link=QColor("#7d8799"),
            selection=QColor("#61afef"),
            title_font=title,
            small_font=small,
            header_font=header,
        )
    return CanvasStyle(
        dark=False,
        background=QColor("#f6f7f9"),
        lane_shade=QColor("#eceef2"),
        lane_text=QColor("#5b6472"),
        node_fill=QColor("#ffffff"),
        node_text=QColor("#1f2933"),
        node_subtext=QColor("#667085"),
        link=QColor("#98a2b3"),
        selection=QColor("#2f80ed"),
        title_font=title,
        small_font=small,
        header_font=header,
    )
