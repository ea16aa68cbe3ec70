"""The welcome page's template library: a list of roles to start from, title over summary.

Each row paints the template's title and, under it, its summary cut to one
line (`TemplateDelegate`); the full summary is the row's tooltip. The list is
as tall as its rows, so that the page scrolls and the list never does, and it
passes a choice on at the next turn of the event loop, once, however many of
click and activate the style sends for it.

Signals (`TemplateList`):
    template_chosen(str): the key of the template clicked or activated.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from rolemap.services.templates import Template

KEY_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


class TemplateList(QListWidget):
    """The templates, a row each; see the module docstring."""

    template_chosen = Signal(str)

    def __init__(self, templates: Sequence[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome-templates")
        self.setAccessibleName("Role templates")
        self.setItemDelegate(TemplateDelegate(self))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self._chosen: str | None = None  # a template chosen this turn (see _on_item_chosen)
        for template in templates:
            item = QListWidgetItem(template.title)
            item.setData(KEY_ROLE, template.key)
            item.setData(SUMMARY_ROLE, template.summary)
            item.setToolTip(template.summary)
            self.addItem(item)
        self.itemClicked.connect(self._on_item_chosen)
        self.itemActivated.connect(self._on_item_chosen)

    def keys(self) -> list[str]:
        """The keys of the templates listed, in order."""
        return [str(self.item(row).data(KEY_ROLE)) for row in range(self.count())]

    def fit_height(self) -> None:
        """The list as tall as its rows: the page scrolls, not the list."""
        rows = self.count()
        height = sum(self.sizeHintForRow(row) for row in range(rows))
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        # A click can also activate (single-click styles): one choice per turn of the loop.
        if self._chosen is None:
            self._chosen = str(item.data(KEY_ROLE))
            QTimer.singleShot(0, self._emit_chosen)

    def _emit_chosen(self) -> None:
        key, self._chosen = self._chosen, None
        if key:
            self.template_chosen.emit(key)


class TemplateDelegate(QStyledItemDelegate):
    """A template's row: its title, and under it its summary cut to one line."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 16)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        style = option.widget.style() if option.widget is not None else None
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        if style is not None:  # the row's background: hover and selection as the style has it
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        rect: QRect = option.rect.adjusted(10, 7, -10, -7)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        title_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(title_colour)
        muted.setAlphaF(0.72)
        painter.save()
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        line = option.fontMetrics.height()
        painter.setFont(bold)
        painter.setPen(title_colour)
        painter.drawText(
            QRect(rect.x(), rect.y(), rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(index.data()),
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        summary = option.fontMetrics.elidedText(
            str(index.data(SUMMARY_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            QRect(rect.x(), rect.y() + line + 2, rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            summary,
        )
        painter.restore()
