"""MainWindow: the tabs, the docks and the toolbar's role switcher, wired to the document.

The window wires views to the document; it holds no data of its own. The
menus and toolbar come from the actions table (`ui/menus.py`), their
handlers live in the command modules (`ui/map_commands.py`,
`ui/window_commands.py`) and the helpers below.

It is built in two steps, so that the map shows as soon as possible: what
the first paint shows (the map, the docks, the menus' titles and the toolbar)
is built in `__init__`; the other tabs' contents, the map tools, the menus'
actions and helpers are built right after the window first paints, one part
per turn of the event loop (`started` when all are), or earlier on first use,
whichever comes first. They cost ~210 ms of imports and set-up that the
first paint does not need.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget, QWidget

from rolemap.canvas.scene import MapScene
from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.ui.actions import WRITING_ACTIONS
from rolemap.ui.first_paint import FirstPaint, LazyPage
from rolemap.ui.map_commands import MapCommands
from rolemap.ui.map_docks import MapDocks
from rolemap.ui.menus import Menus
from rolemap.ui.properties_panel import PropertiesPanel
from rolemap.ui.purpose_panel import PurposePanel
from rolemap.ui.role_switcher import RoleSwitcher
from rolemap.ui.status_messages import StatusMessages
from rolemap.ui.window_commands import WindowCommands
from rolemap.ui.window_settings import WindowSettings

if TYPE_CHECKING:  # built after the first paint (see the module docstring)
    from rolemap.canvas.compare_mode import CompareMode
    from rolemap.dashboard.dashboard_tab import DashboardTab
    from rolemap.plan.plan_tab import PlanTab
    from rolemap.review.review_tab import ReviewTab
    from rolemap.track.track_tab import TrackTab
    from rolemap.ui.data_safety import DataSafetyActions
    from rolemap.ui.diagram_exporter import DiagramExporter
    from rolemap.ui.exchange_actions import ExchangeActions
    from rolemap.ui.getting_started import GettingStarted
    from rolemap.ui.map_tools import MapTools
    from rolemap.ui.role_actions import RoleActions

DEFAULT_SIZE = (1360, 860)
DOCK_WIDTH = 340
# Built by `finish_start`, in this order (the menus' handlers name them).
DEFERRED = (
    "track", "plan", "dashboard", "review", "map_tools", "roles", "safety", "exporter", "guide",
    "exchange",
)  # fmt: skip


def first_size(available: QSize) -> QSize:
    """The window's size on its first start: the default, or the whole screen if that is smaller."""
    return QSize(*DEFAULT_SIZE).boundedTo(available)


