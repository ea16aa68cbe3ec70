"""Help → Keyboard: every key of the map and of the window's actions, on one page.

The map's own keys are listed here (they live in `canvas/view.py` and the
scene); the actions' keys come from the actions table as this platform binds
them, so the page never disagrees with the menus.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from rolemap.ui.actions import ACTIONS, ActionSpec
from rolemap.ui.shortcuts import key_sequences

# The map's keys that are not actions (the view and the scene handle them).
MAP_KEYS: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "Move the selection: up and down in a lane, left and right along the "
     "links (or to the nearest node in the next lane)"),
    ("Shift+arrow keys", "Add the next node in that direction to the selection"),
    ("Alt+arrow keys", "Nudge the selected nodes (Alt+Shift: further); a run of nudges is "
     "one undo step"),
    ("Tab, Shift+Tab", "Go to the next or previous node in reading order: lane by lane, "
     "top to bottom"),
    ("Ctrl+Tab", "Leave the map for the panels beside it"),
    ("Return", "Rename the selected node (Enter saves, Escape cancels)"),
    ("Menu key, Shift+F10", "The selected node's menu, opened at the node"),
    ("Escape", "Cancel a drag in progress (a link being drawn, boxes being moved)"),
    ("Space+drag, middle button", "Pan"),
)  # fmt: skip


def keys_html(specs: tuple[ActionSpec, ...] = ACTIONS) -> str:
    """The keyboard page as simple HTML (two tables: the map, then the menus' actions)."""
    rows = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(w)}</td></tr>" for k, w in MAP_KEYS)
    actions = []
    for spec in specs:
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText)
            for s in key_sequences(spec.shortcuts)
        )
        if keys and spec.menu:
            where = spec.menu.replace("&", "")
            text = spec.text.replace("&", "").rstrip("…")
            actions.append(
                f"<tr><td><b>{escape(keys)}</b></td><td>{escape(text)} ({escape(where)})</td></tr>"
            )
    return (
        "<h3>On the map</h3>"
        f"<table cellspacing='4'>{rows}</table>"
        "<p>With a node selected, <b>Link to…</b> lists the nodes the lane rule allows: "
        "type to filter, arrow keys to choose, Enter to link.</p>"
        "<h3>Menus</h3>"
        f"<table cellspacing='4'>{''.join(actions)}</table>"
    )


class KeysDialog(QDialog):
    """The keyboard page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keys-dialog")
        self.setWindowTitle("Keyboard")
        self.page = QTextBrowser()
        self.page.setObjectName("keys-page")
        self.page.setAccessibleName("Keys of Rolemap")
        self.page.setHtml(keys_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(560, 620)
