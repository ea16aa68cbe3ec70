"""The Track tables on a real X display: every column holds its text on the very first show.

Found on xcb (issue 17, item 13): the columns came out cut the first time the
window opened, right only once it had been opened again — they were sized
from the rows laid out, and none were yet. Fonts and the style differ from
the offscreen platform's, so this is checked here too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from rolemap.ui.main_window import MainWindow


def test_each_column_holds_its_text_on_the_first_show(qtbot: object, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.track_page)
    track = window.track
    qtbot.waitExposed(track)  # type: ignore[attr-defined]
    QApplication.processEvents()
    for kind, view in track.views.items():
        model = track.models[kind]
        assert model.rowCount() > 0, kind
        metrics = view.fontMetrics()
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        for column in range(model.columnCount() - 1):  # the last one stretches
            texts = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            assert view.columnWidth(column) >= min(widest + margin + 2, 320), (kind, column)
