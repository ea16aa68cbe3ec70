"""Reading a person's file as text and JSON without being surprised by it.

Every importer takes bytes from a file it did not write. These functions turn
them into text and JSON or raise `FormatError` with a sentence that names the
place: not UTF-8, too big, nested too deep, NaN or Infinity, an integer of
thousands of digits, a key given twice, a lone surrogate or a control
character (which would break the database's text or a terminal).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, NoReturn

from rolemap.domain.text import CONTROL
from rolemap.interchange.errors import FormatError

MAX_BYTES = 200 * 1024 * 1024
_UNSAFE = CONTROL
# The JSON escapes that spell one of those characters (\u0000-\u001f, \u007f-\u009f, surrogates).
UNSAFE_ESCAPE = re.compile(r"\\u(?:00[01]|007[fF]|00[89]|[dD][89a-fA-F])", re.ASCII)


def decode_utf8(data: bytes | str, what: str, limit: int = MAX_BYTES) -> str:
    """`data` as text: UTF-8 with or without a byte-order mark; else FormatError."""
    if len(data) > limit:
        raise FormatError(
            f"The {what} is {len(data) / 1_048_576:.1f} MB; Rolemap reads such files up to "
            f"{limit // 1_048_576} MB."
        )
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FormatError(
            f"The {what} is not UTF-8 text (line {line}, byte {error.start + 1}); "
            "save it again as UTF-8."
        ) from None


def load_json(text: str, what: str, *, check_text: bool = True) -> Any:
    """Parse JSON, refusing what JSON or Rolemap cannot hold faithfully (see the module).

    `check_text=False` leaves control characters to a caller that cleans or
    refuses them itself, naming the item.
    """

    def constant(name: str) -> NoReturn:
        raise FormatError(f"The {what} holds {name}, which is not a number.")

    def finite(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise FormatError(f"The {what} holds {literal[:40]}, which is too large a number.")
        return value

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in pairs:
            if key in found:
                raise FormatError(
                    f"The {what} gives the key “{printable(key)}” twice in one object."
                )
            found[key] = value
        return found

    try:
        document = json.loads(
            text, parse_constant=constant, parse_float=finite, object_pairs_hook=unique
        )
    except json.JSONDecodeError as error:
        raise FormatError(
            f"The {what} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        ) from None
    except RecursionError:
        raise FormatError(f"The {what} is nested too deeply.") from None
    except ValueError as error:  # an integer of thousands of digits
        raise FormatError(f"The {what} holds a number Rolemap cannot read ({error}).") from None
    if check_text and (_UNSAFE.search(text) or ("\\u" in text and UNSAFE_ESCAPE.search(text))):
        check_strings(document, what)  # only then: walking every string costs ~3 µs an item
    return document


def check_strings(document: Any, what: str) -> None:
    """Refuse control characters and lone surrogates in any key or string, naming where."""
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            _check(value, path, what)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check(key, path, what)
                stack.append((item, f"{path}.{key}" if path else key))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]") for index, item in enumerate(value))


def _check(text: str, path: str, what: str) -> None:
    found = _UNSAFE.search(text)
    if found is None:
        return
    character = found.group()
    kind = "a lone surrogate" if "\ud800" <= character <= "\udfff" else "a control character"
    where = f"In {path}" if path else f"In the {what}"
    raise FormatError(f"{where}: the text holds {kind} (U+{ord(character):04X}).")


def printable(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters with control characters shown as escapes."""
    shown = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text[:limit])
    return shown + ("…" if len(text) > limit else "")
