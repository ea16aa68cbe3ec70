"""Reading a JSON value that Rolemap wrote, or a file claims Rolemap wrote, one field at a time.

Every refusal is a `FormatError` that names the place ("In reviews[2].first_day: …")
and says what was expected, so a damaged stored value or a hand-edited file is
reported, never half-read. Used by the review formats (`review_json`,
`snapshot_json`, `evidence_json`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from rolemap.domain.errors import DomainError
from rolemap.interchange.errors import FormatError

T = TypeVar("T")


class JsonObject:
    """A JSON object being read at `where`; every refusal names the place."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, Mapping):
            raise FormatError(f"In {where}: expected an object, found {kind_of(value)}.")
        self.value = value
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def get(self, key: str, default: Any = ..., /) -> Any:
        if key in self.value:
            return self.value[key]
        if default is ...:
            raise FormatError(f"In {self.where}: “{key}” is missing.")
        return default

    def text(self, key: str, default: str | None = None, limit: int = 100_000) -> str:
        value = self.get(key, ... if default is None else default)
        if not isinstance(value, str):
            raise FormatError(f"In {self.at(key)}: expected text, found {kind_of(value)}.")
        if len(value) > limit:
            raise FormatError(f"In {self.at(key)}: the text is longer than {limit:,} characters.")
        return value

    def id(self, key: str) -> str:
        value = self.text(key, limit=64)
        if not value:
            raise FormatError(f"In {self.at(key)}: an id cannot be empty.")
        return value

    def maybe_id(self, key: str) -> str | None:
        return None if self.get(key, None) is None else self.id(key)

    def number(self, key: str, default: float | None = None) -> float:
        value = self.get(key, ... if default is None else default)
        return finite_number(value, self.at(key))

    def maybe_number(self, key: str) -> float | None:
        value = self.get(key, None)
        return None if value is None else finite_number(value, self.at(key))

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.get(key, ... if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise FormatError(
                f"In {self.at(key)}: expected a whole number, found {kind_of(value)}."
            )
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool:
        value = self.get(key, ... if default is None else default)
        if not isinstance(value, bool):
            raise FormatError(f"In {self.at(key)}: expected true or false, found {kind_of(value)}.")
        return value

    def day(self, key: str) -> dt.date:
        text = self.text(key, limit=10)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise FormatError(f"In {self.at(key)}: ‘{text}’ is not a date (YYYY-MM-DD).") from None

    def items(self, key: str, default: Sequence[Any] | None = None) -> list[tuple[Any, str]]:
        value = self.get(key, ... if default is None else default)
        if not isinstance(value, list | tuple):
            raise FormatError(f"In {self.at(key)}: expected a list, found {kind_of(value)}.")
        return [(item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]

    def texts(self, key: str) -> tuple[str, ...]:
        found = []
        for item, where in self.items(key, ()):
            if not isinstance(item, str):
                raise FormatError(f"In {where}: expected text, found {kind_of(item)}.")
            found.append(item)
        return tuple(found)

    def child(self, key: str) -> JsonObject:
        return JsonObject(self.get(key), self.at(key))


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    return "an object" if isinstance(value, Mapping) else type(value).__name__


def finite_number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormatError(f"In {where}: expected a finite number, found {kind_of(value)}.")
    try:
        number = float(value)  # an integer of 400 digits does not fit
    except OverflowError:
        raise FormatError(f"In {where}: the number is too large.") from None
    if not math.isfinite(number):
        raise FormatError(f"In {where}: expected a finite number, found {kind_of(value)}.")
    return number


def checked_text(clean: Callable[[str], str], text: str, where: str) -> str:
    """`text` through a domain rule (the one every way in applies), refusals naming the place."""
    try:
        return clean(text)
    except DomainError as error:
        raise FormatError(f"In {where}: {error}") from None


def read_list(value: Any, where: str, read: Callable[[JsonObject], T]) -> tuple[T, ...]:
    if not isinstance(value, list | tuple):
        raise FormatError(f"In {where}: expected a list, found {kind_of(value)}.")
    return tuple(read(JsonObject(item, f"{where}[{i}]")) for i, item in enumerate(value))
