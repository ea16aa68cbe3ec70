"""The regular expressions a time rule may hold: valid, and unable to take forever.

Python's `re` backtracks, and it cannot be stopped once it runs, so a pattern
is checked before it is kept rather than timed while it matches. A rule reads
at most `READ` characters of a name; within that, two shapes are refused:

- A group repeated more than once (`*`, `+`, `{2,}`, `{3}` …) that holds a
  repeat of varying length or a choice, at any depth: `(a+)+`, `((a)+)+`,
  `(a|a)+`, `(a?){25}`. Each is exponential in the name's length (26
  characters took 5 to 10 s each, measured).
- More than two open-ended repeats in sequence (`.*.*.*`): polynomial, yet a
  1,000-character name took 47 s. Two are allowed, as `[A-Z]+-\\d+` and
  `standup.*notes.*` are common: a 1,000-character name made to defeat them
  takes a few seconds, and the names time tools hold (under 100 characters)
  under a millisecond.

This is a cost: each repeat of varying length multiplies the ways of
matching by the lengths it may take (at most `READ` + 1), a choice adds its
branches' ways, and a pattern may have at most 4 × (`READ` + 1)² of them:
two open-ended repeats and two optional parts, never three.
Patterns in verbose mode (`(?x)`) are refused, as their comments could hide a
group from this check; so are those Python warns about (`[[a]`).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from rolemap.domain.errors import InvalidValueError

READ = 1000
_MAX_WAYS = 4 * (READ + 1) ** 2
_BRACES = re.compile(r"\{(\d*),(\d*)\}|\{(\d+)\}")


@dataclass
class _Group:
    """A group being read: its finished branches' ways, the current branch's, and whether
    it holds a repeat of varying length or a choice."""

    branches: list[int] = field(default_factory=list)
    ways: int = 1
    varies: bool = False

    def total(self) -> int:
        return sum(self.branches) + self.ways


def compile_rule_pattern(text: str) -> re.Pattern[str]:
    """`text` compiled to search without regard to case; InvalidValueError saying why not.

    Raises:
        InvalidValueError: not a valid pattern, in verbose mode, warned about by
            Python, or one that could take forever (see the module's docstring).
    """
    try:
        # A warning raised, not recorded: `re` then keeps no compiled copy, so that the
        # same text warns, and is refused, every time.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compiled = re.compile(text, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, Warning) as error:
        raise InvalidValueError(f"‘{text}’ is not a valid pattern: {error}.") from None
    if compiled.flags & re.VERBOSE:
        raise InvalidValueError(
            f"‘{text}’ is in verbose mode (?x), which rules do not use: write it without."
        )
    _check_ways(text)
    return compiled


def _check_ways(text: str) -> None:
    """InvalidValueError if `text` (a valid, non-verbose pattern) could take forever."""
    stack = [_Group()]
    at = 0
    while at < len(text):
        char = text[at]
        if char == "(" and text.startswith("(?#", at):  # a comment: to its first ")"
            end = text.find(")", at)
            at = len(text) if end < 0 else end + 1
            continue
        if char == "(":
            stack.append(_Group())
            at += 2 if text.startswith("(?", at) else 1
            continue
        if char == "|":
            group = stack[-1]
            group.branches.append(group.ways)
            group.ways, group.varies = 1, True
            at += 1
            continue
        if char == ")" and len(stack) > 1:
            inner = stack.pop()
            ways, varies, at = inner.total(), inner.varies, at + 1
        elif char == "[":
            ways, varies, at = 1, False, _class_end(text, at)
        else:
            ways, varies, at = 1, False, at + (2 if char == "\\" else 1)
        low, high, at = _repeat(text, at)
        if varies and high > 1:
            raise InvalidValueError(
                f"The pattern ‘{text}’ repeats a group that repeats or chooses inside (like "
                "(a+)+ or (a|a)+), which can take forever: simplify it."
            )
        group = stack[-1]
        group.ways = min(_MAX_WAYS + 1, group.ways * ways * (high - min(low, high) + 1))
        group.varies = group.varies or varies or high != low
        if group.ways > _MAX_WAYS:
            break
    if any(group.total() > _MAX_WAYS for group in stack):
        raise InvalidValueError(
            f"The pattern ‘{text}’ has more than two open-ended repeats (*, +, {{n,}}: like "
            ".*.*.*), which can take minutes on each long name: simplify it."
        )


def _repeat(text: str, at: int) -> tuple[int, int, int]:
    """(fewest, most, where it ends) of the repeat at `at`; (1, 1, at) if there is none.

    Open-ended repeats count as `READ`: a rule reads no more.
    """
    if at < len(text) and text[at] in "*+?":
        low, high = {"*": (0, READ), "+": (1, READ), "?": (0, 1)}[text[at]]
        at += 1
    else:
        braces = _BRACES.match(text, at)
        if braces is None:
            return 1, 1, at
        if braces[3] is not None:
            low = high = min(int(braces[3]), READ)
        else:
            low = min(int(braces[1] or 0), READ)
            high = min(int(braces[2]), READ) if braces[2] else READ
        at = braces.end()
    if at < len(text) and text[at] in "?+":  # lazy or possessive: the same ways to try
        at += 1
    return low, high, at


def _class_end(text: str, at: int) -> int:
    """Where the character class opening at `at` ends (just past its "]")."""
    at += 1
    if at < len(text) and text[at] == "^":
        at += 1
    if at < len(text) and text[at] == "]":  # a "]" first is a character, not the end
        at += 1
    while at < len(text) and text[at] != "]":
        at += 2 if text[at] == "\\" else 1
    return at + 1
