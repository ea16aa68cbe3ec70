"""The rule every piece of text obeys, whichever way it comes in: typed, given on the
command line, or read from a file.

A title or name is one line: tabs and line breaks become spaces. Notes keep
their lines and tabs. No text keeps another control character or a lone
surrogate: they would break the file's own export and let a shared role file
rewrite a person's terminal.
"""

from __future__ import annotations

import re

from rolemap.domain.errors import InvalidValueError

MAX_LINE = 500
MAX_TEXT = 100_000
# C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL = CONTROL
_BREAKS = re.compile(r"[\t\r\n]+")


def clean_line(text: str, what: str = "The text", limit: int = MAX_LINE) -> str:
    """`text` as one stripped line; InvalidValueError for control characters or length."""
    return _checked(_BREAKS.sub(" ", text).strip(), what, limit)


def clean_text(text: str, what: str = "The text", limit: int = MAX_TEXT) -> str:
    """`text` with its lines kept (CR LF becomes LF), stripped at the ends; checked alike."""
    return _checked(text.replace("\r\n", "\n").replace("\r", "\n").strip(), what, limit)


def _checked(text: str, what: str, limit: int) -> str:
    found = _CONTROL.search(text)
    if found is not None:
        raise InvalidValueError(
            f"{what} holds a control character (U+{ord(found.group()):04X}), which Rolemap "
            "does not keep."
        )
    if len(text) > limit:
        raise InvalidValueError(f"{what} is longer than {limit:,} characters.")
    return text


# Bidirectional embeddings, overrides and isolates. Text may hold them (right-to-left
# writing uses them), but on a terminal they reorder what follows on the line, so a
# shared title could make a command's output read as something it is not.
_REORDERING = "\u202a-\u202e\u2066-\u2069"
_SHOWN_ESCAPED = re.compile(f"[{_CONTROL.pattern[1:-1]}{_REORDERING}]")


def escape_controls(text: str) -> str:
    """`text` safe to print on a terminal: every control character shown as an escape.

    So is every bidirectional embedding, override and isolate, as `\\u202e`:
    inside a JSON string that is the same character, written as JSON allows.
    """
    return _SHOWN_ESCAPED.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 256:
        return f"\\x{code:02x}"
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"
