"""The window at narrow sizes: Map-only docks step aside on other tabs, the Track tab wraps.

The same checks run on a real X display in tests/gui_xcb, where fonts and
the style decide the sizes; here they pin the behaviour down offscreen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.ui.main_window import DEFAULT_SIZE, MainWindow, first_size

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabWidget,
)


def controls(root: QWidget) -> list[QWidget]:
    """The visible controls under `root`, not looking inside a control (a date edit's field)."""
    found: list[QWidget] = []
    for child in root.findChildren(QWidget, options=_DIRECT):
        if not child.isVisible() or child.isWindow():
            continue
        if isinstance(child, CONTROLS):
            found.append(child)
        else:
            found.extend(controls(child))
    return found


def overlaps(root: QWidget) -> list[str]:
    """Controls under `root` that overlap each other or stick out of it; [] when all is well."""
    boxes = [
        (
            c.objectName() or f"{type(c).__name__} ‘{_text(c)}’",
            QRect(c.mapTo(root, QPoint()), c.size()),
        )
        for c in controls(root)
    ]
    found = [
        f"{name} outside {root.objectName()}"
        for name, box in boxes
        if not root.rect().contains(box)
    ]
    for index, (name, box) in enumerate(boxes):
        for other, other_box in boxes[index + 1 :]:
            if box.intersects(other_box):
                found.append(f"{name} {box.getRect()} overlaps {other} {other_box.getRect()}")
    return found


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else ""


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot: object, document: RoleDocument, settings: QSettings) -> MainWindow:
    window = MainWindow(document, settings=settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.started):  # type: ignore[attr-defined]
        window.show()
    return window


def docks(window: MainWindow) -> dict[str, bool]:
    return {d.objectName(): d.isVisible() for d in window.findChildren(QDockWidget)}


def test_map_docks_step_aside_on_the_other_tabs_and_come_back(window: MainWindow) -> None:
    assert docks(window) == {"properties-dock": True, "purpose-dock": True}
    assert window.zoom_label.isVisible()
    for page in (window.track_page, window.dashboard_page):
        window.tabs.setCurrentWidget(page)
        assert docks(window) == {"properties-dock": False, "purpose-dock": False}
        assert not window.zoom_label.isVisible()  # the map's zoom, meaningless here
    window.tabs.setCurrentWidget(window.view)
    assert docks(window) == {"properties-dock": True, "purpose-dock": True}
    assert window.zoom_label.isVisible()


def test_a_dock_the_person_closed_stays_closed(window: MainWindow) -> None:
    window.purpose_dock.close()
    window.tabs.setCurrentWidget(window.track_page)
    window.tabs.setCurrentWidget(window.view)
    assert docks(window) == {"properties-dock": True, "purpose-dock": False}
    window.tabs.setCurrentWidget(window.track_page)
    window.action("show-purpose").trigger()  # opened by hand on another tab: theirs to keep
    window.tabs.setCurrentWidget(window.view)
    window.tabs.setCurrentWidget(window.dashboard_page)
    assert not window.purpose_dock.isVisible()
    window.tabs.setCurrentWidget(window.view)
    assert window.purpose_dock.isVisible()


def test_closing_on_another_tab_saves_the_maps_docks(
    qtbot: object, document: RoleDocument, settings: QSettings
) -> None:
    first = _window(qtbot, document, settings)
    first.tabs.setCurrentWidget(first.track_page)
    first.close()
    second = _window(qtbot, document, settings)
    assert docks(second) == {"properties-dock": True, "purpose-dock": True}


@pytest.mark.parametrize("size", [(800, 600), (960, 1080), (1360, 860)])
def test_nothing_overlaps_on_the_track_tab(
    qtbot: object, document: RoleDocument, settings: QSettings, size: tuple[int, int]
) -> None:
    window = _window(qtbot, document, settings)  # its own settings: the size is not kept for others
    window.tabs.setCurrentWidget(window.track_page)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)  # type: ignore[attr-defined]
    assert window.minimumSizeHint().width() <= 800
    assert len(controls(window.track)) > 15  # the strips' fields, buttons and the tables
    assert overlaps(window.track) == []


def test_the_overlap_check_sees_an_overlap(qtbot: object) -> None:
    root = QWidget()
    root.setObjectName("root")
    qtbot.addWidget(root)  # type: ignore[attr-defined]
    root.resize(200, 100)
    first, second = QLineEdit(root), QLineEdit(root)
    first.setObjectName("first")
    second.setObjectName("second")
    first.setGeometry(0, 0, 120, 20)
    second.setGeometry(100, 0, 120, 20)  # overlaps the first, and sticks out
    root.show()
    assert overlaps(root) == [
        "second outside root",
        "first (0, 0, 120, 20) overlaps second (100, 0, 120, 20)",
    ]


def test_the_first_start_fits_the_screen() -> None:
    assert first_size(QSize(1920, 1080)) == QSize(*DEFAULT_SIZE)
    assert first_size(QSize(800, 600)) == QSize(800, 600)  # not 1360 × 860, off the screen
    assert first_size(QSize(1024, 1400)) == QSize(1024, DEFAULT_SIZE[1])
