"""TemplatePreview: a role's one-page diagram drawn small, by the same renderer as the export.

The preview is the page itself (`render.composition.compose`, painted by
`render.painter.paint_composition`), so what a template shows here is what
it prints. The page is composed once per role map and painted into a pixmap
cached for the widget's size: a repaint (a hover, an expose) only copies it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from rolemap.domain.role_map import RoleMap
from rolemap.render.composition import Composition, compose
from rolemap.render.page import PageSetup
from rolemap.render.painter import paint_composition

PAGE = PageSetup("a4", landscape=True)
PADDING = 10  # px of the grey desk around the sheet
DESK = "#dde1e7"
SHADOW = "#b9bfc8"


class TemplatePreview(QWidget):
    """The one-page diagram of the role map given to `show_map`, scaled to fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("template-preview")
        self.setAccessibleName("Preview of the role on one page")
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._composition: Composition | None = None
        self._pixmap: QPixmap | None = None

    @property
    def composition(self) -> Composition | None:
        """The page on show (None before `show_map`)."""
        return self._composition

    def show_map(self, role_map: RoleMap | None) -> None:
        """Compose and show `role_map`'s page; None shows nothing."""
        self._composition = compose(role_map, PAGE) if role_map is not None else None
        if role_map is not None:
            self.setAccessibleDescription(f"The one-page diagram of ‘{role_map.role.name}’")
        self._pixmap = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, round(520 * PAGE.height / PAGE.width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = width - 2 * PADDING
        return round(inner * PAGE.height / PAGE.width) + 2 * PADDING

    def page_rect(self) -> QRectF:
        """Where the sheet is drawn: as large as fits, centred, the page's proportions kept."""
        room = QRectF(self.rect()).adjusted(PADDING, PADDING, -PADDING, -PADDING)
        scale = min(room.width() / PAGE.width, room.height() / PAGE.height)
        width, height = PAGE.width * scale, PAGE.height * scale
        return QRectF(
            room.x() + (room.width() - width) / 2,
            room.y() + (room.height() - height) / 2,
            width,
            height,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(DESK))
        if self._composition is not None:
            page = self.page_rect()
            painter.fillRect(page.translated(1.5, 2), QColor(SHADOW))
            painter.drawPixmap(page.topLeft(), self._page_pixmap(page))
        painter.end()

    def _page_pixmap(self, page: QRectF) -> QPixmap:
        ratio = self.devicePixelRatioF()
        size = QSize(round(page.width() * ratio), round(page.height() * ratio))
        if self._pixmap is None or self._pixmap.size() != size:
            assert self._composition is not None
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.white)
            painter = QPainter(pixmap)
            paint_composition(painter, self._composition, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            self._pixmap = pixmap
        return self._pixmap
