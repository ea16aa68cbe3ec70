"""The map's accessible interfaces: the view as a list of its nodes (reading order), then links.

A node says its kind and title as its name ("Activity: Weekly 1:1s"), and
its category or figures, what it leads to and what feeds it, and the purpose
check's finding as its description; its links are also its FlowsTo and
FlowsFrom relations. Made through `canvas/accessibility.py`'s factory, which
also keeps them alive for as long as Qt holds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget

from rolemap.canvas.accessibility import drop, keep
from rolemap.canvas.node_item import NodeItem
from rolemap.domain.describe import subtitle
from rolemap.domain.kinds import NodeKind

if TYPE_CHECKING:
    from rolemap.canvas.scene import MapScene
    from rolemap.canvas.view import MapView

# Qt's "every relation" mask (PySide has it on QAccessible, its stubs do not).
ALL_RELATIONS: QAccessible.RelationFlag = QAccessible.AllRelations  # type: ignore[attr-defined]

Relations = list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]


class MapAccessible(QAccessibleWidget):
    """The map view: a list of its nodes (reading order), then its links.

    (Several methods may return None, Qt's nullptr for "none", which PySide's
    stubs do not allow for: hence their type-ignore comments.)
    """

    def __init__(self, view: MapView) -> None:
        super().__init__(view, QAccessible.Role.List, "")
        self._view = view
        self._children: dict[str, ItemAccessible] = {}

    # -- the children ------------------------------------------------------------------

    def _order(self) -> list[str]:
        from rolemap.canvas.navigation import reading_order

        document = self._view.map_scene.document
        if not document.has_role:
            return []
        return [*reading_order(document.role_map), *document.role_map.links]

    def _child(self, item_id: str) -> ItemAccessible | None:
        scene = self._view.map_scene
        if item_id not in scene.nodes and item_id not in scene.links:
            return None
        child = self._children.get(item_id)
        if child is None or not shiboken6.isValid(child):
            child = ItemAccessible(self, item_id)
            keep(child)
            self._children[item_id] = child
        return child

    def node_child(self, node_id: str) -> ItemAccessible | None:
        """The accessible child of a node (or link) id, if it is on the map."""
        self._forget_gone()
        return self._child(node_id)

    def _forget_gone(self) -> None:
        scene = self._view.map_scene
        for item_id in [i for i in self._children if i not in scene.nodes and i not in scene.links]:
            drop(self._children.pop(item_id))

    def childCount(self) -> int:
        return len(self._order())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        self._forget_gone()
        order = self._order()
        return self._child(order[index]) if 0 <= index < len(order) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, ItemAccessible):
            order = self._order()
            if child.item_id in order:
                return order.index(child.item_id)
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        current = self._view.current_node()
        if current is not None and self._view.hasFocus():
            return self._child(current)
        return super().focusChild()

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self._view
        point = view.viewport().mapFromGlobal(QPoint(x, y))
        item = view.map_scene.node_item_at(view.mapToScene(point))
        return self._child(item.node_id) if item is not None else None

    def text(self, kind: QAccessible.Text) -> str:
        document = self._view.map_scene.document
        if kind == QAccessible.Text.Name:
            name = document.role_map.role.name if document.has_role else "no role"
            return f"Map of {name}"
        if kind == QAccessible.Text.Description:
            nodes = len(document.role_map.nodes) if document.has_role else 0
            return (
                f"{nodes} nodes in lanes: inputs, activities, outputs, outcomes. Arrow keys "
                "move between nodes, Tab goes through them in reading order."
            )
        return str(super().text(kind))


class ItemAccessible(QAccessibleInterface):
    """One node or link of the map, for a screen reader."""

    def __init__(self, parent: MapAccessible, item_id: str) -> None:
        super().__init__()
        self._parent = parent
        self._view: MapView = parent._view
        self.item_id = item_id

    def _scene(self) -> MapScene:
        return self._view.map_scene

    def _is_node(self) -> bool:
        return self.item_id in self._scene().nodes

    def isValid(self) -> bool:
        scene = self._scene()
        return self.item_id in scene.nodes or self.item_id in scene.links

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self._parent.window()

    def relations(self, match: QAccessible.RelationFlag = ALL_RELATIONS) -> Relations:
        document = self._scene().document
        found: Relations = []
        if not self._is_node() or not document.has_role:
            return found
        for link in document.role_map.links_of(self.item_id):
            if link.source == self.item_id:
                other, flag = link.target, QAccessible.RelationFlag.FlowsTo
            else:
                other, flag = link.source, QAccessible.RelationFlag.FlowsFrom
            child = self._parent._child(other)
            if child is not None and flag & match:
                found.append((child, flag))
        return found

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def parent(self) -> QAccessibleInterface:
        return self._parent

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def text(self, kind: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        if kind == QAccessible.Text.Name:
            return self._name()
        if kind == QAccessible.Text.Description:
            return self._description()
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        """Read only: titles are edited in place or in the Properties panel."""

    def rect(self) -> QRect:
        scene = self._scene()
        item = scene.nodes.get(self.item_id) or scene.links.get(self.item_id)
        if item is None:
            return QRect()
        view = self._view
        polygon = view.mapFromScene(item.sceneBoundingRect())
        box = polygon.boundingRect()
        return QRect(view.viewport().mapToGlobal(box.topLeft()), box.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        scene = self._scene()
        item = scene.nodes.get(self.item_id) or scene.links.get(self.item_id)
        if item is None:
            state.invalid = True
            return state
        state.selectable = True
        state.selected = item.isSelected()
        state.focusable = self._is_node()
        state.focused = self._view.hasFocus() and self._view.current_node() == self.item_id
        state.movable = self._is_node()
        visible = (
            self._view.viewport()
            .rect()
            .intersects(self._view.mapFromScene(item.sceneBoundingRect()).boundingRect())
        )
        state.offscreen = not visible
        return state

    # -- what is said ---------------------------------------------------------------

    def _name(self) -> str:
        document = self._scene().document
        role_map = document.role_map
        if self._is_node():
            node = role_map.nodes[self.item_id]
            return f"{node.kind.label}: {node.title}"
        link = role_map.links[self.item_id]
        return f"Link: {role_map.nodes[link.source].title} → {role_map.nodes[link.target].title}"

    def _description(self) -> str:
        scene = self._scene()
        role_map = scene.document.role_map
        if not self._is_node():
            link = role_map.links[self.item_id]
            parts = []
            if link.weight is not None:
                parts.append(f"weight {link.weight:g}")
            if link.confidence is not None:
                parts.append(f"confidence {link.confidence:.0%}")
            return ", ".join(parts)
        node = role_map.nodes[self.item_id]
        item: NodeItem = scene.nodes[self.item_id]
        parts = []
        if node.kind is NodeKind.ACTIVITY:
            parts.append(f"Category: {node.detail('category') or 'Other'}")
        detail = item.subtitle if node.kind is NodeKind.OUTCOME else subtitle(node)
        if detail and node.kind is not NodeKind.ACTIVITY:
            parts.append(detail)
        leads = [role_map.nodes[k.target].title for k in role_map.outgoing(node.id)]
        fed = [
            role_map.nodes[k.source].title
            for k in role_map.links_of(node.id)
            if k.target == node.id
        ]
        parts.append(f"Leads to: {', '.join(leads)}" if leads else "Leads to nothing")
        parts.append(f"Fed by: {', '.join(fed)}" if fed else "Fed by nothing")
        if item.finding is not None:
            parts.append(item.finding.explanation)
        return ". ".join(parts) + "."
