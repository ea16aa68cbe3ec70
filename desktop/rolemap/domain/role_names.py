"""A role's name: one line, not empty, and not another role's (case aside).

`rolemap --role NAME` and the window's role switcher choose roles by name, so
two roles called the same cannot both be reached. A name the person types is
refused when taken; a name that comes with a file or a template is given a
number instead ("Engineering manager (2)"), so the import still goes through.
"""

from __future__ import annotations

from collections.abc import Iterable

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.text import clean_line

MAX_NAME = 200


def check_role_name(name: str, taken: Iterable[str]) -> str:
    """`name` cleaned; InvalidValueError if empty or already another role's."""
    cleaned = clean_line(name, "A role's name", MAX_NAME)
    if not cleaned:
        raise InvalidValueError("A role needs a name.")
    for other in taken:
        if other.casefold() == cleaned.casefold():
            raise InvalidValueError(
                f"There is already a role called ‘{other}’: choose another name."
            )
    return cleaned


def unique_role_name(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name (2)`, `name (3)`… — the first that no role has."""
    names = {other.casefold() for other in taken}
    if name.casefold() not in names:
        return name
    number = 2
    while f"{name} ({number})".casefold() in names:
        number += 1
    return f"{name} ({number})"
