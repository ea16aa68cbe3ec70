"""Rolemap JSON: the complete, versioned file format (resources/schema/rolemap-1.schema.json).

`dumps` writes every field of every role; `loads` validates the whole file
(the JSON Schema, then what a schema cannot say: unique ids, links between
nodes of the same role, the lane rule, kind-specific fields) before returning
anything, so a caller can write the result in one transaction or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from rolemap.domain.entities import Category, Link, Node, Role
from rolemap.domain.errors import DomainError
from rolemap.domain.fields import coerce_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.record_rules import check_date, check_entry
from rolemap.domain.role_map import RoleMap
from rolemap.domain.rules import kinds_may_link, lane_rule_message
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.interchange.safe_json import decode_utf8, load_json, printable
from rolemap.system.resources import resource

FORMAT_VERSION = 1
SCHEMA_FILE = ("schema", "rolemap-1.schema.json")


def dumps(bundles: Iterable[RoleBundle], *, exported: str | None = None) -> str:
    """The Rolemap JSON text for `bundles` (stable key order, two-space indent)."""
    document = {
        "format": "rolemap",
        "version": FORMAT_VERSION,
        "exported": exported or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "roles": [_role_json(bundle) for bundle in bundles],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def load_bytes(data: bytes) -> list[RoleBundle]:
    """Parse and validate a Rolemap JSON file's bytes (UTF-8). Raises FormatError."""
    return loads(decode_utf8(data, "file"))


def loads(text: str) -> list[RoleBundle]:
    """Parse and validate a Rolemap JSON text. Raises FormatError naming the problem.

    The record rules every way in applies are checked too (an entry's range and
    length, at most one running timer), so a file cannot hold what the editor
    and the command line refuse.
    """
    document = load_json(text, "file")
    _validate_schema(document)
    bundles = [_role_bundle(role, f"roles[{i}]") for i, role in enumerate(document["roles"])]
    _check_unique_ids(bundles)
    _check_timers(bundles)
    return bundles


# -- writing ------------------------------------------------------------------


def _role_json(bundle: RoleBundle) -> dict[str, Any]:
    role = bundle.role_map.role
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


# -- reading ------------------------------------------------------------------


def _validate_schema(document: Any) -> None:
    import jsonschema

    schema = json.loads(resource(*SCHEMA_FILE).read_text(encoding="utf-8"))
    if isinstance(document, Mapping) and document.get("format") == "rolemap":
        version = document.get("version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise FormatError(
                f"This file is Rolemap format version {version}; this Rolemap reads up to "
                f"version {FORMAT_VERSION}. Update Rolemap to import it."
            )
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        where = _json_path(error.absolute_path) or "the file"
        raise FormatError(f"In {where}: {_shortened(error.message)}")


def _shortened(message: str) -> str:
    """A schema message with any huge value in it cut down to something readable."""
    short = re.sub(r"\d{40,}|[^ ]{120,}", lambda m: m.group()[:20] + "…", message)
    return printable(short, 400)


def _json_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _role_bundle(data: Mapping[str, Any], where: str) -> RoleBundle:
    role = Role(
        id=data["id"],
        name=data["name"],
        purpose=data.get("purpose", ""),
        accountabilities=tuple(data.get("accountabilities", ())),
        domains=tuple(data.get("domains", ())),
        decision_rights=tuple(data.get("decision_rights", ())),
        review_cadence=data.get("review_cadence", "month"),
        categories=tuple(Category(c["name"], c["colour"]) for c in data["categories"])
        if "categories" in data
        else Role(id="", name="").categories,
        ideal_allocation=dict(data.get("ideal_allocation", {})),
        purposeful_target=float(data.get("purposeful_target", 0.7)),
        created=data.get("created", ""),
    )
    nodes: dict[str, Node] = {}
    for i, item in enumerate(data["nodes"]):
        kind = NodeKind(item["kind"])
        try:
            details = coerce_details(kind, item.get("details", {}))
        except DomainError as error:
            raise FormatError(f"In {where}.nodes[{i}] (‘{item['title']}’): {error}") from None
        if item["id"] in nodes:
            raise FormatError(f"In {where}.nodes[{i}]: the id {item['id']} is used twice.")
        nodes[item["id"]] = Node(
            id=item["id"],
            role_id=role.id,
            kind=kind,
            title=item["title"],
            notes=item.get("notes", ""),
            x=float(item.get("x", 0.0)),
            y=float(item.get("y", 0.0)),
            details=details,
        )
    links: dict[str, Link] = {}
    pairs: set[tuple[str, str]] = set()
    for i, item in enumerate(data["links"]):
        here = f"{where}.links[{i}]"
        source, target = nodes.get(item["source"]), nodes.get(item["target"])
        if source is None or target is None:
            missing = item["source"] if source is None else item["target"]
            raise FormatError(f"In {here}: no node of this role has the id {missing}.")
        if not kinds_may_link(source.kind, target.kind):
            raise FormatError(f"In {here}: {lane_rule_message(source.kind, target.kind)}")
        if (source.id, target.id) in pairs or item["id"] in links:
            raise FormatError(f"In {here}: this link is listed twice.")
        pairs.add((source.id, target.id))
        links[item["id"]] = Link(
            id=item["id"],
            role_id=role.id,
            source=source.id,
            target=target.id,
            weight=item.get("weight"),
            confidence=item.get("confidence"),
            note=item.get("note", ""),
        )
    bundle = RoleBundle(RoleMap(role, nodes, links))
    bundle.time_entries = [
        _checked_entry(
            TimeEntry(
                id=e["id"],
                activity_id=_node_of(
                    nodes, e["activity"], NodeKind.ACTIVITY, f"{where}.time_entries[{i}]"
                ),
                start=e["start"],
                duration=e["duration"],
                note=e.get("note", ""),
                source=e.get("source", "manual"),
                external_id=e.get("external_id"),
                example=e.get("example", False),
            ),
            f"{where}.time_entries[{i}]",
        )
        for i, e in enumerate(data.get("time_entries", ()))
    ]
    bundle.deliveries = [
        Delivery(
            id=d["id"],
            output_id=_node_of(nodes, d["output"], NodeKind.OUTPUT, f"{where}.deliveries[{i}]"),
            date=_date(d["date"], f"{where}.deliveries[{i}]"),
            title=d.get("title", ""),
            link=d.get("link", ""),
            example=d.get("example", False),
        )
        for i, d in enumerate(data.get("deliveries", ()))
    ]
    bundle.checkins = [
        CheckIn(
            id=c["id"],
            outcome_id=_node_of(nodes, c["outcome"], NodeKind.OUTCOME, f"{where}.checkins[{i}]"),
            date=_date(c["date"], f"{where}.checkins[{i}]"),
            value=float(c["value"]),
            confidence=c.get("confidence"),
            note=c.get("note", ""),
            example=c.get("example", False),
        )
        for i, c in enumerate(data.get("checkins", ()))
    ]
    return bundle


def _node_of(nodes: Mapping[str, Node], node_id: str, kind: NodeKind, where: str) -> str:
    node = nodes.get(node_id)
    if node is None or node.kind is not kind:
        raise FormatError(f"In {where}: no {kind.value} of this role has the id {node_id}.")
    return node_id


def _date(text: str, where: str) -> str:
    try:
        return check_date(text)
    except DomainError as error:
        raise FormatError(f"In {where}: {error}") from None


def _checked_entry(entry: TimeEntry, where: str) -> TimeEntry:
    try:
        return check_entry(entry)
    except DomainError as error:
        raise FormatError(f"In {where}: {error}") from None


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
