"""The window on a real X display: how narrow it can be, and what it looks like at 800 and 960 px.

Usable at 800×600 and at half of a 1920 px screen: the Map-only docks step
aside on the other tabs, the Track tab's strips wrap, the toolbar overflows
into its » menu. Sizes come from the fonts and the style, which differ from
the offscreen platform's, so they are checked here.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDockWidget, QToolButton
from tests.gui.test_window_layout import overlaps

from rolemap.ui.main_window import MainWindow


def test_the_window_can_be_800_px_wide_on_every_tab(window: MainWindow) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 800, (window.tabs.tabText(index), hint)
        assert hint.height() <= 600, (window.tabs.tabText(index), hint)


@pytest.mark.parametrize("size", [(800, 600), (960, 1080)])
def test_nothing_overlaps_on_the_track_tab(
    qtbot: object, window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.tabs.setCurrentWidget(window.track_page)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)  # type: ignore[attr-defined]
    QApplication.sendPostedEvents()  # the layout requests the resize posted
    assert overlaps(window.track) == []
    for dock in window.findChildren(QDockWidget):
        assert not dock.isVisible()  # the Map's docks step aside here


def test_the_toolbar_overflows_into_its_menu_at_800_px(qtbot: object, window: MainWindow) -> None:
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)  # type: ignore[attr-defined]
    more = window.menus.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert more is not None
    qtbot.waitUntil(more.isVisible)  # type: ignore[attr-defined]
    window.resize(1900, 600)
    qtbot.waitUntil(lambda: not more.isVisible())  # type: ignore[attr-defined]
