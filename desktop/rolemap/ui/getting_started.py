"""GettingStarted: the welcome page as the window's first tab, Help → Getting started, What's This.

The window builds this helper right after its first paint (`MainWindow.guide`).
On a first start (`ui/welcome_settings.py`) it opens the welcome page
(`ui/welcome_page.py`) as a "Welcome" tab in front of the map; otherwise the
page is built only when Help → Getting started asks for it. Closing the tab
dismisses it for good (QSettings); the Help menu brings it back.

The page shows the current role's four steps (`services/getting_started.py`)
and is read again when the role or its data change while it is on show, and
whenever it comes into view (an export, a finished review: they happen
elsewhere). Its links lead to where each step is done: a tab, or one of the
window's actions by object name. An action that another part of the window
has not added yet (a calendar import, the manual's export) is simply not
offered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QTabBar, QToolButton, QWhatsThis, QWidget

from rolemap.document.document import RoleDocument
from rolemap.ui.welcome_settings import dismiss_welcome, welcome_at_start

if TYPE_CHECKING:
    from rolemap.ui.main_window import MainWindow
    from rolemap.ui.welcome_page import WelcomePage

TITLE = "Welcome"
REFRESH_MS = 150  # edits come in bursts (an auto-layout, an import): read once they settle
# Where each step is done: (link text, target), offered when the target exists.
STEP_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "audit": (
        ("Log time", "action:focus-quick-entry"),
        ("Open Track", "tab:track"),
        ("Import a calendar…", "action:import-time"),
    ),
    "design": (
        ("Open the map", "tab:map"),
        ("Ideal allocation", "role"),
        ("Purpose check", "action:show-purpose"),
    ),
    "manual": (
        ("Export diagram…", "action:export-diagram"),
        ("Export manual…", "action:export-manual"),
        ("Plan the week", "tab:plan"),
    ),
    "review": (("Open Review", "tab:review"),),
}


class GettingStarted(QObject):
    """The window's helper for the welcome page; see the module docstring."""

    def __init__(self, window: MainWindow, document: RoleDocument, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._settings = settings
        self.page: WelcomePage | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        if welcome_at_start(settings):
            self.show_page()

    # -- the actions (Help menu) -------------------------------------------------------

    def show_page(self) -> None:
        """Show the welcome page as the first tab, building it on first use."""
        page = self.page or self._build()
        tabs = self._window.tabs
        if tabs.indexOf(page) < 0:
            index = tabs.insertTab(0, page, TITLE)
            tabs.setTabToolTip(index, "The four steps and the template library")
            tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, self._close())
        if tabs.currentWidget() is page:
            self.refresh()
        else:
            tabs.setCurrentWidget(page)  # which refreshes it (`_on_tabs_current_changed`)

    def whats_this(self) -> None:
        """Help → What's This?: the next click on a field explains it."""
        QWhatsThis.enterWhatsThisMode()

    @property
    def is_open(self) -> bool:
        """Whether the welcome page is one of the window's tabs."""
        return self.page is not None and self._window.tabs.indexOf(self.page) >= 0

    def dismiss(self) -> None:
        """Close the page; it no longer opens at start (Help → Getting started brings it back)."""
        dismiss_welcome(self._settings)
        if self.page is None:
            return
        tabs = self._window.tabs
        index = tabs.indexOf(self.page)
        if index >= 0:
            was_current = tabs.currentIndex() == index
            tabs.removeTab(index)
            if was_current:
                tabs.setCurrentWidget(self._window.view)
            self._window.status.show("The welcome page stays in Help → Getting started.")

    # -- the page -------------------------------------------------------------------------

    def _build(self) -> WelcomePage:
        from rolemap.services.templates import templates
        from rolemap.ui.welcome_page import WelcomePage

        page = WelcomePage(templates())
        page.link_activated.connect(self._on_page_link_activated)
        page.template_chosen.connect(self._on_page_template_chosen)
        page.example_kept.connect(self._on_page_example_kept)
        page.dismiss_requested.connect(self.dismiss)
        document = self._document
        for signal in (
            document.role_switched,
            document.role_changed,
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_removed,
            document.records_changed,
        ):
            signal.connect(self._on_document_changed)
        document.roles_changed.connect(self._on_document_changed)
        self._window.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.page = page
        return page

    def _close(self) -> QToolButton:
        button = QToolButton()
        button.setObjectName("welcome-tab-close")
        button.setText("✕")
        button.setAutoRaise(True)
        button.setToolTip("Close the welcome page (Help → Getting started brings it back)")
        button.setAccessibleName("Close the welcome page")
        button.clicked.connect(self.dismiss)
        return button

    @Slot()
    def refresh(self) -> None:
        """Read the current role's steps again and show them (when the page is open)."""
        if not self.is_open or self.page is None:
            return
        self._refresh.stop()
        if not self._document.has_role:
            return
        from rolemap.services.getting_started import role_steps
        from rolemap.store.getting_started import has_sample_time

        role_map = self._document.role_map
        self.page.show_steps(
            role_map.role.name,
            role_steps(self._document.store, role_map),
            self.links(),
            example=has_sample_time(self._document.store.conn, role_map.role.id),
        )

    def links(self) -> dict[str, list[tuple[str, str]]]:
        """Step key → the links the window can follow now."""
        return {
            key: [(text, target) for text, target in links if self._can_follow(target)]
            for key, links in STEP_LINKS.items()
        }

    def _can_follow(self, target: str) -> bool:
        kind, _, name = target.partition(":")
        if kind == "action":
            return self._window.findChild(QAction, name) is not None
        return kind == "role" or self._tab_page(name) is not None

    def follow(self, target: str) -> None:
        """Go where `target` points: "tab:<name>", "action:<object name>" or "role"."""
        kind, _, name = target.partition(":")
        window = self._window
        if kind == "tab":
            page = self._tab_page(name)
            if page is not None:
                window.tabs.setCurrentWidget(page)
        elif kind == "action":
            action = window.findChild(QAction, name)
            if action is not None:
                action.trigger()
        elif kind == "role":  # nothing selected: the Properties dock shows the role's fields
            window.tabs.setCurrentWidget(window.view)
            window.scene.clearSelection()
            dock = window.findChild(QDockWidget, "properties-dock")
            if dock is not None:
                dock.show()
                dock.raise_()
        self.refresh()  # a dialog the link opened (an export) may have changed a step

    def _tab_page(self, name: str) -> QWidget | None:
        window = self._window
        pages: dict[str, QWidget] = {
            "map": window.view,
            "plan": window.plan_page,
            "track": window.track_page,
            "dashboard": window.dashboard_page,
            "review": window.review_page,
        }
        return pages.get(name)

    # -- slots ----------------------------------------------------------------------------

    @Slot(str)
    def _on_page_link_activated(self, target: str) -> None:
        self.follow(target)

    @Slot(str)
    def _on_page_template_chosen(self, key: str) -> None:
        role_id = self._window.roles.new_role(key)
        if role_id is not None:
            self.refresh()
            self._window.tabs.setCurrentWidget(self._window.view)  # the new role's map

    @Slot()
    def _on_page_example_kept(self) -> None:
        self._window.tabs.setCurrentWidget(self._window.view)

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        if self.is_open and self._window.tabs.currentWidget() is self.page:
            self._refresh.start()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.page is not None and self._window.tabs.currentWidget() is self.page:
            self.refresh()
