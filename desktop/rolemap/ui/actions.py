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
    ActionSpec(
        "new-role", "&New role…", "roles.new_role", "&File", Key.New, tip="Create another role"
    ),
    ActionSpec("rename-role", "&Rename role…", "roles.rename_role", "&File", "F2"),
    ActionSpec("delete-role", "&Delete role…", "roles.delete_role", "&File"),
    ActionSpec("import-json", "&Import roles…", "roles.import_roles", "&File", "Ctrl+I"),
    ActionSpec(
        "export-json", "&Export roles as JSON…", "roles.export_roles", "&File", "Ctrl+Shift+E"
    ),
    ActionSpec(
        "export-diagram",
        "Export &diagram…",
        "exporter.export_diagram",
        "&File",
        "Ctrl+E",
        tip="The role on one page: PDF, SVG or PNG",
    ),
    ActionSpec("print-diagram", "&Print…", "exporter.print_diagram", "&File", Key.Print),
    ActionSpec(
        "restore-backup",
        "Restore from &backup…",
        "safety.restore_from_backup",
        "&File",
        tip="Put back an earlier copy of your data (the current data is backed up first)",
    ),
    ActionSpec("quit", "&Quit", "close", "&File", Key.Quit),
    ActionSpec("delete", "&Delete", "delete_selection", "&Edit", Key.Delete),
    ActionSpec("select-all", "Select &all", "select_all", "&Edit", Key.SelectAll),
    ActionSpec(
        "remove-example-data",
        "Remove e&xample data",
        "dashboard.remove_example_data",
        "&Edit",
        tip="Delete the sample time entries, deliveries and check-ins of the example role",
    ),
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
    ActionSpec(
        "open-data-folder",
        "Open &data folder",
        "safety.open_data_folder",
        "&Help",
        tip="Show the folder that holds your database and its backups",
    ),
    ActionSpec(
        "start-timer",
        "&Start timer",
        "track.start_timer",
        "&Track",
        "Ctrl+T",
        tip="Start the timer on the activity chosen in the Track tab (switches a running one)",
    ),
    ActionSpec("stop-timer", "S&top timer", "track.stop_timer", "&Track", "Ctrl+Shift+T"),
    ActionSpec(
        "focus-quick-entry",
        "&Log time…",
        "track.focus_quick_entry",
        "&Track",
        "Ctrl+L",
        tip="Type what you did and for how long",
    ),
    ActionSpec(
        "auto-layout",
        "Auto-&layout",
        "map_tools.auto_layout",
        "&Map",
        "Ctrl+Shift+L",
        True,
        "Arrange each lane evenly, with fewer crossing links (undoable)",
    ),
    ActionSpec("copy", "&Copy", "map_tools.copy", "&Edit", Key.Copy),
    ActionSpec("cut", "Cu&t", "map_tools.cut", "&Edit", Key.Cut),
    ActionSpec("paste", "&Paste", "map_tools.paste", "&Edit", Key.Paste),
    ActionSpec("duplicate", "D&uplicate", "map_tools.duplicate", "&Edit", "Ctrl+D"),
    ActionSpec("find", "&Find…", "map_tools.find", "&Edit", Key.Find, tip="Find nodes by text"),
    ActionSpec(
        "zoom-selection", "Zoom to &selection", "map_tools.zoom_to_selection", "&View", "Ctrl+9"
    ),
    ActionSpec("toggle-grid", "Snap to &grid", "map_tools.toggle_grid", "&View", "Ctrl+'"),
    ActionSpec("toggle-minimap", "&Minimap", "map_tools.toggle_minimap", "&View", "Ctrl+Shift+M"),
    ActionSpec("show-purpose", "&Purpose panel", "map_tools.show_purpose", "&View", "Ctrl+Shift+P"),
)
