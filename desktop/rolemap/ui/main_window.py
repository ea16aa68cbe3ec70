"""MainWindow: the tabs, menus and toolbar from the actions table, the properties dock.

The window wires views to the document; it holds no data of its own.

It is built in two steps, so that the map shows as soon as possible: what
the first paint shows (the map, the docks, the menus and toolbar) is built in
`__init__`; the Track and Dashboard tabs' contents, the map tools and the
menus' helpers are built right after the window first paints (`started`), or
earlier on first use, whichever comes first. Their modules cost ~120 ms of
imports and set-up that the first paint does not need.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from rolemap import __version__
from rolemap.canvas.scene import MapScene
from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.store.locations import data_folder
from rolemap.ui.actions import ACTIONS
from rolemap.ui.properties_panel import PropertiesPanel
from rolemap.ui.purpose_panel import PurposePanel
from rolemap.ui.window_settings import WindowSettings

if TYPE_CHECKING:  # built after the first paint (see the module docstring)
    from rolemap.dashboard.dashboard_tab import DashboardTab
    from rolemap.track.track_tab import TrackTab
    from rolemap.ui.data_safety import DataSafetyActions
    from rolemap.ui.diagram_exporter import DiagramExporter
    from rolemap.ui.map_tools import MapTools
    from rolemap.ui.role_actions import RoleActions

STATUS_TIMEOUT_MS = 8000
MENU_ORDER = ("&File", "&Edit", "&Map", "&View", "&Track", "&Help")


class MainWindow(QMainWindow):
    """Rolemap's window: Map tab, properties panel, role switcher.

    Signals:
        shown(): the window has painted for the first time.
        started(): everything is built (right after `shown`, or on first use).
    """

    shown = Signal()
    started = Signal()

    def __init__(
        self,
        document: RoleDocument,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = WindowSettings(settings if settings is not None else QSettings())
        self.setObjectName("main-window")
        self.resize(1360, 860)
        self.scene = MapScene(document)
        self.view = MapView(self.scene)
        self.view.setObjectName("map-view")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, "Map")
        self.track_page = _Page("track-page")
        self.tabs.addTab(self.track_page, "Track")
        self.dashboard_page = _Page("dashboard-page")
        self.tabs.addTab(self.dashboard_page, "Dashboard")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)

        self.properties = PropertiesPanel(document)
        dock = QDockWidget("Properties", self)
        dock.setObjectName("properties-dock")
        dock.setWidget(self.properties)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [340], Qt.Orientation.Horizontal)

        self.role_box = QComboBox()
        self.role_box.setObjectName("role-switcher")
        self.role_box.setMinimumWidth(220)
        self.role_box.setToolTip("The role shown; File → New role adds another")
        self.role_box.activated.connect(self._on_role_box_activated)
        self.zoom_label = QLabel("100 %")
        self.statusBar().addPermanentWidget(self.zoom_label)
        # The canvas's "Start timer" (keeps canvas/ free of track/); builds the tab if need be.
        self.view.start_timer = lambda node_id: self.track.start_timer_on(node_id)

        if os.environ.get("ROLEMAP_START_TAB"):  # for screenshots: open on a given tab
            QTimer.singleShot(0, self._open_start_tab)
        self.purpose_panel = PurposePanel(self.view)
        self.purpose_dock = QDockWidget("Purpose", self)
        self.purpose_dock.setObjectName("purpose-dock")
        self.purpose_dock.setWidget(self.purpose_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.purpose_dock)
        self._build_actions()
        self.scene.selection_ids_changed.connect(self.properties.show_selection)
        self.view.zoom_changed.connect(lambda s: self.zoom_label.setText(f"{s:.0%}"))
        document.edit_refused.connect(self._on_document_edit_refused)
        document.edit_failed.connect(self._on_document_edit_failed)
        document.roles_changed.connect(self._refresh_roles)
        document.role_switched.connect(self._on_document_role_switched)
        self._refresh_roles()
        self._update_title()
        self._fitted = False
        self.settings.restore_window(self)
        self._started = False
        self._first_paint = _FirstPaint(self, self._on_first_paint)

    # -- the second step of building (see the module docstring) ---------------------

    def _on_first_paint(self) -> None:
        self.shown.emit()
        QTimer.singleShot(0, self.finish_start)

    def finish_start(self) -> None:
        """Build what the first paint did not need; emits `started` once."""
        if self._started:
            return
        self._started = True
        self.settings.add_recent_database(self.document.store.path)
        if self.document.has_role:
            self.settings.set_last_role(self.document.store.path, self.document.role_map.role.id)
        for part in ("track", "dashboard", "map_tools", "roles", "safety", "exporter"):
            getattr(self, part)
        self.started.emit()

    @cached_property
    def track(self) -> TrackTab:
        """The Track tab (quick entry, timer, record tables)."""
        from rolemap.track.track_tab import TrackTab

        track = TrackTab(self.document)
        self.track_page.set_content(track)
        self.statusBar().addPermanentWidget(track.timer_status)
        return track

    @cached_property
    def dashboard(self) -> DashboardTab:
        """The Dashboard tab."""
        from rolemap.dashboard.dashboard_tab import DashboardTab

        dashboard = DashboardTab(self.document)
        dashboard.entries_requested.connect(self._on_dashboard_entries_requested)
        self.dashboard_page.set_content(dashboard)
        return dashboard

    @cached_property
    def map_tools(self) -> MapTools:
        """Map tools: purpose/trace dock, find bar, minimap, clipboard, auto-layout."""
        from rolemap.ui.map_tools import MapTools

        return MapTools(self.view, self.purpose_dock)

    @cached_property
    def roles(self) -> RoleActions:
        """File → New, Rename, Delete role, and JSON import and export."""
        from rolemap.ui.role_actions import RoleActions

        return RoleActions(self, self.document)

    @cached_property
    def safety(self) -> DataSafetyActions:
        """File → Restore from backup…, Help → Open data folder."""
        from rolemap.ui.data_safety import DataSafetyActions

        return DataSafetyActions(self, self.document)

    @cached_property
    def exporter(self) -> DiagramExporter:
        """File → Export diagram… and File → Print…."""
        from rolemap.ui.diagram_exporter import DiagramExporter

        return DiagramExporter(self.document, self)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.track_page:
            self.track  # noqa: B018 - built on first sight
        elif page is self.dashboard_page:
            self.dashboard  # noqa: B018

    # -- building -------------------------------------------------------------------

    def _build_actions(self) -> None:
        menus: dict[str, QMenu] = {}
        toolbar = QToolBar("Map")
        toolbar.setObjectName("map-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addWidget(self.role_box)
        toolbar.addSeparator()
        self.addToolBar(toolbar)

        undo = self.document.undo_group.createUndoAction(self, "&Undo")
        undo.setObjectName("undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.document.undo_group.createRedoAction(self, "&Redo")
        redo.setObjectName("redo")
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )

        # Menus in the order people expect, whatever order features add actions in.
        for title in MENU_ORDER + tuple(s.menu for s in ACTIONS if s.menu not in MENU_ORDER):
            if title not in menus:
                menus[title] = self.menuBar().addMenu(title)
        menus["&Edit"].addAction(undo)
        menus["&Edit"].addAction(redo)
        menus["&Edit"].addSeparator()
        for spec in ACTIONS:
            menu = menus[spec.menu]
            action = QAction(spec.text, self)
            action.setObjectName(spec.name)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            action.triggered.connect(self._handler(spec.handler))
            if spec.name == "rename-node":
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.view.addAction(action)
            if spec.name == "quit":
                menu.addSeparator()
            menu.addAction(action)
            if spec.toolbar:
                toolbar.addAction(action)
                if spec.name == "add-outcome":
                    toolbar.addSeparator()
        self.addAction(undo)
        self.addAction(redo)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.setObjectName("open-recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menus["&File"].insertMenu(self.action("quit"), self.recent_menu)

    def _handler(self, path: str) -> Callable[[], object]:
        """Resolve "method" or "attribute.method" on the window when triggered.

        Resolved late: the helper may be one built after the first paint.
        """

        def call() -> object:
            target: object = self
            for part in path.split("."):
                target = getattr(target, part)
            return target()  # type: ignore[operator]

        return call

    def action(self, name: str) -> QAction:
        """The action with this object name."""
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    # -- roles ----------------------------------------------------------------------------

    def _refresh_roles(self) -> None:
        self.role_box.clear()
        for role in self.document.roles():
            self.role_box.addItem(role.name, role.id)
        if self.document.has_role:
            self.role_box.setCurrentIndex(self.role_box.findData(self.document.role_map.role.id))
        self._update_title()

    def _update_title(self) -> None:
        name = self.document.role_map.role.name if self.document.has_role else "No role"
        self.setWindowTitle(f"{name} — Rolemap")

    @Slot(int)
    def _on_role_box_activated(self, index: int) -> None:
        role_id = self.role_box.itemData(index)
        if role_id and (not self.document.has_role or role_id != self.document.role_map.role.id):
            self.document.switch_role(role_id)

    @Slot(str)
    def _on_document_role_switched(self, role_id: str) -> None:
        self.settings.set_last_role(self.document.store.path, role_id)
        self.role_box.setCurrentIndex(self.role_box.findData(role_id))
        self._update_title()
        self.view.fit_all()

    # -- map editing ---------------------------------------------------------------------

    def _add(self, kind: NodeKind) -> None:
        if not self.document.has_role:
            return
        node_id = self.document.add_node(kind)
        if node_id is not None:
            self.scene.select_only([node_id])
            self.view.centre_on_node(node_id)
            self.scene.edit_title(node_id)

    def add_input(self) -> None:
        """Add an input."""
        self._add(NodeKind.INPUT)

    def add_activity(self) -> None:
        """Add an activity."""
        self._add(NodeKind.ACTIVITY)

    def add_output(self) -> None:
        """Add an output."""
        self._add(NodeKind.OUTPUT)

    def add_outcome(self) -> None:
        """Add an outcome."""
        self._add(NodeKind.OUTCOME)

    def delete_selection(self) -> None:
        """Delete the selected nodes and links as one step."""
        from rolemap.track.confirm import confirm_delete_tracked

        nodes, links = self.scene.selected_ids()
        if not confirm_delete_tracked(self, self.document, nodes):
            return
        self.document.remove(nodes, links)

    def select_all(self) -> None:
        """Select every node (one selection change, however many nodes)."""
        self.scene.select_all()

    def rename_selected(self) -> None:
        """Edit the selected node's title in place."""
        nodes, _ = self.scene.selected_ids()
        if len(nodes) == 1:
            self.scene.edit_title(nodes[0])

    def zoom_in(self) -> None:
        """Zoom in."""
        self.view.zoom_in()

    def zoom_out(self) -> None:
        """Zoom out."""
        self.view.zoom_out()

    def fit_all(self) -> None:
        """Fit the map to the window."""
        self.view.fit_all()

    def reset_zoom(self) -> None:
        """100 %."""
        self.view.reset_zoom()

    def about(self) -> None:
        """Version and where the data is."""
        from PySide6.QtWidgets import QMessageBox  # here: its enums cost start-up time

        QMessageBox.about(self, "About Rolemap", self.about_text())

    def about_text(self) -> str:
        """The About box: version, data folder, database and backups."""
        database = self.document.store.path
        return (
            f"<b>Rolemap {__version__}</b>"
            "<p>Map a role as activities → outputs → outcomes, track where the time "
            "goes, and print it on one page.</p>"
            f"<p>Data folder: {data_folder()}<br>Database: {database}<br>"
            f"Backups: {database.parent / 'backups'}</p>"
        )

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = self.document.store.path.resolve()
        others = [p for p in self.settings.recent_databases() if p != current]
        for path in others:
            menu.addAction(str(path), partial(self.open_database, path))
        if not others:
            menu.addAction("No other databases yet").setEnabled(False)

    def open_database(self, path: Path) -> None:
        """Open another database in its own window (each file has one window and one store)."""
        program = sys.executable
        arguments = ["--db", str(path)]
        if not getattr(sys, "frozen", False):
            arguments = ["-m", "rolemap", *arguments]
        from PySide6.QtCore import QProcess

        if not QProcess.startDetached(program, arguments):
            self.statusBar().showMessage(f"Could not open {path}.", STATUS_TIMEOUT_MS)

    # -- dashboard ---------------------------------------------------------------------------

    @Slot(dict)
    def _on_dashboard_entries_requested(self, filters: dict[str, Any]) -> None:
        self.track.show_entries(**filters)
        self.tabs.setCurrentWidget(self.track_page)

    def _open_start_tab(self) -> None:
        wanted = os.environ.get("ROLEMAP_START_TAB", "").casefold()
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "").casefold() == wanted:
                self.tabs.setCurrentIndex(index)

    # -- messages ---------------------------------------------------------------------------

    @Slot(str)
    def _on_document_edit_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    @Slot(str)
    def _on_document_edit_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS * 2)
        from PySide6.QtWidgets import QMessageBox  # here: its enums cost start-up time

        QMessageBox.warning(self, "Not saved", message)

    # -- window ----------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._fitted:
            self._fitted = True
            # After the first layout pass, so the view has its real size.
            QTimer.singleShot(0, self.view.fit_all)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already committed; only the window's own habits are saved.
        self.settings.save_window(self)
        event.accept()


class _Page(QWidget):
    """A tab's page whose content is built later (see the module docstring)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_content(self, widget: QWidget) -> None:
        """Show `widget` as the page."""
        self._layout.addWidget(widget)


class _FirstPaint(QObject):
    """Calls `callback` once, after `widget` first paints."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The window's children paint in this same pass, before the timer fires.
            QTimer.singleShot(0, self._callback)
        return False
