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


def escape_controls(text: str) -> str:
    """`text` safe to print on a terminal: every control character shown as an escape."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\ufffd", text
    )
