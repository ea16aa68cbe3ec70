"""MapDocks: the docks that serve only the Map tab step aside on the other tabs.

Properties and Purpose describe the map; beside the Track or Dashboard tab
they only take width (an 800 px window cannot spare 340 of them). Leaving the
Map tab hides those that are open; coming back shows those again, and only
those: a dock the person closed stays closed, and one they open on another
tab stays open. The window asks for them back before saving its layout, so
the saved state is the Map tab's.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget


class MapDocks(QObject):
    """Hides `docks` while `tabs` shows a page other than `map_page`."""

    def __init__(self, tabs: QTabWidget, map_page: QWidget, docks: Sequence[QDockWidget]) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._map_page = map_page
        self._docks = tuple(docks)
        self._put_away: list[QDockWidget] = []
        tabs.currentChanged.connect(self._on_tabs_current_changed)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if self._tabs.widget(index) is self._map_page:
            self.bring_back()
        else:
            self.put_away()

    def put_away(self) -> None:
        """Hide the docks that are open (not those the person closed)."""
        for dock in self._docks:
            if not dock.isHidden() and dock not in self._put_away:
                self._put_away.append(dock)
                dock.hide()

    def bring_back(self) -> None:
        """Show again the docks `put_away` hid."""
        put_away, self._put_away = self._put_away, []
        for dock in put_away:
            dock.show()
