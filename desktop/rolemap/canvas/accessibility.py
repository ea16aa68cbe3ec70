"""The map for screen readers: Qt's accessibility factory for the map view, and announcements.

Graphics items are not widgets, so Qt's accessibility tree stops at the
view. `install` makes Qt ask `canvas/accessible_map.py` for every MapView's
interface, which gives the view one accessible child per node, in reading
order, then one per link (see that module). The classes are built only when
Qt first asks, that is when a screen reader is listening or a test asks:
not at the window's first paint.

Ownership: PySide keeps interfaces made in Python owned by Python, while Qt's
accessibility cache deletes those it registered (when the view goes, or at
exit). An interface must therefore never be freed by Python while the cache
holds it: every interface made stays referenced in `ALIVE` until Qt has
deleted it (shiboken then marks it invalid and it is dropped), and at exit
the valid ones are handed back to the cache to delete, before Python's own
clean-up could.
"""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface

if TYPE_CHECKING:
    from rolemap.canvas.view import MapView

ALIVE: list[QAccessibleInterface] = []
_installed = False


def install() -> None:
    """Make Qt ask this module for the accessible interface of every MapView (once)."""
    global _installed
    if not _installed:
        _installed = True
        QAccessible.installFactory(_factory)
        atexit.register(_release_all)


def _factory(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    from rolemap.canvas.view import MapView

    if isinstance(obj, MapView):
        from rolemap.canvas.accessible_map import MapAccessible

        return keep(MapAccessible(obj))
    return None


def keep(interface: QAccessibleInterface) -> QAccessibleInterface:
    """Hold `interface` until Qt has deleted it (see the module docstring)."""
    ALIVE[:] = [i for i in ALIVE if shiboken6.isValid(i)]
    ALIVE.append(interface)
    return interface


def drop(interface: QAccessibleInterface) -> None:
    """Let Qt delete an interface (registering it first if it never was)."""
    if shiboken6.isValid(interface):
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))


def _release_all() -> None:
    for interface in ALIVE:
        drop(interface)
    ALIVE.clear()


def announce(view: MapView, node_id: str) -> None:
    """Tell a screen reader that the keyboard moved to a node (when one is listening)."""
    if not QAccessible.isActive():
        return
    from rolemap.canvas.accessible_map import MapAccessible

    parent = QAccessible.queryAccessibleInterface(view)
    if isinstance(parent, MapAccessible):
        child = parent.node_child(node_id)
        if child is not None:
            QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.Focus))
            QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.Selection))
