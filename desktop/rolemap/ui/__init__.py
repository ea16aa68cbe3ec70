"""The main window, its actions table, panels and dialogs."""
