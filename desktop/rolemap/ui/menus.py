"""The window's menus and toolbar, built from the actions table (`ui/actions.py`).

Every handler is resolved when the menus are built, so a misspelt one stops
the window from being built instead of waiting for someone to click it. A
handler on a helper that the window builds after its first paint (a
`cached_property`, see `ui/main_window.py`) is checked as far as it can be
without building the helper: the holder must exist then, and is only bound
when the action first runs; `check_handlers` resolves the rest as soon as
the helpers exist (the window calls it at the end of its start).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from rolemap.ui.actions import ACTIONS, MENU_ORDER, ActionSpec
from rolemap.ui.shortcuts import key_sequences

if TYPE_CHECKING:
    from rolemap.ui.main_window import MainWindow

_MISSING = object()


class HandlerError(LookupError):
    """An action's handler names nothing that can be called."""


def resolve_handler(holder: object, path: str) -> Callable[[], object]:
    """A callable that calls what `path` ("holder.method") names on `holder`, checked now.

    Each part is looked up without running properties (`inspect.getattr_static`),
    so a helper built after the first paint is not built here. The call looks the
    path up again when the action runs, whenever the menus were filled.

    Raises:
        HandlerError: a part of the path does not exist, or the end is not callable.
    """
    parts = path.split(".")
    target = holder
    for index, part in enumerate(parts):
        found = inspect.getattr_static(target, part, _MISSING)
        if found is _MISSING:
            raise HandlerError(f"action handler {path!r}: {type(target).__name__} has no {part!r}")
        built_later = isinstance(found, cached_property) and part not in vars(target)
        if built_later and index < len(parts) - 1:
            return _later(target, parts[index:])
        target = getattr(target, part)
    if not callable(target):
        raise HandlerError(f"action handler {path!r} is not callable")
    return _later(holder, parts)  # looked up when it runs: the menus are filled after the start


def _later(holder: object, parts: list[str]) -> Callable[[], object]:
    def call() -> object:
        target = holder
        for part in parts:
            target = getattr(target, part)
        return target()  # type: ignore[operator]

    return call


class Menus:
    """The menu bar, the map toolbar, and one QAction per row of the actions table.

    The toolbar's actions are made at once; the menus' others, 40-odd of them
    (5 ms), when the window has painted (`fill`, from the window's second step),
    or sooner if one is asked for (`MainWindow.action`) or a menu opens first.
    """

    def __init__(
        self, window: MainWindow, toolbar_widget: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS
    ) -> None:
        self._window = window
        self._specs = specs
        self._made: dict[str, QAction] = {}
        self.toolbar = QToolBar("Map", window)
        self.toolbar.setObjectName("map-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName("Map tools")
        self.toolbar.addWidget(toolbar_widget)
        overflow = self.toolbar.findChild(QWidget, "qt_toolbar_ext_button")
        if overflow is not None:  # Qt's own » button of a narrow toolbar: name it for a reader
            overflow.setAccessibleName("More map tools")
        window.addToolBar(self.toolbar)
        self.menus: dict[str, QMenu] = {}
        # Menus in the order people expect, whatever order features add actions in.
        for title in MENU_ORDER + tuple(s.menu for s in specs):
            if title and title not in self.menus:
                self.menus[title] = window.menuBar().addMenu(title)
                self.menus[title].aboutToShow.connect(self.fill)
        toolbar_menu = ""
        for spec in specs:
            if spec.toolbar:
                if spec.menu != toolbar_menu:
                    self.toolbar.addSeparator()
                    toolbar_menu = spec.menu
                self.toolbar.addAction(self._made_action(spec))
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.setObjectName("open-recent")
        self.filled = False

    def fill(self) -> None:
        """Make every action and put each in its menu, in the table's order (once)."""
        if self.filled:
            return
        self.filled = True
        for spec in self._specs:
            action = self._made_action(spec)
            menu = self.menus.get(spec.menu)
            if menu is not None:
                if spec.separator:
                    menu.addSeparator()
                menu.addAction(action)
        file_menu = self.menus["&File"]
        items = file_menu.actions()
        quit_at = items.index(self._made["quit"])
        before = (
            items[quit_at - 1] if quit_at and items[quit_at - 1].isSeparator() else items[quit_at]
        )
        file_menu.insertMenu(before, self.recent_menu)  # above Quit and its separator

    def _made_action(self, spec: ActionSpec) -> QAction:
        action = self._made.get(spec.name)
        if action is None:
            action = self._made[spec.name] = self._action(spec)
        return action

    def _action(self, spec: ActionSpec) -> QAction:
        window = self._window
        if spec.handler:
            handler = resolve_handler(window, spec.handler)
            # Not QAction(text, window): choosing among the overloads makes PySide create
            # QIcon's Python type (1.4 ms of the first paint, which shows no icon).
            action = QAction(window)
            action.setText(spec.text)
            action.triggered.connect(lambda _checked=False: handler())
        else:  # Undo and Redo: the undo group keeps their text and whether they can run
            group = window.document.undo_group
            make = group.createUndoAction if spec.name == "undo" else group.createRedoAction
            action = make(window, spec.text)
        action.setObjectName(spec.name)
        action.setShortcuts(key_sequences(spec.shortcuts))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.map_focus:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.view.addAction(action)
        else:
            window.addAction(action)  # its keys work while the menu bar is hidden too
        return action

    def check_handlers(self) -> None:
        """Resolve every handler in full, helpers included (they exist by now).

        Raises:
            HandlerError: naming the first action whose handler is wrong.
        """
        for spec in self._specs:
            if spec.handler and not callable(_full(self._window, spec.handler)):
                raise HandlerError(f"action {spec.name!r}: handler {spec.handler!r} not callable")


def _full(holder: object, path: str) -> object:
    target = holder
    for part in path.split("."):
        target = getattr(target, part, _MISSING)
        if target is _MISSING:
            raise HandlerError(f"action handler {path!r}: no {part!r}")
    return target
