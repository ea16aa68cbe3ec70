"""The shared core of the map readers (JSON Canvas, Markdown outline, GraphML).

A reader turns its file into calls on a `MapDraft`; the draft applies the rules
every way in shares and `finish()` returns an `ImportPreview`: a new role map
with fresh ids, and the problems that did not stop the import, for the person
to accept (import the rest) or refuse (import nothing).

Decisions, the same for every reader:

- A file over 20 MB, with over 20,000 nodes or over 100,000 links is refused.
- Text must be UTF-8 (a byte-order mark is allowed); anything else is refused.
- Control characters are removed (tab and newline are kept in notes; in a
  title they become spaces, since a title is one line); lone surrogates too.
  One problem says how many texts were cleaned.
- A title is trimmed; an empty one becomes "New <kind>" and a title over 500
  characters is cut to 500, each with a problem. Notes over 100,000 characters
  are cut likewise.
- A node or link id used twice in the file is refused (the file is ambiguous).
- A link that breaks the lane rule, joins a node to itself, repeats a link or
  ends at something that was skipped is left out, with the reason.
- A field value the domain refuses (`fields.coerce_details`) is left at its
  default, with the reason.
- Positions: each node sits at its lane's home x, stacked from the top of the
  lane in the file's order (`domain.geometry`), so no two nodes overlap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rolemap.domain import geometry
from rolemap.domain.entities import Category, Link, Node, Role, new_id
from rolemap.domain.errors import DomainError
from rolemap.domain.fields import FIELDS, coerce_details
from rolemap.domain.kinds import NodeKind
from rolemap.domain.lane_rule import kinds_may_link, lane_rule_message
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.interchange.import_rules import (
    MAX_LINKS,
    MAX_NODES,
    MAX_NOTES,
    MAX_ROLE_NAME,
    MAX_TITLE,
    clean_line,
    clean_notes,
    field_name,
    field_value,
)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would add: a new role map (fresh ids) and what was left out or changed."""

    role_map: RoleMap
    problems: tuple[str, ...] = ()

    @property
    def bundle(self) -> RoleBundle:
        """The map as a RoleBundle (no tracking records), as the import services take it."""
        return RoleBundle(self.role_map)


@dataclass
class _DraftNode:
    kind: NodeKind
    title: str
    notes: str
    details: dict[str, Any]
    order: float
    id: str = field(default_factory=new_id)


