"""BalanceBars: the plan's share per category against the role's ideal allocation.

One row per category: its colour and name, a bar of its planned share with
a mark at the ideal share, and the two as numbers. A category further than
the plan check's tolerance from its ideal is written in the warning colour.
What the rows say is also the widget's accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from rolemap.domain.plan_check import BALANCE_POINTS, percent
from rolemap.domain.week_report import CategoryLine

ROW = 22
BAR = 8
OFF = "#b35c00"


class BalanceBars(QWidget):
    """Planned share per category, with the ideal share marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan-balance")
        self.setAccessibleName("Planned share by category, against the ideal")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lines: tuple[CategoryLine, ...] = ()

    def set_lines(self, lines: tuple[CategoryLine, ...]) -> None:
        """Show these categories."""
        self.lines = lines
        description = "; ".join(_words(line) for line in lines)
        self.setAccessibleDescription(description)
        self.setToolTip("\n".join(_words(line) for line in lines))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self.lines)) * ROW + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        faint = QColor(ink)
        faint.setAlphaF(0.12)
        width = self.width()
        name_w = min(int(width * 0.38), 230)
        number_w = metrics.horizontalAdvance("100 % · ideal 100 %") + 8
        bar_x = name_w + 8
        bar_w = max(30, width - bar_x - number_w - 8)
        if not self.lines:
            painter.setPen(ink)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter, "No hours planned yet.")
            return
        for row, line in enumerate(self.lines):
            top = row * ROW + 2
            middle = top + ROW / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(line.colour))
            painter.drawRoundedRect(QRectF(0, middle - 5, 10, 10), 2, 2)
            painter.setPen(ink)
            name = metrics.elidedText(line.name, Qt.TextElideMode.ElideRight, name_w - 16)
            painter.drawText(QRectF(16, top, name_w - 16, ROW), Qt.AlignmentFlag.AlignVCenter, name)
            track = QRectF(bar_x, middle - BAR / 2, bar_w, BAR)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(faint)
            painter.drawRoundedRect(track, 3, 3)
            share = line.planned_share or 0.0
            if share > 0:
                painter.setBrush(QColor(line.colour))
                painter.drawRoundedRect(
                    QRectF(track.left(), track.top(), track.width() * min(share, 1.0), BAR), 3, 3
                )
            if line.ideal_share is not None:
                x = track.left() + track.width() * min(line.ideal_share, 1.0)
                painter.setPen(ink)
                painter.drawLine(int(x), int(track.top() - 4), int(x), int(track.bottom() + 4))
            painter.setPen(QColor(OFF) if _off(line) else ink)
            painter.drawText(
                QRectF(width - number_w, top, number_w, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                _numbers(line),
            )


def _off(line: CategoryLine) -> bool:
    if line.ideal_share is None or line.planned_share is None:
        return False
    return abs(line.planned_share - line.ideal_share) > BALANCE_POINTS + 1e-9


def _numbers(line: CategoryLine) -> str:
    share = percent(line.planned_share) if line.planned_share is not None else "—"
    if line.ideal_share is None:
        return share
    return f"{share} · ideal {percent(line.ideal_share)}"


def _words(line: CategoryLine) -> str:
    return f"{line.name}: {_numbers(line)}"
