"""Writing a role as Rolemap JSON (version 2): its map, records, rules, reviews and plans.

Every field of every value is written, in a stable order, so that a file
read back and written again is the same file (`exported` aside).
"""

from __future__ import annotations

from typing import Any

from rolemap.interchange import plan_json, review_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.snapshot_json import map_to_json


def role_json(bundle: RoleBundle) -> dict[str, Any]:
    """A role's whole entry in the file's "roles" list."""
    on_map = bundle.role_map.nodes
    reviews = sorted(bundle.reviews, key=lambda r: (r.review.first_day, r.review.started))
    return {
        **map_to_json(bundle.role_map),  # the role's fields, its nodes and links: as snapshots
        **_records_json(bundle),
        # A rule whose activity was deleted stays in the database, unused, until an undo
        # brings the activity back; a file holds only what its own map can answer for.
        "rules": [
            {
                "field": r.field.value,
                "how": r.how.value,
                "value": r.value,
                "activity": r.activity_id,
            }
            for r in bundle.rules
            if r.activity_id in on_map
        ],
        **review_json.to_json(reviews, bundle.actions),
        **plan_json.to_json(bundle.role_map, bundle.plans.plans, bundle.plans.items),
    }


def _records_json(bundle: RoleBundle) -> dict[str, Any]:
    return {
        "time_entries": [
            {
                "id": e.id,
                "activity": e.activity_id,
                "start": e.start,
                "duration": e.duration,
                "note": e.note,
                "source": e.source,
                "external_id": e.external_id,
                "example": e.example,
            }
            for e in bundle.time_entries
        ],
        "deliveries": [
            {
                "id": d.id,
                "output": d.output_id,
                "date": d.date,
                "title": d.title,
                "link": d.link,
                "example": d.example,
            }
            for d in bundle.deliveries
        ],
        "checkins": [
            {
                "id": c.id,
                "outcome": c.outcome_id,
                "date": c.date,
                "value": c.value,
                "confidence": c.confidence,
                "note": c.note,
                "example": c.example,
            }
            for c in bundle.checkins
        ],
    }
