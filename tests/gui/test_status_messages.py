"""The status bar: every message times out, and a refusal goes when the next edit succeeds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from rolemap.ui import status_messages
from rolemap.ui.main_window import MainWindow


def by_title(window: MainWindow, title: str) -> str:
    return next(n.id for n in window.document.role_map.nodes.values() if n.title == title)


def refuse(window: MainWindow) -> str:
    """A link backwards (output → activity): refused with a message."""
    window.document.connect_nodes(by_title(window, "Growth plans"), by_title(window, "Weekly 1:1s"))
    message = window.statusBar().currentMessage()
    assert "cannot link to an activity" in message
    return message


def test_a_refusal_goes_when_the_next_edit_succeeds(window: MainWindow) -> None:
    refuse(window)
    QApplication.processEvents()  # the person's next gesture comes later
    window.document.rename_node(by_title(window, "Design docs"), "Design documents")
    assert window.statusBar().currentMessage() == ""


def test_a_refusal_stays_when_its_own_gesture_also_changed_something(window: MainWindow) -> None:
    message = refuse(window)
    window.document.rename_node(by_title(window, "Design docs"), "Design documents")
    assert window.statusBar().currentMessage() == message


def test_other_news_is_not_cleared_by_an_edit(window: MainWindow) -> None:
    window.status.show("Exported to /tmp/role.pdf")
    QApplication.processEvents()
    window.document.rename_node(by_title(window, "Design docs"), "Design documents")
    assert window.statusBar().currentMessage() == "Exported to /tmp/role.pdf"


def test_messages_time_out(
    qtbot: object, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(status_messages, "STATUS_TIMEOUT_MS", 50)
    refuse(window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=2000)  # type: ignore[attr-defined]
    window.status.show("Saved a copy", 50)
    assert window.statusBar().currentMessage() == "Saved a copy"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=2000)  # type: ignore[attr-defined]
