"""The map in other tools' formats: which formats there are, writing one, reading one.

The command line and the window's *Export as…* and *Import…* share this
table, so a format added here is offered everywhere. Reading gives a preview
(a new role with fresh ids, and the problems that did not stop the file:
a link against the lane rule, a field value refused); the person imports the
rest or nothing.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolemap.domain.role_map import RoleMap
from rolemap.domain.text import clean_line
from rolemap.interchange.errors import FormatError
from rolemap.interchange.import_draft import ImportPreview
from rolemap.services.input_file import read_input
from rolemap.services.transfer import ImportResult, import_bundles
from rolemap.store.database import Store


@dataclass(frozen=True)
class MapFormat:
    """One format: its name, what people call it, its file suffix, and its writer and reader."""

    name: str
    label: str
    suffix: str
    write: Callable[[RoleMap], str]
    read: Callable[..., ImportPreview] | None = None


def _on_call(module: str, name: str) -> Callable[..., Any]:
    """`rolemap.interchange.<module>.<name>`, its module imported at the first call.

    The command line builds this table for every `rolemap import` and `export`;
    importing the five formats' modules up front cost 15 ms of each.
    """

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"rolemap.interchange.{module}"), name)(
            *args, **kwargs
        )

    return call


FORMATS: tuple[MapFormat, ...] = (
    MapFormat("mermaid", "Mermaid flowchart", ".mmd", _on_call("mermaid", "dumps")),
    MapFormat("dot", "Graphviz DOT", ".dot", _on_call("dot", "dumps")),
    MapFormat(
        "canvas",
        "JSON Canvas (Obsidian)",
        ".canvas",
        _on_call("json_canvas", "dumps"),
        _on_call("json_canvas", "loads"),
    ),
    MapFormat(
        "graphml",
        "GraphML (yEd, Gephi)",
        ".graphml",
        _on_call("graphml", "dumps"),
        _on_call("graphml", "loads"),
    ),
    MapFormat(
        "markdown",
        "Markdown outline",
        ".md",
        _on_call("markdown_outline", "dumps"),
        _on_call("markdown_outline", "loads"),
    ),
)


def map_format(name: str) -> MapFormat:
    """The format called `name`; KeyError if there is none."""
    for found in FORMATS:
        if found.name == name:
            return found
    raise KeyError(name)


def readable_format(path: Path, name: str | None = None) -> MapFormat:
    """The format to read `path` with: `name` if given, else by its suffix.

    Raises FormatError when the suffix says nothing Rolemap reads as a map.
    """
    if name is not None:
        chosen = map_format(name)
    else:
        suffix = path.suffix.lower()
        matches = [
            f
            for f in FORMATS
            if f.suffix == suffix or (suffix == ".markdown" and f.name == "markdown")
        ]
        if not matches:
            raise FormatError(
                f"{path.name}: Rolemap reads maps from .canvas, .md and .graphml files "
                "(and Rolemap JSON); name the format with --format."
            )
        chosen = matches[0]
    if chosen.read is None:
        raise FormatError(f"Rolemap writes {chosen.label} but does not read it.")
    return chosen


def read_map(path: Path, name: str | None = None, role_name: str | None = None) -> ImportPreview:
    """The preview of a map file (FormatError for a broken one; nothing is written)."""
    chosen = readable_format(path, name)
    assert chosen.read is not None
    data = read_input(path)
    preview: ImportPreview = chosen.read(data, role_name=role_name or _role_name(path))
    if role_name is None or preview.role_map.role.name == role_name:
        return preview
    # The person's name wins over one the file gives itself (an outline's title).
    role_map = preview.role_map
    role = dataclasses.replace(role_map.role, name=clean_line(role_name, "A role's name"))
    return dataclasses.replace(preview, role_map=RoleMap(role, role_map.nodes, role_map.links))


def import_preview(store: Store, preview: ImportPreview) -> ImportResult:
    """Write a previewed map as a new role, in one transaction (its problems accepted)."""
    return import_bundles(store, [preview.bundle])


def _role_name(path: Path) -> str:
    name = " ".join(path.stem.replace("_", " ").replace("-", " ").split())
    return name[:1].upper() + name[1:] if name else "Imported map"
