"""What a screen reader gets: the map's nodes and links as accessible children, and a name for
every control in the panels."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.gui.accessibility import unnamed_controls

from rolemap.canvas import navigation
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description


def by_title(window: MainWindow, title: str) -> str:
    return next(n.id for n in window.document.role_map.nodes.values() if n.title == title)


def children(window: MainWindow) -> list[object]:
    interface = QAccessible.queryAccessibleInterface(window.view)
    return [interface.child(i) for i in range(interface.childCount())]


def test_the_map_reads_as_a_list_of_its_nodes_then_its_links(window: MainWindow) -> None:
    interface = QAccessible.queryAccessibleInterface(window.view)
    role_map = window.document.role_map
    assert interface.role() == QAccessible.Role.List
    assert interface.text(NAME) == "Map of Engineering manager"
    assert interface.childCount() == len(role_map.nodes) + len(role_map.links)
    names = [child.text(NAME) for child in children(window)]
    order = navigation.reading_order(role_map)
    expected = [f"{role_map.nodes[i].kind.label}: {role_map.nodes[i].title}" for i in order]
    assert names[: len(order)] == expected
    assert all(name.startswith("Link: ") for name in names[len(order) :])
    for index, child in enumerate(children(window)):
        assert child.role() == QAccessible.Role.ListItem
        assert child.parent() is not None
        assert interface.indexOfChild(child) == index


def test_a_node_says_its_category_its_links_and_its_finding(window: MainWindow) -> None:
    # The example's own check-ins vary with the day the database was made: pin the latest.
    retention = next(
        n.id for n in window.document.role_map.nodes.values() if n.title.startswith("Team ret")
    )
    editor = RecordEditor(window.document)
    editor.add_checkin(retention, 84.4, editor.today().isoformat())
    QApplication.processEvents()
    found = {child.text(NAME): child for child in children(window)}
    weekly = found["Activity: Weekly 1:1s"]
    description = weekly.text(DESCRIPTION)
    assert "Category: Relationships & trust" in description
    assert "Leads to: " in description and "Growth plans" in description
    assert "Fed by nothing" in description
    outcome = found["Outcome: Team retention ≥ 90 %"]
    assert "84.4 → 90 %" in outcome.text(DESCRIPTION)
    flows = {
        other.text(NAME)
        for other, flag in weekly.relations()
        if flag == QAccessible.RelationFlag.FlowsTo
    }
    assert "Output: Growth plans" in flows
    flagged = next(item for item in window.scene.nodes.values() if item.finding is not None)
    node = window.document.role_map.nodes[flagged.node_id]
    described = found[f"{node.kind.label}: {node.title}"].text(DESCRIPTION)
    assert flagged.finding is not None and flagged.finding.explanation in described


def test_selection_and_focus_show_in_the_state(qtbot: QtBot, window: MainWindow) -> None:
    node_id = by_title(window, "Code reviews")
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    window.view.go_to_node(node_id)
    interface = QAccessible.queryAccessibleInterface(window.view)
    child = next(c for c in children(window) if c.text(NAME) == "Activity: Code reviews")
    assert child.state().selected and child.state().focused
    assert interface.focusChild().text(NAME) == "Activity: Code reviews"
    rect = child.rect()
    assert (
        not rect.isEmpty() and interface.childAt(rect.center().x(), rect.center().y()) is not None
    )


def test_children_follow_the_map(window: MainWindow) -> None:
    interface = QAccessible.queryAccessibleInterface(window.view)
    before = interface.childCount()
    node_id = window.document.add_node(NodeKind.OUTPUT, "Launch notes")
    assert node_id is not None
    assert interface.childCount() == before + 1
    assert "Output: Launch notes" in [c.text(NAME) for c in children(window)]
    added = next(c for c in children(window) if c.text(NAME) == "Output: Launch notes")
    window.document.remove_nodes([node_id])
    assert interface.childCount() == before
    assert not added.isValid() or added.text(NAME) == ""


def test_every_control_in_the_panels_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.scene.select_only([by_title(window, "Weekly 1:1s")])
    for panel in (window.properties, window.purpose_panel, window.menus.toolbar):
        assert unnamed_controls(panel) == [], panel.objectName()
    window.scene.select_only([by_title(window, "Team retention ≥ 90 %")])
    assert unnamed_controls(window.properties) == []
    window.tabs.setCurrentWidget(window.dashboard_page)
    qtbot.waitUntil(lambda: bool(window.dashboard.panels))
    assert unnamed_controls(window.dashboard) == []


def test_exiting_after_a_screen_reader_walked_the_map_is_clean(tmp_path: Path) -> None:
    """Interfaces made in Python and held by Qt's cache must not be freed twice at exit."""
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtGui import QAccessible, QAccessibleEvent
        from PySide6.QtWidgets import QApplication
        from rolemap.document.document import RoleDocument
        from rolemap.services.transfer import seed_example
        from rolemap.store.database import open_store
        from rolemap.ui.main_window import MainWindow

        app = QApplication([])
        store = open_store(sys.argv[1], create=True, seed=seed_example)
        document = RoleDocument(store)
        document.switch_role(document.roles()[0].id)
        window = MainWindow(document)
        window.show()
        app.processEvents()
        view = QAccessible.queryAccessibleInterface(window.view)
        kids = [view.child(i) for i in range(view.childCount())]
        for kid in kids:
            QAccessible.uniqueId(kid)  # registered, as a screen reader's bridge does
            kid.relations()
        QAccessible.updateAccessibility(QAccessibleEvent(kids[0], QAccessible.Event.Focus))
        document.remove_nodes([next(iter(document.role_map.nodes))])
        view.child(0).text(QAccessible.Text.Name)
        window.close()
        window.deleteLater()
        app.processEvents()
        print("walked", len(kids))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.sqlite3")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "walked" in done.stdout


def test_every_control_in_the_dialogs_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    from rolemap.ui.export_dialog import ExportDialog
    from rolemap.ui.keys_help import KeysDialog
    from rolemap.ui.link_dialog import LinkDialog

    dialogs = [
        ExportDialog(window.document, window),
        LinkDialog(window.document, by_title(window, "Hiring loops"), window),
        KeysDialog(window),
    ]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert unnamed_controls(dialog) == [], dialog.objectName()
        dialog.close()
