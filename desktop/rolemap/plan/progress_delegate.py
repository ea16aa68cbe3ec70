"""ProgressDelegate: a cell drawn as a bar of hours logged against hours planned.

The model gives the cell's numbers in BAR_ROLE as (logged, planned, colour);
the cell's text (what a screen reader reads) stays in the display role. The
bar's full width is the larger of the two, so an activity over its plan
shows the overrun past the plan's mark, in the warning colour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from rolemap.domain.plan_check import percent
from rolemap.render import palette

BAR_ROLE = Qt.ItemDataRole.UserRole + 7
BAR_HEIGHT = 8
TEXT_WIDTH = 44  # room for "100 %" at the right of the bar


class ProgressDelegate(QStyledItemDelegate):
    """Paints BAR_ROLE's (logged, planned, colour) as a bar and a percentage."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        values = index.data(BAR_ROLE)
        if not values:
            super().paint(painter, option, index)
            return
        done, planned, colour = values
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = QRectF(option.rect).adjusted(6, 0, -6, 0)
        bar = QRectF(rect.left(), rect.center().y() - BAR_HEIGHT / 2, 0, BAR_HEIGHT)
        bar.setWidth(max(10.0, rect.width() - TEXT_WIDTH))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = option.palette.color(text_role)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = QColor(ink)
        track.setAlphaF(0.12)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, 3, 3)
        scale = max(done, planned)
        if scale > 0:
            within = min(done, planned) if planned > 0 else 0.0
            fill = QRectF(bar.left(), bar.top(), bar.width() * within / scale, bar.height())
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(fill, 3, 3)
            if done > planned:
                over_from = bar.left() + bar.width() * (planned / scale)
                over = QRectF(over_from, bar.top(), bar.right() - over_from, bar.height())
                painter.setBrush(QColor(palette.FLAG))
                painter.drawRoundedRect(over, 3, 3)
            if 0 < planned < done:  # the plan's mark, where the overrun starts
                mark = bar.left() + bar.width() * planned / scale
                painter.setPen(ink)
                painter.drawLine(int(mark), int(bar.top() - 3), int(mark), int(bar.bottom() + 3))
        painter.setPen(ink)
        share = percent(done / planned) if planned > 0 else "—"
        text_rect = QRectF(
            bar.right() + 4, rect.top(), rect.right() - bar.right() - 4, rect.height()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, share
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 140), size.height())
