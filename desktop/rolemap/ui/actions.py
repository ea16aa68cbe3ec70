"""The window's actions as one table: object name, text, handler, menu, shortcuts, toolbar.

Tests find actions by object name (`window.action("undo")`). A handler is the
name of something the window holds, then the method: "map_commands.add_input"
(built with the window) or "roles.new_role" (a helper built after the first
paint). `ui/menus.py` builds the menus and the toolbar from this table and
checks every handler when it does, so the table stays plain data.

Shortcuts: a standard key gives the platform's main binding for it (on X11
Redo is Ctrl+Shift+Z, offscreen and on Windows Ctrl+Y); strings are the same
everywhere. An action may list several, and a key that two of them resolve to
on some platform is bound once: binding it twice makes Qt's shortcut
"ambiguous" and the key then does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

Key = QKeySequence.StandardKey
Shortcut = Key | str


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window.

    Attributes:
        name: the object name, kebab-case; tests find the action by it.
        text: the menu text, with its & mnemonic.
        handler: "holder.method" on the window (see the module docstring); "" for the
            two the document's undo group makes (Undo, Redo: their text names the step).
        menu: the menu's title; "" for an action that is only a key.
        shortcuts: standard keys or key strings, the first one shown in the menu.
        toolbar: also on the toolbar (a separator comes between menus there).
        tip: the status-bar and tooltip text.
        map_focus: the shortcut works only while the map has the keyboard focus
            (Return renames a node there, and stays Return everywhere else).
        separator: a separator above it in its menu (a new group).
    """

    name: str
    text: str
    handler: str
    menu: str
    shortcuts: tuple[Shortcut, ...] = ()
    toolbar: bool = False
    tip: str = ""
    map_focus: bool = False
    separator: bool = False


