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
from functools import lru_cache
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
    """Check the file against the JSON Schema; FormatError with the schema's own message.

    The schema checks every record in Python, ~45 µs a record (4.5 s for
    100,000 time entries). So the file is checked without its records, and
    each record by `_record_fits`, which takes only what the schema takes
    (~1 µs). Should anything fail, the whole file goes through the schema, so
    that a bad file gets exactly the message the schema gives it.
    """
    if isinstance(document, Mapping) and document.get("format") == "rolemap":
        version = document.get("version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise FormatError(
                f"This file is Rolemap format version {version}; this Rolemap reads up to "
                f"version {FORMAT_VERSION}. Update Rolemap to import it."
            )
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    apart = _without_records(document)
    if apart is not None:
        skeleton, records = apart
        if validator.is_valid(skeleton) and all(
            _record_fits(kind, record) for kind, items in records for record in items
        ):
            return
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        where = _json_path(error.absolute_path) or "the file"
        raise FormatError(f"In {where}: {_shortened(error.message)}")


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resource(*SCHEMA_FILE).read_text(encoding="utf-8"))
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


def _record_fits(kind: str, record: Any) -> bool:
    """Whether the schema surely takes a record (False: let the schema decide, and say why).

    Stricter than the schema where that is simpler (a start of 5.0 is an
    integer to the schema, not here): such a record just goes to the schema.
    """
    if type(record) is not dict:
        return False
    get = record.get
    if kind == "time_entries":
        start, duration, external_id = get("start"), get("duration"), get("external_id")
        return (
            record.keys() <= _ENTRY_KEYS
            and _is_id(get("id"))
            and _is_id(get("activity"))
            and type(start) is int
            and 86400 <= start <= 4102444800
            and ((type(duration) is int and 1 <= duration <= 86400) or duration is None)
            and "duration" in record
            and _is_text(get("note", ""), 100_000)
            and _is_text(get("source", ""), 40)
            and (external_id is None or _is_text(external_id, 500))
            and type(get("example", False)) is bool
        )
    if kind == "deliveries":
        return (
            record.keys() <= _DELIVERY_KEYS
            and _is_id(get("id"))
            and _is_id(get("output"))
            and _is_date(get("date"))
            and _is_text(get("title", ""), 500)
            and _is_text(get("link", ""), 2000)
            and type(get("example", False)) is bool
        )
    value, confidence = get("value"), get("confidence")
    return (
        record.keys() <= _CHECKIN_KEYS
        and _is_id(get("id"))
        and _is_id(get("outcome"))
        and _is_date(get("date"))
        and _is_number(value, -1e15, 1e15)
        and (confidence is None or _is_number(confidence, 0, 1))
        and _is_text(get("note", ""), 100_000)
        and type(get("example", False)) is bool
    )


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
    bundle.time_entries = _time_entries(data.get("time_entries", ()), nodes, where)
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


def _time_entries(items: Iterable[Any], nodes: Mapping[str, Node], where: str) -> list[TimeEntry]:
    """The role's time entries, each checked by the record rules (100,000 in ~0.2 s).

    The place of an item is spelled out only for the message of one that fails.
    """
    activities = {node_id for node_id, node in nodes.items() if node.kind is NodeKind.ACTIVITY}
    entries = []
    for i, e in enumerate(items):
        activity = e["activity"]
        if activity not in activities:
            _node_of(nodes, activity, NodeKind.ACTIVITY, f"{where}.time_entries[{i}]")
        get = e.get
        entry = TimeEntry(
            e["id"],
            activity,
            e["start"],
            e["duration"],
            get("note", ""),
            get("source", "manual"),
            get("external_id"),
            get("example", False),
        )
        try:
            entries.append(check_entry(entry))
        except DomainError as error:
            raise FormatError(f"In {where}.time_entries[{i}]: {error}") from None
    return entries


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
