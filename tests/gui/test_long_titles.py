"""Long titles on the canvas: two lines at most, never over the detail line, whole on hover."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rolemap.canvas.node_item import SUBTITLE_FROM_BOTTOM
from rolemap.canvas.scene import MapScene
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry

TITLES = [
    "Retrospectives Retrospectives Retrospectives",  # three words of 0.6 line: took 3 lines
    "Quarterly planning with product, design and engineering leads across all the teams",
    "W" * 90,  # one word wider than the box
    "Short",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_takes_two_lines_at_most_above_the_detail_line(
    document: RoleDocument, qtbot: QtBot, title: str
) -> None:
    scene = MapScene(document)
    node_id = next(n.id for n in document.role_map.nodes.values() if n.title == "Weekly 1:1s")
    assert document.rename_node(node_id, title)
    QApplication.processEvents()
    item = scene.nodes[node_id]
    lines = item.shown_title_lines()
    assert 1 <= len(lines) <= 2
    metrics = QFontMetricsF(scene.canvas_style.title_font)
    width = geometry.NODE_WIDTH - 14 - 12
    assert all(metrics.horizontalAdvance(line) <= width + 0.5 for line in lines), lines
    assert item.title_bottom() <= geometry.NODE_HEIGHT - SUBTITLE_FROM_BOTTOM
    if " ".join(lines) != title:
        assert lines[-1].endswith("…")
    assert item.toolTip().splitlines()[0] == title  # the whole title on hover
    assert item.title == title
    scene.deleteLater()
