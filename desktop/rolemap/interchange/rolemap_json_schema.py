"""Rolemap JSON's schemas: which one a file answers to, and checking a file against it fast.

A version 1 file is checked against `resources/schema/rolemap-1.schema.json`,
a version 2 file (what Rolemap writes) against `rolemap-2.schema.json`; a
newer version is refused with a sentence saying so. Reviews, plans and
checklist rows are objects to the schema: their fields are checked by their
readers (`review_json`, `plan_json`), which name the place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from rolemap.interchange.errors import FormatError
from rolemap.interchange.safe_json import printable
from rolemap.system.resources import resource

FORMAT_VERSION = 2
"""The version Rolemap writes; it reads every version from 1 up to this one."""


def validate(document: Any) -> int:
    """Check the file against its version's JSON Schema; returns the version.

    FormatError with the schema's own message, or saying that a newer
    Rolemap wrote the file.

    The schema checks every record in Python, ~45 µs a record (4.5 s for
    100,000 time entries). So the file is checked without its records, and
    each record by `_entries_fit` and its kin, which take only what the
    schema takes (~1 µs). Should anything fail, the whole file goes through the schema, so
    that a bad file gets exactly the message the schema gives it.
    """
    version = document.get("version") if isinstance(document, Mapping) else None
    if isinstance(version, int) and not isinstance(version, bool):
        if version > FORMAT_VERSION and document.get("format") == "rolemap":
            raise FormatError(
                f"This file is Rolemap format version {version}; this Rolemap reads up to "
                f"version {FORMAT_VERSION}. Update Rolemap to import it."
            )
    else:
        version = FORMAT_VERSION
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema(1 if version == 1 else FORMAT_VERSION))
    apart = _without_records(document)
    if apart is not None:
        skeleton, records = apart
        if validator.is_valid(skeleton) and all(_FITS[kind](items) for kind, items in records):
            return version
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        where = _json_path(error.absolute_path) or "the file"
        raise FormatError(f"In {where}: {_shortened(error.message)}")
    return version


@lru_cache(maxsize=2)
def _schema(version: int) -> dict[str, Any]:
    path = resource("schema", f"rolemap-{version}.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


_RECORDS = ("time_entries", "deliveries", "checkins")


def _without_records(document: Any) -> tuple[dict[str, Any], list[tuple[str, list[Any]]]] | None:
    """The file with each role's record lists emptied, and those lists; None if it has no roles."""
    if not isinstance(document, dict) or not isinstance(document.get("roles"), list):
        return None
    records: list[tuple[str, list[Any]]] = []
    roles = []
    for role in document["roles"]:
        if isinstance(role, dict):
            role = dict(role)
            for kind in _RECORDS:
                if isinstance(role.get(kind), list):
                    records.append((kind, role[kind]))
                    role[kind] = []
        roles.append(role)
    return {**document, "roles": roles}, records


_ENTRY_KEYS = frozenset(("id", "activity", "start", "duration", "note", "source", "external_id"))
_ENTRY_KEYS |= {"example"}
_DELIVERY_KEYS = frozenset(("id", "output", "date", "title", "link", "example"))
_CHECKIN_KEYS = frozenset(("id", "outcome", "date", "value", "confidence", "note", "example"))
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _entries_fit(records: list[Any]) -> bool:
    """Whether the schema surely takes every time entry (False: let the schema decide, and
    say why); the checks are spelled out inline, as the most numerous records cost most.

    Stricter than the schema where that is simpler (a start of 5.0 is an
    integer to the schema, not here): such a record just goes to the schema.
    Records are the same in versions 1 and 2.
    """
    keys = _ENTRY_KEYS
    for record in records:
        if type(record) is not dict or not record.keys() <= keys or "duration" not in record:
            return False
        get = record.get
        entry_id, activity, start, duration = (
            get("id"),
            get("activity"),
            get("start"),
            get("duration"),
        )
        note, source, external_id = get("note", ""), get("source", ""), get("external_id")
        if not (
            type(entry_id) is str
            and 0 < len(entry_id) <= 64
            and type(activity) is str
            and 0 < len(activity) <= 64
            and type(start) is int
            and 86400 <= start <= 4102444800
            and ((type(duration) is int and 1 <= duration <= 86400) or duration is None)
            and type(note) is str
            and len(note) <= 100_000
            and type(source) is str
            and len(source) <= 40
            and (external_id is None or (type(external_id) is str and len(external_id) <= 500))
            and type(get("example", False)) is bool
        ):
            return False
    return True


def _deliveries_fit(records: list[Any]) -> bool:
    """Whether the schema surely takes every delivery (as `_entries_fit`)."""
    return all(
        type(record) is dict
        and record.keys() <= _DELIVERY_KEYS
        and _is_id(record.get("id"))
        and _is_id(record.get("output"))
        and _is_date(record.get("date"))
        and _is_text(record.get("title", ""), 500)
        and _is_text(record.get("link", ""), 2000)
        and type(record.get("example", False)) is bool
        for record in records
    )


def _checkins_fit(records: list[Any]) -> bool:
    """Whether the schema surely takes every check-in (as `_entries_fit`)."""
    for record in records:
        if type(record) is not dict:
            return False
        get = record.get
        value, confidence = get("value"), get("confidence")
        if not (
            record.keys() <= _CHECKIN_KEYS
            and _is_id(get("id"))
            and _is_id(get("outcome"))
            and _is_date(get("date"))
            and _is_number(value, -1e15, 1e15)
            and (confidence is None or _is_number(confidence, 0, 1))
            and _is_text(get("note", ""), 100_000)
            and type(get("example", False)) is bool
        ):
            return False
    return True


_FITS = {"time_entries": _entries_fit, "deliveries": _deliveries_fit, "checkins": _checkins_fit}


def _is_id(value: object) -> bool:
    return type(value) is str and 1 <= len(value) <= 64


def _is_text(value: object, limit: int) -> bool:
    return type(value) is str and len(value) <= limit


def _is_number(value: object, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def _is_date(value: object) -> bool:
    return type(value) is str and _DATE.fullmatch(value) is not None


def _shortened(message: str) -> str:
    """A schema message with any huge value in it cut down to something readable."""
    short = re.sub(r"\d{40,}|[^ ]{120,}", lambda m: m.group()[:20] + "…", message)
    return printable(short, 400)


def _json_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
