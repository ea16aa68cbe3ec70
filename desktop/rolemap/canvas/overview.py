"""MapOverview: the whole map painted as one cached picture, for far-out zoom and the minimap.

Far out, thousands of items each a few pixels tall cost more to visit than to
draw: the view then hides the items (opacity 0, which Qt skips without calling
into Python) and blits this picture instead: boxes as plain rectangles in
their kind's colour, links as straight lines, selected and traced nodes
marked. The picture is redrawn only when the map, the selection, the trace,
the palette or the requested size and transform change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTransform

from rolemap.canvas.style import CanvasStyle
from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from rolemap.canvas.map_mirror import MapMirror


class MapOverview:
    """Renders and caches the map picture for one (size, transform) at a time."""

    def __init__(self, scene: MapMirror) -> None:
        self._scene = scene
        self._key: tuple[object, ...] | None = None
        self._image: QImage | None = None  # QImage's type is made at the first picture

    def picture(self, size: QSize, transform: QTransform) -> QImage:
        """The map drawn through `transform` (scene → pixels) on a transparent `size` image."""
        key = (
            self._scene.overview_version,
            size.width(),
            size.height(),
            *(round(v, 6) for v in _values(transform)),
        )
        if key != self._key or self._image is None:
            self._image = self._render(size, transform)
            self._key = key
        return self._image

    def _render(self, size: QSize, transform: QTransform) -> QImage:
        from PySide6.QtGui import QImage  # here: its enums cost the start 0.4 ms

        scene = self._scene
        style: CanvasStyle = scene.canvas_style
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setTransform(transform)
        visible = transform.inverted()[0].mapRect(QRectF(0, 0, size.width(), size.height()))
        trace = scene.document.analysis.trace
        on = trace.nodes if trace is not None else None
        lines: list[QLineF] = []
        dim_lines: list[QLineF] = []
        for link_id, link_item in scene.links.items():
            start, end = link_item.ends()
            line = QLineF(start, end)
            if trace is not None and link_id not in trace.links:
                dim_lines.append(line)
            else:
                lines.append(line)
        pixel = 1.0 / max(transform.m11(), 1e-6)
        dim_link = QColor(style.link)
        dim_link.setAlphaF(0.25)
        painter.setPen(QPen(dim_link, pixel))
        painter.drawLines(dim_lines)
        painter.setPen(QPen(style.selection if trace is not None else style.link, pixel))
        painter.drawLines(lines)
        # At least a pixel and a half tall, so a far-out node is still a mark.
        height = max(geometry.NODE_HEIGHT, 1.5 * pixel)
        groups: dict[tuple[str, bool], list[QRectF]] = {}
        selected = {i.node_id for i in scene.selectedItems() if hasattr(i, "node_id")}
        for node_id, item in scene.nodes.items():
            pos = item.pos()
            rect = QRectF(pos.x(), pos.y(), geometry.NODE_WIDTH, height)
            if not rect.intersects(visible):
                continue
            colour = "selected" if node_id in selected else item.kind.value
            dimmed = on is not None and node_id not in on
            groups.setdefault((colour, dimmed), []).append(rect)
        painter.setPen(Qt.PenStyle.NoPen)
        for (colour, dimmed), rects in groups.items():
            fill = (
                QColor(style.selection) if colour == "selected" else style.accent(NodeKind(colour))
            )
            if dimmed:
                fill.setAlphaF(0.25)
            painter.setBrush(fill)
            painter.drawRects(rects)
        painter.end()
        return image


def _values(transform: QTransform) -> tuple[float, ...]:
    return (transform.m11(), transform.m22(), transform.dx(), transform.dy())
