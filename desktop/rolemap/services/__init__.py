"""Whole-file moves between the store and the file formats: import, export, the example role."""
