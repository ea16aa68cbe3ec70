"""Writing a role as Rolemap JSON (version 2): its map, records, rules, reviews and plans.

Every field of every value is written, in a stable order, so that a file
read back and written again is the same file (`exported` aside).
"""

from __future__ import annotations

from typing import Any

from rolemap.interchange import plan_json, review_json
from rolemap.interchange.bundle import RoleBundle


def role_json(bundle: RoleBundle) -> dict[str, Any]:
    """A role's whole entry in the file's "roles" list."""
    role = bundle.role_map.role
    on_map = bundle.role_map.nodes
    reviews = sorted(bundle.reviews, key=lambda r: (r.review.first_day, r.review.started))
    return {
        "id": role.id,
        "name": role.name,
        "purpose": role.purpose,
        "accountabilities": list(role.accountabilities),
        "domains": list(role.domains),
        "decision_rights": list(role.decision_rights),
        "review_cadence": role.review_cadence,
        "categories": [{"name": c.name, "colour": c.colour} for c in role.categories],
        "ideal_allocation": dict(role.ideal_allocation),
        "purposeful_target": role.purposeful_target,
        "created": role.created,
        "weekly_capacity": role.weekly_capacity,
        "successor_notes": role.successor_notes,
        **_map_json(bundle),
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


def _map_json(bundle: RoleBundle) -> dict[str, Any]:
    return {
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind.value,
                "title": n.title,
                "notes": n.notes,
                "x": n.x,
                "y": n.y,
                "details": dict(n.details),
            }
            for n in sorted(bundle.role_map.nodes.values(), key=lambda n: (n.kind.lane, n.y, n.id))
        ],
        "links": [
            {
                "id": link.id,
                "source": link.source,
                "target": link.target,
                "weight": link.weight,
                "confidence": link.confidence,
                "note": link.note,
            }
            for link in sorted(bundle.role_map.links.values(), key=lambda k: k.id)
        ],
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
