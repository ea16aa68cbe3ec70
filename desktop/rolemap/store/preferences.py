"""A role's last diagram export settings, kept in the `preferences` table.

The key is `export-preset:<role id>` and the value JSON, so a repeat export
is one click in the dialog or one short command.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from rolemap.domain.periods import PERIOD_NAMES
from rolemap.store.database import Store

FORMATS = ("pdf", "svg", "png")
PAGES = ("a4", "letter", "a3")
PERIODS = PERIOD_NAMES


@dataclass(frozen=True, slots=True)
class ExportPreset:
    """How a role's diagram was last exported."""

    format: str = "pdf"
    page: str = "a4"
    landscape: bool = True
    period: str = "month"
    numbers: bool = True
    dpi: int = 300
    path: str = ""


def preset_key(role_id: str) -> str:
    """The preferences key of a role's preset."""
    return f"export-preset:{role_id}"


def load_preset(store: Store, role_id: str) -> ExportPreset:
    """The role's preset; defaults for what is missing or no longer valid."""
    row = store.conn.execute(
        "SELECT value FROM preferences WHERE key = ?", (preset_key(role_id),)
    ).fetchone()
    if row is None:
        return ExportPreset()
    try:
        data = json.loads(row[0])
    except ValueError:
        return ExportPreset()
    if not isinstance(data, dict):
        return ExportPreset()
    return _checked(data)


def save_preset(store: Store, role_id: str, preset: ExportPreset) -> None:
    """Remember `preset` for the role (one transaction)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO preferences (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (preset_key(role_id), json.dumps(asdict(preset), sort_keys=True)),
        )


def _checked(data: dict[str, Any]) -> ExportPreset:
    preset = ExportPreset()
    allowed = {"format": FORMATS, "page": PAGES, "period": PERIODS}
    for spec in fields(ExportPreset):
        value = data.get(spec.name)
        default = getattr(preset, spec.name)
        if value is None or type(value) is not type(default):
            continue
        if spec.name in allowed and value not in allowed[spec.name]:
            continue
        if spec.name == "dpi" and not 30 <= value <= 1200:
            continue
        preset = replace(preset, **{spec.name: value})
    return preset
