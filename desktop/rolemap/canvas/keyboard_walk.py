"""Where the keyboard is on the map, and the arrow and Tab keys that move it.

The arrow keys move the selection (up and down in a lane, left and right
along links or to the next lane; `canvas/navigation.py` holds those rules),
Shift+arrows add the next node to the selection, Alt+arrows nudge the
selected nodes (Alt+Shift: further), and Tab and Shift+Tab go through the
nodes in reading order. `KeyboardWalk` keeps the node the keyboard is at and
the step that led there, so the opposite arrow goes straight back; the view
hands it those keys and keeps the rest of its events (zoom, pan, menus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent

from rolemap.canvas import accessibility, navigation
from rolemap.canvas.navigation import Step

if TYPE_CHECKING:
    from rolemap.canvas.view import MapView

NUDGE = 8.0
NUDGE_FAR = 40.0
REVEAL_MARGIN = 24  # px kept around a node the keyboard moved to
ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
STEPS = {
    Qt.Key.Key_Left: Step.LEFT,
    Qt.Key.Key_Right: Step.RIGHT,
    Qt.Key.Key_Up: Step.UP,
    Qt.Key.Key_Down: Step.DOWN,
}
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


class KeyboardWalk(QObject):
    """The keyboard's place on the map in `view`, moved by the arrows and Tab.

    Args:
        view: the view whose scene the keyboard walks (the walk is its child).
    """

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self._view = view
        self._current: str | None = None  # the node the keyboard is at
        self._came_from: tuple[str, Step, str] | None = None  # (at, way back, node)
        view.map_scene.selection_ids_changed.connect(self._on_scene_selection_ids_changed)

    def arrow(self, event: QKeyEvent) -> bool:
        """An arrow key: nudge the selection with Alt, else step; False when it did nothing."""
        return self.nudge(event) if event.modifiers() & ALT else self.step(event)

    def step(self, event: QKeyEvent) -> bool:
        """Move the selection to the next node in the arrow's direction (Shift: add it)."""
        step = STEPS[Qt.Key(event.key())]
        document = self._view.map_scene.document
        if not document.has_role or not document.role_map.nodes:
            return False
        current = self.current_node()
        if current is None:
            target = self._first_in_sight()
        elif self._came_from is not None and self._came_from[:2] == (current, step):
            target = self._came_from[2]  # straight back where the last step came from
        else:
            target = navigation.neighbour(document.role_map, current, step)
        if target is None:
            event.accept()  # the edge of the map: stay, and keep the key from scrolling
            return True
        extend = bool(event.modifiers() & SHIFT)
        self.go_to_node(target, extend=extend)
        if current is not None:
            self._came_from = (target, step.back, current)
        event.accept()
        return True

    def go_to_node(self, node_id: str, extend: bool = False) -> None:
        """Select a node (or add it to the selection), show it, and make it the keyboard's."""
        view, scene = self._view, self._view.map_scene
        if node_id not in scene.nodes:
            return
        chosen = [*scene.selected_ids()[0], node_id] if extend else [node_id]
        self._current = node_id
        scene.select_only(list(dict.fromkeys(chosen)))
        self._current = node_id  # the selection change may have picked another
        self._came_from = None
        view.ensureVisible(scene.nodes[node_id].sceneBoundingRect(), REVEAL_MARGIN, REVEAL_MARGIN)
        accessibility.announce(view, node_id)

    def current_node(self) -> str | None:
        """The node the keyboard is at: the one it last moved to, else the one selected."""
        nodes, _ = self._view.map_scene.selected_ids()
        if self._current in nodes:
            return self._current
        if nodes:
            order = navigation.reading_order(self._view.map_scene.document.role_map)
            chosen = set(nodes)
            return next((i for i in order if i in chosen), None)
        return None

    @Slot(list, list)
    def _on_scene_selection_ids_changed(self, nodes: list[str], links: list[str]) -> None:
        if self._current not in nodes:
            self._current = nodes[0] if len(nodes) == 1 else None
            self._came_from = None

    def _first_in_sight(self) -> str | None:
        view = self._view
        order = navigation.reading_order(view.map_scene.document.role_map)
        sight = view.mapToScene(view.viewport().rect()).boundingRect()
        nodes = view.map_scene.nodes
        shown = [i for i in order if sight.intersects(nodes[i].sceneBoundingRect())]
        first = shown or order
        return first[0] if first else None

    def cycle_nodes(self, forward: bool) -> bool:
        """Select the next (previous) node in reading order; False on an empty map."""
        document = self._view.map_scene.document
        if not document.has_role:
            return False
        target = navigation.cycle(document.role_map, self.current_node(), forward)
        if target is None:
            return False
        self.go_to_node(target)
        return True

    def nudge(self, event: QKeyEvent) -> bool:
        """Nudge the selected nodes by 8 (Shift: 40) units; a run of presses is one undo step.

        Alt+arrows (Alt+Shift+arrows) call it: plain arrows move the selection.
        A nudge never leaves a box on top of another: the selection stops short
        of a neighbour (see `geometry.nudge`).
        """
        nodes, _ = self._view.map_scene.selected_ids()
        if not nodes:
            return False
        dx, dy = ARROWS[Qt.Key(event.key())]
        step = NUDGE_FAR if event.modifiers() & SHIFT else NUDGE
        self._view.map_scene.document.nudge_nodes(nodes, dx * step, dy * step)
        event.accept()
        return True
