"""Lanes: the scene's four lane columns, sized to the map, Inputs shown only when used."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from rolemap.canvas.lane_item import LaneItem
from rolemap.canvas.style import CanvasStyle
from rolemap.domain import geometry
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.role_map import RoleMap

EMPTY_HEIGHT = 400.0  # an empty map still shows lanes this tall


class Lanes(dict[NodeKind, LaneItem]):
    """The lane items of a scene, by kind, left to right."""

    def __init__(self, scene: QGraphicsScene, style: CanvasStyle) -> None:
        super().__init__((kind, LaneItem(kind, style)) for kind in LANE_ORDER)
        for lane in self.values():
            scene.addItem(lane)

    def fit(self, role_map: RoleMap) -> QRectF:
        """Stretch the lanes below the lowest node, count their nodes; the scene rect to use."""
        bottom = max(
            (n.y + geometry.NODE_HEIGHT for n in role_map.nodes.values()), default=EMPTY_HEIGHT
        )
        height = bottom + 120
        counts = dict.fromkeys(LANE_ORDER, 0)
        for node in role_map.nodes.values():
            counts[node.kind] += 1
        show_inputs = counts[NodeKind.INPUT] > 0
        for kind, lane in self.items():
            lane.set_extent(height, counts[kind])
            lane.setVisible(kind is not NodeKind.INPUT or show_inputs)
        left = 0.0 if show_inputs else geometry.LANE_WIDTH
        return QRectF(left - 40, -20, 4 * geometry.LANE_WIDTH - left + 80, height + 60)

    def set_style(self, style: CanvasStyle) -> None:
        """Paint with another palette's colours."""
        for lane in self.values():
            lane.set_style(style)

    def shown(self) -> list[LaneItem]:
        """The lanes on show (Inputs only when the map has inputs)."""
        return [lane for lane in self.values() if lane.isVisible()]
