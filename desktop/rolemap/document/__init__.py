"""The editing session: the open role's map, its undo stack, commands and change signals."""