class MapDraft:
    """A map being read from a file: nodes and links by the file's keys, and problems."""

    def __init__(self, what: str, role_name: str) -> None:
        self.what = what
        self.role_name = role_name
        self.purpose = ""
        self.problems: list[str] = []
        self._nodes: dict[str, _DraftNode] = {}
        self._skipped: dict[str, str] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self._role_id = new_id()
        self._cleaned = 0

    def has(self, key: str) -> bool:
        """Whether the file element `key` was read, as a node or as skipped."""
        return key in self._nodes or key in self._skipped

    def problem(self, text: str) -> None:
        """Note a problem that does not stop the import."""
        self.problems.append(text)

    def text(self, text: str, *, notes: bool = False) -> str:
        """Text from the file, cleaned of control characters (and counted when it had some)."""
        cleaned, changed = clean_notes(text) if notes else clean_line(text)
        self._cleaned += changed
        return cleaned

    def skip(self, key: str, what: str, where: str, *, report: bool = True) -> None:
        """Note a file element that is not imported (links to it are reported, not refused)."""
        self._claim(key, where)
        self._skipped[key] = what
        if report:
            self.problem(f"{where}: {what} was skipped.")

    def add_node(
        self,
        key: str,
        kind: NodeKind,
        title: str,
        *,
        where: str,
        notes: str = "",
        fields: Mapping[str, str] | None = None,
        order: float = 0.0,
    ) -> None:
        """Add a node under the file's `key`.

        `fields` are kind-specific fields as the file writes them ("planned hours": "6");
        `order` sorts the node within its lane (ties keep the file's order).
        """
        self._claim(key, where)
        if len(self._nodes) >= MAX_NODES:
            raise FormatError(f"{where}: this {self.what} has over {MAX_NODES:,} nodes.")
        title = self.text(title)
        if not title:
            title = f"New {kind.value}"
            self.problem(f"{where}: a {kind.value} with no title was named ‘{title}’.")
        if len(title) > MAX_TITLE:
            self.problem(f"{where}: the title ‘{title[:40]}…’ was cut to {MAX_TITLE} characters.")
            title = title[:MAX_TITLE].rstrip()
        notes = self.text(notes, notes=True)
        if len(notes) > MAX_NOTES:
            self.problem(f"{where}: the notes of ‘{title}’ were cut to {MAX_NOTES:,} characters.")
            notes = notes[:MAX_NOTES]
        good: dict[str, Any] = {}
        specs = {spec.name: spec for spec in FIELDS[kind]}
        for written, text in (fields or {}).items():
            spec = specs.get(field_name(written))
            if spec is None:
                a = "An" if kind.value[0] in "aeiou" else "A"
                self.problem(f"{where} (‘{title}’): {a} {kind.value} has no field “{written}”.")
                continue
            try:
                value = field_value(spec, self.text(text))
                coerce_details(kind, {spec.name: value})
            except DomainError as error:
                self.problem(f"{where} (‘{title}’): {error} Left at its default.")
            else:
                good[spec.name] = value
        self._nodes[key] = _DraftNode(kind, title, notes, coerce_details(kind, good), order)

    def add_link(
        self,
        source: str,
        target: str,
        *,
        where: str,
        either_way: bool = False,
        weight: float | None = None,
        confidence: float | None = None,
        note: str = "",
    ) -> None:
        """Link the nodes read as `source` and `target`; `either_way` for an edge with no arrow."""
        for key in (source, target):
            if not self.has(key):
                raise FormatError(f"{where}: no node has the id ‘{shown(key)}’.")
            if key in self._skipped:
                self.problem(f"{where}: a link to {self._skipped[key]} was left out.")
                return
        if len(self._links) >= MAX_LINKS:
            raise FormatError(f"{where}: this {self.what} has over {MAX_LINKS:,} links.")
        a, b = self._nodes[source], self._nodes[target]
        if source == target:
            self.problem(f"{where}: ‘{a.title}’ links to itself; left out.")
            return
        if not kinds_may_link(a.kind, b.kind):
            if not (either_way and kinds_may_link(b.kind, a.kind)):
                message = lane_rule_message(a.kind, b.kind)
                self.problem(f"{where}: ‘{a.title}’ → ‘{b.title}’ left out. {message}")
                return
            source, target, a, b = target, source, b, a
        if (source, target) in self._links:
            self.problem(f"{where}: ‘{a.title}’ → ‘{b.title}’ is listed twice; kept once.")
            return
        self._links[source, target] = Link(
            new_id(), self._role_id, a.id, b.id, weight, confidence, self.text(note, notes=True)
        )

    def finish(self) -> ImportPreview:
        """The preview: a role with the nodes stacked in their lanes, the links, the problems."""
        name = self.text(self.role_name)[:MAX_ROLE_NAME] or "Imported map"
        categories = list(Role(id="", name="").categories)
        known = {category.name for category in categories}
        nodes: list[Node] = []
        pitch = geometry.NODE_HEIGHT + geometry.NODE_GAP
        by_kind: dict[NodeKind, list[tuple[float, int, _DraftNode]]] = {}
        for seq, draft in enumerate(self._nodes.values()):
            by_kind.setdefault(draft.kind, []).append((draft.order, seq, draft))
            category = draft.details.get("category")
            if draft.kind is NodeKind.ACTIVITY and category and category not in known:
                known.add(category)
                categories.append(Category(category, "#8c8c8c"))
        for kind, drafts in by_kind.items():
            for row, (_, _, d) in enumerate(sorted(drafts, key=lambda item: item[:2])):
                x, y = geometry.home_x(kind), geometry.LANE_TOP + row * pitch
                nodes.append(Node(d.id, self._role_id, kind, d.title, d.notes, x, y, d.details))
        if self._cleaned:
            self.problem(f"Control characters were removed from {self._cleaned} texts.")
        role = Role(
            id=self._role_id,
            name=name,
            purpose=self.text(self.purpose, notes=True)[:MAX_NOTES],
            categories=tuple(categories),
        )
        return ImportPreview(RoleMap.build(role, nodes, self._links.values()), tuple(self.problems))

    def _claim(self, key: str, where: str) -> None:
        if self.has(key):
            raise FormatError(f"{where}: the id ‘{shown(key)}’ is used twice.")


def shown(key: str) -> str:
    """A file's id as a message may quote it: one line, at most 40 characters."""
    text = clean_line(key)[0]
    return text if len(text) <= 40 else text[:39] + "…"