MENU_ORDER = ("&File", "&Edit", "&Map", "&View", "&Track", "&Help")

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "new-role", "&New role…", "roles.new_role", "&File", (Key.New,), tip="Create another role"
    ),
    ActionSpec("rename-role", "&Rename role…", "roles.rename_role", "&File", ("F2",)),
    ActionSpec("delete-role", "&Delete role…", "roles.delete_role", "&File"),
    ActionSpec(
        "import-json",
        "&Import…",
        "roles.import_roles",
        "&File",
        ("Ctrl+I",),
        tip="Roles from Rolemap JSON, or a map from JSON Canvas, a Markdown outline or GraphML",
    ),
    ActionSpec(
        "import-time",
        "Import &time…",
        "exchange.import_time",
        "&File",
        tip="Time from a calendar (.ics), Toggl, Clockify, Timewarrior, Watson or any CSV",
    ),
    ActionSpec(
        "export-json",
        "&Export roles as JSON…",
        "roles.export_roles",
        "&File",
        ("Ctrl+Shift+E",),
    ),
    ActionSpec(
        "export-diagram",
        "Export &diagram…",
        "exporter.export_diagram",
        "&File",
        ("Ctrl+E",),
        tip="The role on one page: PDF, SVG or PNG",
    ),
    ActionSpec(
        "export-map",
        "Export &as…",
        "exchange.export_as",
        "&File",
        tip="The map as Mermaid, Graphviz DOT, JSON Canvas (Obsidian), GraphML (yEd) or Markdown",
    ),
    ActionSpec(
        "export-manual",
        "Export operating &manual…",
        "exchange.export_manual",
        "&File",
        tip="The role's handbook, several pages: PDF, Markdown or HTML",
    ),
    ActionSpec("print-diagram", "&Print…", "exporter.print_diagram", "&File", (Key.Print,)),
    ActionSpec(
        "print-week",
        "Print &week…",
        "plan.print_week",
        "&File",
        tip="The week's plan on one page, as a checklist to pin up",
    ),
    ActionSpec(
        "save-week",
        "Save week as PDF or PN&G…",
        "plan.save_week",
        "&File",
        tip="The week's plan on one page, saved as a PDF or PNG",
    ),
    ActionSpec(
        "export-review",
        "Export re&view…",
        "review.export_review",
        "&File",
        tip="The review on show (or the latest) as a PDF of one or two pages, or as Markdown",
    ),
    ActionSpec(
        "restore-backup",
        "Restore from &backup…",
        "safety.restore_from_backup",
        "&File",
        tip="Put back an earlier copy of your data (the current data is backed up first)",
    ),
    # Not every platform has a standard Quit key (offscreen has none): Ctrl+Q everywhere.
    ActionSpec("quit", "&Quit", "close", "&File", (Key.Quit, "Ctrl+Q"), separator=True),
    ActionSpec("undo", "&Undo", "", "&Edit", (Key.Undo,)),
    # Ctrl+Shift+Z and Ctrl+Y on every platform; X11's standard Redo *is* Ctrl+Shift+Z.
    ActionSpec("redo", "&Redo", "", "&Edit", (Key.Redo, "Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec(
        "delete",
        "&Delete",
        "map_commands.delete_selection",
        "&Edit",
        (Key.Delete,),
        separator=True,
    ),
    ActionSpec("select-all", "Select &all", "map_commands.select_all", "&Edit", (Key.SelectAll,)),
    ActionSpec("copy", "&Copy", "map_tools.copy", "&Edit", (Key.Copy,), separator=True),
    ActionSpec(
        "copy-mermaid",
        "Copy as &Mermaid",
        "exchange.copy_mermaid",
        "&Edit",
        tip="The selected nodes (or the whole map) as a Mermaid flowchart, for Markdown",
    ),
    ActionSpec("cut", "Cu&t", "map_tools.cut", "&Edit", (Key.Cut,)),
    ActionSpec("paste", "&Paste", "map_tools.paste", "&Edit", (Key.Paste,)),
    ActionSpec("duplicate", "D&uplicate", "map_tools.duplicate", "&Edit", ("Ctrl+D",)),
    ActionSpec(
        "find",
        "&Find…",
        "map_tools.find",
        "&Edit",
        (Key.Find,),
        tip="Find nodes by text",
        separator=True,
    ),
    ActionSpec(
        "remove-example-data",
        "Remove e&xample data",
        "dashboard.remove_example_data",
        "&Edit",
        tip="Delete the sample time entries, deliveries and check-ins of the example role",
        separator=True,
    ),
    ActionSpec(
        "add-input",
        "Add &input",
        "map_commands.add_input",
        "&Map",
        ("Ctrl+1",),
        True,
        "Add an input (value, resource)",
    ),
    ActionSpec(
        "add-activity",
        "Add &activity",
        "map_commands.add_activity",
        "&Map",
        ("Ctrl+2",),
        True,
        "Add an activity: something you spend time doing",
    ),
    ActionSpec(
        "add-output",
        "Add &output",
        "map_commands.add_output",
        "&Map",
        ("Ctrl+3",),
        True,
        "Add an output: something tangible you make",
    ),
    ActionSpec(
        "add-outcome",
        "Add out&come",
        "map_commands.add_outcome",
        "&Map",
        ("Ctrl+4",),
        True,
        "Add an outcome: a measurable result that matters",
    ),
    ActionSpec(
        "auto-layout",
        "Auto-&layout",
        "map_tools.auto_layout",
        "&Map",
        ("Ctrl+Shift+L",),
        True,
        "Arrange each lane evenly, with fewer crossing links (undoable)",
    ),
    ActionSpec(
        "rename-node",
        "&Rename node",
        "map_commands.rename_selected",
        "&Map",
        ("Return",),
        map_focus=True,
        separator=True,
    ),
    ActionSpec(
        "link-to",
        "&Link to…",
        "map_commands.link_to",
        "&Map",
        ("Ctrl+K",),
        tip="Link the selected node to another, chosen from a list (no dragging)",
    ),
    # Ctrl+= as well: Ctrl++ needs Shift on most keyboards.
    ActionSpec(
        "zoom-in", "Zoom &in", "map_commands.zoom_in", "&View", (Key.ZoomIn, "Ctrl+="), True
    ),
    ActionSpec("zoom-out", "Zoom &out", "map_commands.zoom_out", "&View", (Key.ZoomOut,), True),
    ActionSpec("fit", "&Fit to window", "map_commands.fit_all", "&View", ("Ctrl+0",), True),
    ActionSpec(
        "actual-size", "&Actual size", "map_commands.reset_zoom", "&View", ("Ctrl+Shift+0",)
    ),
    ActionSpec(
        "zoom-selection",
        "Zoom to &selection",
        "map_tools.zoom_to_selection",
        "&View",
        ("Ctrl+9",),
    ),
    ActionSpec(
        "toggle-grid",
        "Snap to &grid",
        "map_tools.toggle_grid",
        "&View",
        ("Ctrl+'",),
        separator=True,
    ),
    ActionSpec(
        "toggle-minimap", "&Minimap", "map_tools.toggle_minimap", "&View", ("Ctrl+Shift+M",)
    ),
    ActionSpec(
        "show-purpose", "&Purpose panel", "map_tools.show_purpose", "&View", ("Ctrl+Shift+P",)
    ),
    ActionSpec(
        "start-timer",
        "&Start timer",
        "track.start_timer",
        "&Track",
        ("Ctrl+T",),
        tip="Start the timer on the activity chosen in the Track tab (switches a running one)",
    ),
    ActionSpec("stop-timer", "S&top timer", "track.stop_timer", "&Track", ("Ctrl+Shift+T",)),
    ActionSpec(
        "focus-quick-entry",
        "&Log time…",
        "track.focus_quick_entry",
        "&Track",
        ("Ctrl+L",),
        tip="Type what you did and for how long",
    ),
    ActionSpec(
        "export-time",
        "E&xport time…",
        "track.export_time",
        "&Track",
        tip="The time entries the Track tab shows (its filter), as Toggl CSV or Timewarrior JSON",
        separator=True,
    ),
    # What the Menu key does, for keyboards without one (X11 has no such standard key).
    ActionSpec(
        "context-menu", "Context menu", "window_commands.open_context_menu", "", ("Shift+F10",)
    ),
    ActionSpec(
        "getting-started",
        "&Getting started",
        "guide.show_page",
        "&Help",
        tip="The framework's four steps with your progress, and the template library",
    ),
    ActionSpec(
        "whats-this",
        "What's &This?",
        "guide.whats_this",
        "&Help",
        (Key.WhatsThis,),
        tip="Click a field to read what it means",
    ),
    ActionSpec(
        "keyboard-help",
        "&Keyboard",
        "window_commands.keyboard_help",
        "&Help",
        (Key.HelpContents,),
        tip="Every key of the map and the window",
    ),
    ActionSpec("about", "&About Rolemap", "window_commands.about", "&Help"),
    ActionSpec(
        "open-data-folder",
        "Open &data folder",
        "safety.open_data_folder",
        "&Help",
        tip="Show the folder that holds your database and its backups",
    ),
)

# The actions that change data: disabled on a database that cannot be written (Store.read_only),
# where each would only fail; the window says why in a banner. Undo and Redo follow their stack.
WRITING_ACTIONS: tuple[str, ...] = (
    "new-role",
    "rename-role",
    "delete-role",
    "import-json",
    "import-time",
    "restore-backup",
    "delete",
    "cut",
    "paste",
    "duplicate",
    "remove-example-data",
    "add-input",
    "add-activity",
    "add-output",
    "add-outcome",
    "auto-layout",
    "rename-node",
    "link-to",
    "start-timer",
    "stop-timer",
    "focus-quick-entry",
)
