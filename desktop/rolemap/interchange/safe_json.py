"""Reading a person's file as text and JSON without being surprised by it.

Every importer takes bytes from a file it did not write. These functions turn
them into text and JSON or raise `FormatError` with a sentence that names the
place: not UTF-8, too big, nested too deep, NaN or Infinity, an integer of
thousands of digits, a key given twice, a lone surrogate or a control
character (which would break the database's text or a terminal).
"""

from __future__ import annotations

import gc
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from rolemap.domain.text import CONTROL
from rolemap.interchange.errors import FormatError

MAX_BYTES = 200 * 1024 * 1024
_UNSAFE = CONTROL
# The JSON escapes that spell one of those characters: \u0000-\u001f, \u007f-\u009f, surrogates,
# and the short forms of U+0008 and U+000C, \b and \f.
UNSAFE_ESCAPE = re.compile(r"\\(?:u(?:00[01]|007[fF]|00[89]|[dD][89a-fA-F])|[bf])", re.ASCII)
_ASCII_SAFE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_C1_IN_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080-U+009F: 0xC2 is only ever a lead byte


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
    return _load(text, None, what, check_text)


def load_json_bytes(data: bytes, what: str, limit: int = MAX_BYTES) -> Any:
    """`load_json` of a file's bytes, read as `decode_utf8` reads them.

    The same checks; the one for control characters looks at the bytes, which
    is faster when the text is not plain ASCII (35 MB: 35 ms instead of 100).
    """
    return _load(decode_utf8(data, what, limit), data, what, True)


def _load(text: str, data: bytes | None, what: str, check_text: bool) -> Any:
    """Parse `text` (decoded from `data` when given); see `load_json`."""

    def constant(name: str) -> NoReturn:
        raise FormatError(f"The {what} holds {name}, which is not a number.")

    def finite(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise FormatError(f"The {what} holds {literal[:40]}, which is too large a number.")
        return value

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # dict() in C, then a count: 3× faster than a loop that looks at each key.
        found = dict(pairs)
        if len(found) != len(pairs):
            _refuse_repeated_key(pairs, what)
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
    if check_text and _parsed_may_hold_unsafe(text, data):
        check_strings(document, what)  # only then: walking every string costs ~3 µs an item
    return document


def _refuse_repeated_key(pairs: list[tuple[str, Any]], what: str) -> NoReturn:
    """Refuse an object that gives a key twice, naming the first key given again."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise FormatError(f"The {what} gives the key “{printable(key)}” twice in one object.")
        seen.add(key)
    raise AssertionError("no key is repeated")


def may_hold_unsafe(text: str) -> bool:
    """Whether `text` may hold a character `CONTROL` matches, as itself or as a JSON escape.

    False means surely not; True, that its strings must be looked at. Plain
    ASCII, which nearly every file is, is looked at a byte at a time in C (10 MB
    in 6 ms; the regular expression takes 38 ms).
    """
    if text.isascii():
        raw = bool(text.encode("ascii").translate(None, _ASCII_SAFE))
    else:
        raw = _UNSAFE.search(text) is not None
    return raw or ("\\" in text and UNSAFE_ESCAPE.search(text) is not None)


def _parsed_may_hold_unsafe(text: str, data: bytes | None) -> bool:
    """`may_hold_unsafe` for a text that `json.loads` took, decoded from `data` if given.

    Strict JSON refuses a character below U+0020 as itself anywhere but as
    whitespace (tab, line feed, carriage return) between tokens, so only
    U+007F-U+009F and lone surrogates can still be in the text as themselves;
    and bytes that decoded as UTF-8 hold no lone surrogate.
    """
    if text.isascii():
        raw = "\x7f" in text
    elif data is not None:
        raw = b"\x7f" in data or _C1_IN_UTF8.search(data) is not None
    else:
        raw = _UNSAFE.search(text) is not None
    return raw or ("\\" in text and UNSAFE_ESCAPE.search(text) is not None)


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


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a reader builds its many acyclic objects.

    Measured on 100,000 Timewarrior intervals: 0.57 s with collection, 0.43 s without
    (the collector walks the growing list of entries again and again, finding nothing);
    on a Rolemap file of 100,000 time entries, 0.55 s and 0.44 s.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
