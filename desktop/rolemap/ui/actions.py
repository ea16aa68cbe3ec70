"""The window's actions as one table: object name, text, shortcut, menu, toolbar.

Tests find actions by object name (`window.findChild(QAction, "undo")`).
Handlers are names of MainWindow methods, or "attribute.method" for a
helper object the window holds (a feature keeps its logic in its own module),
bound when the window builds its menus, so this table stays plain data.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window."""

    name: str
    text: str
    handler: str
    menu: str
    shortcut: Key | str | None = None
    toolbar: bool = False
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new-role", "&New role…", "new_role", "&File", Key.New, tip="Create another role"),
    ActionSpec("rename-role", "&Rename role…", "rename_role", "&File", "F2"),
    ActionSpec("delete-role", "&Delete role…", "delete_role", "&File"),
    ActionSpec("import-json", "&Import roles…", "import_roles", "&File", "Ctrl+I"),
    ActionSpec("export-json", "&Export roles as JSON…", "export_roles", "&File", "Ctrl+Shift+E"),
    ActionSpec("quit", "&Quit", "close", "&File", Key.Quit),
    ActionSpec("delete", "&Delete", "delete_selection", "&Edit", Key.Delete),
    ActionSpec("select-all", "Select &all", "select_all", "&Edit", Key.SelectAll),
    ActionSpec(
        "add-input",
        "Add &input",
        "add_input",
        "&Map",
        "Ctrl+1",
        True,
        "Add an input (value, resource)",
    ),
    ActionSpec(
        "add-activity",
        "Add &activity",
        "add_activity",
        "&Map",
        "Ctrl+2",
        True,
        "Add an activity: something you spend time doing",
    ),
    ActionSpec(
        "add-output",
        "Add &output",
        "add_output",
        "&Map",
        "Ctrl+3",
        True,
        "Add an output: something tangible you make",
    ),
    ActionSpec(
        "add-outcome",
        "Add out&come",
        "add_outcome",
        "&Map",
        "Ctrl+4",
        True,
        "Add an outcome: a measurable result that matters",
    ),
    ActionSpec("rename-node", "&Rename node", "rename_selected", "&Map", "Return"),
    ActionSpec("zoom-in", "Zoom &in", "zoom_in", "&View", Key.ZoomIn, True),
    ActionSpec("zoom-out", "Zoom &out", "zoom_out", "&View", Key.ZoomOut, True),
    ActionSpec("fit", "&Fit to window", "fit_all", "&View", "Ctrl+0", True),
    ActionSpec("actual-size", "&Actual size", "reset_zoom", "&View", "Ctrl+Shift+0"),
    ActionSpec("about", "&About Rolemap", "about", "&Help"),
)