class MainWindow(QMainWindow):
    """Rolemap's window: Map, Track and Dashboard tabs, the Properties and Purpose docks.

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
        self.qsettings = settings if settings is not None else QSettings()
        self.settings = WindowSettings(self.qsettings)
        self.setObjectName("main-window")
        self.resize(first_size(self.screen().availableGeometry().size()))
        self.scene = MapScene(document)
        self.view = MapView(self.scene)
        self.view.setObjectName("map-view")
        # The canvas's "Start timer" (keeps canvas/ free of track/); builds the tab if need be.
        self.view.start_timer = lambda node_id: self.track.start_timer_on(node_id)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, "Map")
        self.plan_page = LazyPage("plan-page")  # the week's plan: Monday's planning is its own act
        self.tabs.addTab(self.plan_page, "Plan")
        self.track_page = LazyPage("track-page")
        self.tabs.addTab(self.track_page, "Track")
        self.dashboard_page = LazyPage("dashboard-page")
        self.tabs.addTab(self.dashboard_page, "Dashboard")
        self.review_page = LazyPage("review-page")  # the framework's fourth step
        self.tabs.addTab(self.review_page, "Review")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)

        self.properties = PropertiesPanel(document)
        properties_dock = self._dock("Properties", "properties-dock", self.properties)
        properties_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.resizeDocks([properties_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.purpose_panel = PurposePanel(self.view)
        self.purpose_dock = self._dock("Purpose", "purpose-dock", self.purpose_panel)
        self.map_docks = MapDocks(self.tabs, self.view, [properties_dock, self.purpose_dock])

        self.zoom_label = QLabel("100 %")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.status = StatusMessages(self, document)
        self.role_box = RoleSwitcher(document)
        self.map_commands = MapCommands(self.view, self)
        self.window_commands = WindowCommands(self, document, self.settings)
        self.menus = Menus(self, self.role_box)
        self.menus.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self.menus.menus["&Edit"].aboutToShow.connect(self._on_edit_menu_about_to_show)
        # A database nobody here may write (issue 19): said above the tabs, writes disabled.
        self.read_only = bool(getattr(document.store, "read_only", False))
        if self.read_only:
            self.status.show_read_only()
            for name in WRITING_ACTIONS:
                self.action(name).setEnabled(False)

        self.scene.selection_ids_changed.connect(self.properties.show_selection)
        self.view.zoom_changed.connect(lambda s: self.zoom_label.setText(f"{s:.0%}"))
        document.roles_changed.connect(self._update_title)
        document.role_switched.connect(self._on_document_role_switched)
        self._update_title()
        if os.environ.get("ROLEMAP_START_TAB"):  # for screenshots: open on a given tab
            QTimer.singleShot(0, self._open_start_tab)
        self._fitted = False
        self.settings.restore_window(self)
        self._started = False
        self._first_paint = FirstPaint(self, self._on_first_paint)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def action(self, name: str) -> QAction:
        """The action with this object name."""
        self.menus.fill()
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    # -- the second step of building (see the module docstring) ---------------------

    def _on_first_paint(self) -> None:
        self.shown.emit()
        QTimer.singleShot(0, self, self._build_next)

    def _build_next(self) -> None:
        """Build one part, then let the window answer input before the next: the ~210 ms of
        the second step in one go would leave a click right after the first paint waiting.
        A window closed meanwhile builds no more (what is used is built when used)."""
        if self._started or not self.isVisible():
            return
        self.menus.fill()
        part = next((p for p in DEFERRED if p not in self.__dict__), None)
        if part is None:
            self.finish_start()
            return
        getattr(self, part)
        QTimer.singleShot(0, self, self._build_next)

    def finish_start(self) -> None:
        """Build what the first paint did not need; emits `started` once."""
        if self._started:
            return
        self._started = True
        self.settings.add_recent_database(self.document.store.path)
        if self.document.has_role:
            self.settings.set_last_role(self.document.store.path, self.document.role_map.role.id)
        for part in DEFERRED:
            getattr(self, part)
        self.menus.fill()
        self.menus.check_handlers()  # the helpers exist now: a wrong handler fails here
        self.started.emit()

    @cached_property
    def track(self) -> TrackTab:
        """The Track tab (quick entry, timer, record tables)."""
        from rolemap.track.track_tab import TrackTab

        track = TrackTab(self.document, saved=self.status.show_saved)
        self.track_page.set_content(track)
        self.statusBar().addPermanentWidget(track.timer_status)
        return track

    @cached_property
    def plan(self) -> PlanTab:
        """The Plan tab (the week's plan, the quarter's checklist)."""
        from rolemap.plan.plan_tab import PlanTab

        plan = PlanTab(self.document)
        plan.nodes_requested.connect(self._on_plan_nodes_requested)
        self.plan_page.set_content(plan)
        return plan

    @cached_property
    def dashboard(self) -> DashboardTab:
        """The Dashboard tab."""
        from rolemap.dashboard.dashboard_tab import DashboardTab

        dashboard = DashboardTab(self.document, period=self.settings.dashboard_period())
        dashboard.entries_requested.connect(self._on_dashboard_entries_requested)
        dashboard.week_requested.connect(self._on_dashboard_week_requested)
        dashboard.period_changed.connect(
            lambda _key: self.settings.set_dashboard_period(*dashboard.period_choice())
        )
        self.dashboard_page.set_content(dashboard)
        return dashboard

    @cached_property
    def review(self) -> ReviewTab:
        """The Review tab (the four questions with their evidence, the history of reviews)."""
        from rolemap.review.review_tab import ReviewTab

        review = ReviewTab(self.document)
        review.status_message.connect(self.status.show)
        review.compare_requested.connect(self._on_review_compare_requested)
        self.review_page.set_content(review)
        # "Review due" from the start on: the tab's title, the status bar, the timer's tray icon.
        review.nudge.attach(self.tabs, self.review_page, self.statusBar(), self.track.timer.tray)
        return review

    @cached_property
    def compare_mode(self) -> CompareMode:
        """The map compared with a review (made when first asked for, from the Review tab)."""
        from rolemap.canvas.compare_mode import CompareMode

        return CompareMode(self.view)

    @Slot(str)
    def _on_review_compare_requested(self, review_id: str) -> None:
        self.tabs.setCurrentWidget(self.view)
        self.compare_mode.start(review_id)

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

        return DiagramExporter(self.document, self, saved=self.status.show_saved)

    @cached_property
    def exchange(self) -> ExchangeActions:
        """File → Import time…, Export as…, Export operating manual…; Edit → Copy as Mermaid."""
        from rolemap.ui.exchange_actions import ExchangeActions

        return ExchangeActions(
            self, self.document, self.scene, saved=self.status.show_saved, say=self.status.show
        )

    @cached_property
    def guide(self) -> GettingStarted:
        """The welcome page (opened on a first start), Help → Getting started, What's This."""
        from rolemap.ui.getting_started import GettingStarted

        return GettingStarted(self, self.document, self.qsettings)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        self.zoom_label.setVisible(page is self.view)  # the map's zoom means nothing elsewhere
        if page is self.track_page:
            self.track  # noqa: B018 - built on first sight
        elif page is self.plan_page:
            self.plan  # noqa: B018
        elif page is self.dashboard_page:
            self.dashboard  # noqa: B018
        elif page is self.review_page:
            self.review  # noqa: B018

    # -- the role and the other views -------------------------------------------------

    @Slot()
    def _update_title(self) -> None:
        name = self.document.role_map.role.name if self.document.has_role else "No role"
        read_only = " (read-only)" if getattr(self, "read_only", False) else ""
        self.setWindowTitle(f"{name}{read_only} — Rolemap")

    @Slot(str)
    def _on_document_role_switched(self, role_id: str) -> None:
        self.settings.set_last_role(self.document.store.path, role_id)
        self._update_title()
        self.view.fit_all()

    @Slot()
    def _on_recent_menu_about_to_show(self) -> None:
        self.window_commands.fill_recent_menu(self.menus.recent_menu)

    @Slot()
    def _on_edit_menu_about_to_show(self) -> None:
        # Asked when the menu opens, the one way to the action: not on every record change.
        has_examples = self.document.has_role and any(self.document.example_counts())
        self.action("remove-example-data").setEnabled(has_examples and not self.read_only)

    @Slot(dict)
    def _on_dashboard_entries_requested(self, filters: dict[str, Any]) -> None:
        self.track.show_entries(**filters)
        self.tabs.setCurrentWidget(self.track_page)

    @Slot(str)
    def _on_dashboard_week_requested(self, week_name: str) -> None:
        from rolemap.domain.week_plan import Week

        self.plan.week.choose_week(Week.named(week_name))
        self.plan.pages.setCurrentWidget(self.plan.week)
        self.tabs.setCurrentWidget(self.plan_page)

    @Slot(list)
    def _on_plan_nodes_requested(self, node_ids: list[str]) -> None:
        self.tabs.setCurrentWidget(self.view)
        self.scene.select_only(node_ids)
        if node_ids:
            self.view.centre_on_node(node_ids[0])

    def _open_start_tab(self) -> None:
        wanted = os.environ.get("ROLEMAP_START_TAB", "").casefold()
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "").casefold() == wanted:
                self.tabs.setCurrentIndex(index)

    # -- window ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # After the first layout pass, so the view has its real size.
            QTimer.singleShot(0, self.view.fit_all)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already committed; only the window's own habits are saved,
        # with the docks as the Map tab has them.
        if "review" in self.__dict__:
            self.review.flush()  # an answer still in its typing pause is saved now
        self.map_docks.bring_back()
        self.settings.save_window(self)
        event.accept()
