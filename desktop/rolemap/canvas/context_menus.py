"""The map's context menus: a node's, a link's, a lane's, and where the keyboard's open.

The right button opens the menu of what is under the pointer. The Menu key and
Shift+F10 send a keyboard event whose position is the view's middle or corner:
their menu is the selected node's (or link's), opened at it, scrolled into sight.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtWidgets import QMenu

from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.node_item import NodeItem
from rolemap.domain.kinds import LANE_ORDER, NodeKind

if TYPE_CHECKING:
    from rolemap.canvas.view import MapView

REVEAL_MARGIN = 24  # px kept around the node a keyboard's menu opens at


class ContextMenus:
    """Builds the menus of the map in `view` (its hooks: Link to…, Start timer, Delete).

    `menu_class` makes them: the view passes its own QMenu, which a test may replace
    to answer a menu instead of a person.
    """

    def __init__(self, view: MapView, menu_class: type[QMenu] = QMenu) -> None:
        self._view = view
        self._menu_class = menu_class

    def for_keyboard(self) -> tuple[QMenu, QPoint]:
        """The selected node's (or link's) menu and where it opens: at it, scrolled into sight.

        With nothing selected, the lane's menu in the middle of the view.
        """
        view, scene = self._view, self._view.map_scene
        current = view.current_node()
        _, links = scene.selected_ids()
        item = scene.nodes.get(current) if current is not None else None
        if item is None and links and links[0] in scene.links:
            anchor = scene.links[links[0]].path().pointAtPercent(0.5)
            view.ensureVisible(QRectF(anchor, anchor).adjusted(-20, -20, 20, 20))
            return self.for_link(links[0]), self._global(anchor)
        if item is not None:
            box = item.sceneBoundingRect()
            view.ensureVisible(box, REVEAL_MARGIN, REVEAL_MARGIN)
            inside = QPointF(box.left() + 24, box.center().y())  # in the box, clear of its edge
            return self.for_node(item), self._global(inside)
        middle = view.mapToScene(view.viewport().rect().center())
        return self.at(middle), self._global(middle)

    def _global(self, scene_point: QPointF) -> QPoint:
        view = self._view
        return view.viewport().mapToGlobal(view.mapFromScene(scene_point))

    def at(self, scene_pos: QPointF) -> QMenu:
        """The menu of what is at a scene point: a node (selected now), a link, or the lane."""
        scene = self._view.map_scene
        item = scene.node_item_at(scene_pos)
        if item is not None:
            if not item.isSelected():
                scene.select_only([item.node_id])
            return self.for_node(item)
        link = next((i for i in scene.items(scene_pos) if isinstance(i, LinkItem)), None)
        if link is not None:
            return self.for_link(link.link_id)
        menu = self._menu_class(self._view)
        lane_kind = scene.kind_at(scene_pos)
        for kind in LANE_ORDER:
            text = f"Add {kind.value} here" if kind is lane_kind else f"Add {kind.value}"
            action = menu.addAction(text, partial(scene.add_node_at, scene_pos, kind))
            action.setEnabled(scene.editable)
            if kind is lane_kind:
                menu.setDefaultAction(action)
        return menu

    def for_node(self, item: NodeItem) -> QMenu:
        """Rename, Link to…, Start timer (activities), Delete."""
        scene = self._view.map_scene
        document = scene.document
        menu = self._menu_class(self._view)
        node_id = item.node_id
        edits = [menu.addAction("Rename", lambda: scene.edit_title(node_id))]
        link_from = self._view.link_from
        if link_from is not None:
            edits.append(menu.addAction("Link to…", lambda: link_from(node_id)))
        start_timer = self._view.start_timer
        if start_timer and document.role_map.nodes[node_id].kind is NodeKind.ACTIVITY:
            edits.append(menu.addAction("Start timer", lambda: start_timer(node_id)))
        menu.addSeparator()
        edits.append(menu.addAction("Delete", self._delete_selected))
        for action in edits:  # a read-only database: shown, so the person sees why not
            action.setEnabled(scene.editable)
        return menu

    def for_link(self, link_id: str) -> QMenu:
        """Delete link."""
        menu = self._menu_class(self._view)
        document = self._view.map_scene.document
        action = menu.addAction("Delete link", lambda: document.remove_links([link_id]))
        action.setEnabled(self._view.map_scene.editable)
        return menu

    def _delete_selected(self) -> None:
        if self._view.delete_selection is not None:
            self._view.delete_selection()  # the window's: it asks first about tracked records
            return
        nodes, links = self._view.map_scene.selected_ids()
        self._view.map_scene.document.remove(nodes, links)
