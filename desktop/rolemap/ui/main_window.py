"""MainWindow: the tabs, menus and toolbar from the actions table, the properties dock.

The window wires views to the document; it holds no data of its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from rolemap import __version__
from rolemap.canvas.scene import MapScene
from rolemap.canvas.view import MapView
from rolemap.dashboard.dashboard_tab import DashboardTab
from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.store.locations import data_folder
from rolemap.track.confirm import confirm_delete_tracked
from rolemap.track.track_tab import TrackTab
from rolemap.ui.actions import ACTIONS
from rolemap.ui.data_safety import DataSafetyActions
from rolemap.ui.diagram_exporter import DiagramExporter
from rolemap.ui.map_tools import MapTools
from rolemap.ui.properties_panel import PropertiesPanel
from rolemap.ui.purpose_panel import PurposePanel
from rolemap.ui.role_actions import RoleActions
from rolemap.ui.window_settings import WindowSettings

STATUS_TIMEOUT_MS = 8000
MENU_ORDER = ("&File", "&Edit", "&Map", "&View", "&Track", "&Help")


class MainWindow(QMainWindow):
    """Rolemap's window: Map tab, properties panel, role switcher."""

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

        self.track = TrackTab(document)
        self.tabs.addTab(self.track, "Track")
        self.statusBar().addPermanentWidget(self.track.timer_status)
        self.view.start_timer = self.track.start_timer_on

        self.roles = RoleActions(self, document)
        self.safety = DataSafetyActions(self, document)
        self.exporter = DiagramExporter(document, self)
        self.dashboard = DashboardTab(document)
        self.tabs.addTab(self.dashboard, "Dashboard")
        self.dashboard.entries_requested.connect(self._on_dashboard_entries_requested)
        if os.environ.get("ROLEMAP_START_TAB"):  # for screenshots: open on a given tab
            QTimer.singleShot(0, self._open_start_tab)
        # Map tools: purpose/trace dock, find bar, minimap, clipboard, auto-layout.
        self.purpose_panel = PurposePanel(self.view)
        purpose_dock = QDockWidget("Purpose", self)
        purpose_dock.setObjectName("purpose-dock")
        purpose_dock.setWidget(self.purpose_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, purpose_dock)
        self.map_tools = MapTools(self.view, purpose_dock)
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
        self.settings.add_recent_database(document.store.path)
        if document.has_role:
            self.settings.set_last_role(document.store.path, document.role_map.role.id)

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
        """Resolve "method" or "attribute.method" on the window."""
        target: object = self
        for part in path.split("."):
            target = getattr(target, part)
        return lambda: target()  # type: ignore[operator]

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
        if not QProcess.startDetached(program, arguments):
            self.statusBar().showMessage(f"Could not open {path}.", STATUS_TIMEOUT_MS)

    # -- dashboard ---------------------------------------------------------------------------

    @Slot(dict)
    def _on_dashboard_entries_requested(self, filters: dict[str, object]) -> None:
        track = getattr(self, "track", None)
        if track is not None and hasattr(track, "show_entries"):
            track.show_entries(**filters)
            self.tabs.setCurrentWidget(track)

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
