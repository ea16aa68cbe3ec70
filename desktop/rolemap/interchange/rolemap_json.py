"""Rolemap JSON: the complete, versioned file format (resources/schema/rolemap-2.schema.json).

`dumps` writes every field of every role in version 2: the map, the tracking
records, the rules for imported time, the reviews with their actions (a
finished one with its figures and the map as it was), the week plans and
the quarterly checklists (`rolemap_json_write`). `loads` reads versions 1
and 2 and validates the whole file (its version's JSON Schema, then what a
schema cannot say, `rolemap_json_read`) before returning anything, so a
caller can write the result in one transaction or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.interchange.rolemap_json_read import role_bundle
from rolemap.interchange.rolemap_json_schema import FORMAT_VERSION, validate
from rolemap.interchange.rolemap_json_write import role_json
from rolemap.interchange.safe_json import load_json, load_json_bytes, paused_gc

__all__ = ["FORMAT_VERSION", "dumps", "load_bytes", "loads"]


def dumps(bundles: Iterable[RoleBundle], *, exported: str | None = None) -> str:
    """The Rolemap JSON text for `bundles` (version 2; stable key order, two-space indent)."""
    document = {
        "format": "rolemap",
        "version": FORMAT_VERSION,
        "exported": exported or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "roles": [role_json(bundle) for bundle in bundles],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def load_bytes(data: bytes) -> list[RoleBundle]:
    """Parse and validate a Rolemap JSON file's bytes (UTF-8). Raises FormatError."""
    with paused_gc():
        return _read(load_json_bytes(data, "file"))


def loads(text: str) -> list[RoleBundle]:
    """Parse and validate a Rolemap JSON text (version 1 or 2). Raises FormatError naming
    the problem; a file of a newer version is refused with a sentence saying so.

    The record rules every way in applies are checked too (an entry's range and
    length, at most one running timer, an answer's text, a plan's hours), so a
    file cannot hold what the editor and the command line refuse.
    """
    with paused_gc():
        return _read(load_json(text, "file"))


def _read(document: Any) -> list[RoleBundle]:
    """The roles of a parsed file, once it and each of them are checked (see `loads`)."""
    validate(document)
    bundles = [role_bundle(role, f"roles[{i}]") for i, role in enumerate(document["roles"])]
    _check_unique_ids(bundles)
    _check_timers(bundles)
    return bundles


def _check_timers(bundles: list[RoleBundle]) -> None:
    running = [e for b in bundles for e in b.time_entries if e.duration is None]
    if len(running) > 1:
        raise FormatError(
            f"The file holds {len(running)} running timers; only one timer runs at a time."
        )


def _check_unique_ids(bundles: list[RoleBundle]) -> None:
    """Role ids name roles in the database, so a file cannot hold two roles with one id.

    Other ids that repeat across roles or kinds are not ambiguous (references
    stay inside their role); the import gives them fresh ones.
    """
    seen: set[str] = set()
    for bundle in bundles:
        role = bundle.role_map.role
        if role.id in seen:
            raise FormatError(f"Two roles in the file have the id {role.id} (‘{role.name}’).")
        seen.add(role.id)
