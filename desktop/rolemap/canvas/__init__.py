"""The map canvas: a scene that mirrors the document by id, its items, view and gestures."""
