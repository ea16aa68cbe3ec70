"""The Purpose panel's trace: counted in good English, no node as its own line of sight, and a
header that stays short however long the title."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from rolemap.canvas.scene import MapScene
from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.ui.purpose_panel import PurposePanel


@pytest.fixture
def panel(qtbot: QtBot, document: RoleDocument) -> Iterator[PurposePanel]:
    view = MapView(MapScene(document))
    shown = PurposePanel(view)
    qtbot.addWidget(view)
    qtbot.addWidget(shown)
    shown.resize(320, 600)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown


def by_title(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes.values() if n.title == title)


def select(panel: PurposePanel, node_id: str) -> None:
    panel._view.map_scene.select_only([node_id])


def test_one_line_of_sight_is_said_in_the_singular(
    qtbot: QtBot, panel: PurposePanel, document: RoleDocument
) -> None:
    source = document.add_node(NodeKind.ACTIVITY, "Pairing")
    target = document.add_node(NodeKind.OUTCOME, "Fewer incidents")
    assert source and target and document.connect_nodes(source, target)
    select(panel, source)
    qtbot.waitUntil(lambda: panel.paths.count() == 1)
    assert panel.trace_title.text() == "1 line of sight through ‘Pairing’"
    select(panel, by_title(document, "Weekly 1:1s"))
    qtbot.waitUntil(lambda: panel.paths.count() > 1)
    assert panel.trace_title.text().startswith(f"{panel.paths.count()} lines of sight through")


def test_a_node_with_no_links_is_not_its_own_line_of_sight(
    qtbot: QtBot, panel: PurposePanel, document: RoleDocument
) -> None:
    lonely = document.add_node(NodeKind.OUTPUT, "Loose notes")
    assert lonely is not None
    select(panel, lonely)
    qtbot.waitUntil(lambda: "Loose notes" in panel.trace_title.text())
    assert panel.paths.count() == 0
    assert panel.trace_title.text() == (
        "No lines of sight through ‘Loose notes’: link it to what feeds it and what it leads to."
    )


def test_a_long_title_keeps_the_trace_header_short_with_the_whole_title_on_hover(
    qtbot: QtBot, panel: PurposePanel, document: RoleDocument
) -> None:
    long_title = " ".join(["Quarterly planning with product, design and engineering"] * 4)
    node_id = by_title(document, "Growth plans")
    assert document.rename_node(node_id, long_title)
    select(panel, node_id)
    qtbot.waitUntil(lambda: "lines of sight" in panel.trace_title.text())
    label = panel.trace_title
    lines = label.heightForWidth(label.width()) / QFontMetrics(label.font()).lineSpacing()
    assert lines <= 2.5, label.text()
    assert "…" in label.text()
    assert long_title in label.toolTip()
