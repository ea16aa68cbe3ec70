"""Role templates: the library in resources/templates/, and new roles made from them.

A new role is a copy: every id is fresh, the name is the person's (or the
template's, numbered if a role already has it), the records are none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

from rolemap.domain.entities import Role, new_id
from rolemap.domain.role_map import RoleMap
from rolemap.domain.role_names import check_role_name
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.services.transfer import import_bundles
from rolemap.store.database import Store
from rolemap.store.role_repository import RoleRepository
from rolemap.system.resources import resource


@dataclass(frozen=True, slots=True)
class Template:
    """One template of the library, as `index.json` lists it."""

    key: str
    title: str
    summary: str
    file: str


def templates() -> list[Template]:
    """Every template, in the library's order."""
    items = json.loads(resource("templates", "index.json").read_text(encoding="utf-8"))
    return [Template(i["key"], i["title"], i["summary"], i["file"]) for i in items]


def find_template(key: str) -> Template:
    """The template called `key`; KeyError naming the keys there are."""
    for template in templates():
        if template.key == key:
            return template
    raise KeyError(
        f"No template is called ‘{key}’. Templates: {', '.join(t.key for t in templates())}."
    )


def template_map(key: str) -> RoleMap:
    """A template's role map as shipped (its own ids: for a preview, not to be stored)."""
    data = resource("templates", find_template(key).file).read_bytes()
    (bundle,) = rolemap_json.load_bytes(data)
    return bundle.role_map


def new_role(store: Store, name: str, template: str | None = None) -> str:
    """Create a role (blank, or a copy of a template) under `name`; return its id.

    Raises InvalidValueError for an empty or taken name, KeyError for an unknown template.
    """
    taken = [role.name for role in RoleRepository(store).list_roles()]
    name = check_role_name(name, taken)
    today = dt.date.today().isoformat()
    if template is None:
        bundle = RoleBundle(RoleMap(Role(id=new_id(), name=name, created=today)))
    else:
        source = template_map(template)
        copy, _ = RoleBundle(source).rekeyed(taken=set(RoleBundle(source).ids()))
        role = dataclasses.replace(copy.role_map.role, name=name, created=today)
        bundle = RoleBundle(
            RoleMap.build(role, copy.role_map.nodes.values(), copy.role_map.links.values())
        )
    import_bundles(store, [bundle])
    return bundle.role_map.role.id
