"""RoleBundle: everything one role holds, as file formats read and write it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry


@dataclass
class RoleBundle:
    """A role's map plus its tracking records."""

    role_map: RoleMap
    time_entries: list[TimeEntry] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
