"""Timewarrior: `timew export` JSON and the data folder's `YYYY-MM.data` files in; export JSON out.

Timewarrior records only tags and an annotation per interval, so an entry's
`tags` are its tags and its `title` is the annotation ("" where there is
none); rules and activity titles usually match the tags. Times are UTC
(`20250101T090000Z`). An interval still running (no end) is skipped as an
"open interval".

The `id` of `timew export` is only the interval's place in the current list
(1 is the latest), so it changes as soon as anything is tracked: the
`external_id` is instead a digest of start, end and the sorted tags, the same
for the export and for the data files.

A data file line reads `inc START - END # tag "multi word" # "annotation"`:
tags that hold a space or a quote are double-quoted with `\\"` inside; a line
with an annotation but no tags reads `inc START - END # # "annotation"`;
an open interval has no `- END`; older versions wrote the annotation
unquoted. Files whose names are not `YYYY-MM.data` (`tags.data`,
`undo.data`) are passed over.

`write_timew` writes the `timew export` form, which `timew import` reads:
the activity's title is the first tag and the entry's note the annotation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rolemap.domain.durations import MAX_ENTRY_SECONDS
from rolemap.domain.time_range import EARLIEST, LATEST
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
    OutgoingEntry,
    Skipped,
    TimeSource,
    check_count,
    check_span,
    check_texts,
    decode_text,
    load_json,
    paused_gc,
    stable_id,
)

_STAMP = re.compile(r"^\d{8}T\d{6}Z\Z", re.ASCII)
# Python 3.11's C parser reads ISO 8601's basic form (20250101T090000Z), 10× a regex.
_from_iso = dt.datetime.fromisoformat
_USUAL_LINE = re.compile(r"\s*inc (\d{8}T\d{6}Z)(?: - (\d{8}T\d{6}Z))?(?: # (.*?))?\s*\Z", re.ASCII)
_TOKEN = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S+)""")
_ESCAPED = re.compile(r"\\(.)")
_DATA_FILE = re.compile(r"^(?:.*/)?\d{4}-\d{2}\.data$", re.ASCII)


def read_timew_export(data: bytes) -> ForeignFile:
    """The intervals of `timew export` output; FormatError names a bad interval."""
    text = decode_text(data, "Timewarrior export")
    document = load_json(_without_final_comma(text), "Timewarrior export")
    if not isinstance(document, list):
        raise FormatError("The Timewarrior export is not a list of intervals ([…]).")
    check_count(len(document), "Timewarrior export")
    intervals = _Intervals()
    with paused_gc():
        for index, item in enumerate(document, start=1):
            if type(item) is not dict:
                raise FormatError(f"interval {index}: not an interval ({{…}}).")
            get = item.get
            tags, annotation = get("tags", ()), get("annotation", "")
            intervals.add(get("start"), get("end"), tags, annotation, f"interval {index}")
    return check_texts(intervals.result, text)


def read_timew_data(files: Mapping[str, bytes]) -> ForeignFile:
    """The intervals in Timewarrior's data files, by file name (`2025-01.data` → bytes)."""
    intervals = _Intervals()
    count = 0
    texts = []
    for name in sorted(name for name in files if _DATA_FILE.match(name)):
        text = decode_text(files[name], f"Timewarrior file {name}")
        texts.append(text)
        with paused_gc():
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                count += 1
                where = f"{name.rsplit('/', 1)[-1]} line {number}"
                check_count(count, where)
                start, end, tags, annotation = _parse_line(line, where)
                intervals.add(start, end, tags, annotation, where)
    return check_texts(intervals.result, *texts)


def write_timew(entries: Iterable[OutgoingEntry]) -> str:
    """`entries` in `timew export` form (a JSON array of intervals, oldest first)."""
    return "".join(timew_pieces(entries))


def timew_pieces(entries: Iterable[OutgoingEntry]) -> Iterator[str]:
    """`write_timew`'s text, interval by interval, for a writer that yields between them."""
    ordered = sorted(entries, key=lambda entry: entry.start)
    if not ordered:
        yield "[\n\n]\n"
        return
    yield "[\n"
    for number, entry in enumerate(ordered, start=1):
        tags = list(dict.fromkeys(t for t in (entry.activity, *entry.tags) if t.strip()))
        interval: dict[str, Any] = {
            "id": len(ordered) - number + 1,
            "start": _stamp(entry.start),
            "end": _stamp(entry.start + entry.duration),
        }
        if tags:
            interval["tags"] = tags
        if entry.note:
            interval["annotation"] = entry.note
        line = json.dumps(interval, ensure_ascii=False, allow_nan=False)
        yield line + (",\n" if number < len(ordered) else "\n]\n")


def _without_final_comma(text: str) -> str:
    """`[…, {…},]` → `[…, {…}]`: the form timew's own manual page shows.

    Looks only at the end of the text (stripping the whole of a 10 MB export
    copied it three times, 15 ms).
    """
    body = _content_end(text, len(text))
    if body and text[body - 1] == "]":
        inner = _content_end(text, body - 1)
        if inner and text[inner - 1] == ",":
            return text[: inner - 1] + "]"
    return text


def _content_end(text: str, end: int) -> int:
    """Where `text[:end].rstrip()` ends, found from the end a piece at a time."""
    while end > 0:
        start = max(0, end - 256)
        kept = len(text[start:end].rstrip())
        if kept:
            return start + kept
        end = start
    return 0


class _Intervals:
    """Turns intervals into entries; a tag set's part of the id is made once per set."""

    def __init__(self) -> None:
        self.result = ForeignFile()
        self._tag_ids: dict[tuple[str, ...], str] = {}

    def add(
        self, start_text: object, end_text: object, tags: object, annotation: object, where: str
    ) -> None:
        """One interval; FormatError naming `where` for anything that is not one."""
        tags, tag_id = self._tags(tags, where)
        if type(annotation) is not str:
            raise FormatError(f"{where}: “annotation” is not a text.")
        start = self._epoch(start_text, "start", where)
        if end_text is None:
            title = annotation or " ".join(tags)
            self.result.skipped.append(Skipped(title, start, 0, "open interval", where))
            return
        end = self._epoch(end_text, "end", where)
        if not (EARLIEST <= start < LATEST and 0 <= end - start <= MAX_ENTRY_SECONDS):
            check_span(start, end - start, where)
        external_id = f"{start}-{end}-{tag_id}"
        self.result.entries.append(
            ForeignEntry(
                start, end - start, annotation, external_id, TimeSource.TIMEW, where, "", tags
            )
        )

    def _tags(self, tags: object, where: str) -> tuple[tuple[str, ...], str]:
        """The tags as a tuple, and their part of the id (made once per tag set)."""
        key = tuple(tags) if type(tags) is list else tags
        if type(key) is tuple:
            try:
                known = self._tag_ids.get(key)
            except TypeError:  # a list or an object among the tags
                known = None
            if known is not None:
                return key, known
            if all(type(tag) is str for tag in key):
                self._tag_ids[key] = stable_id("timew", *sorted(key))[:16]
                return key, self._tag_ids[key]
        raise FormatError(f"{where}: “tags” is not a list of texts.")

    @staticmethod
    def _epoch(value: object, name: str, where: str) -> int:
        """Epoch seconds of a Timewarrior time, strictly `20250101T090000Z`."""
        if type(value) is str and len(value) == 16 and value[8] == "T" and value[15] == "Z":
            try:
                return int(_from_iso(value).timestamp())
            except ValueError:
                raise FormatError(
                    f"{where}: the {name} {value} is not a real date and time."
                ) from None
        shown = repr(value)[:40] if value is not None else "nothing"
        raise FormatError(f"{where}: the {name} is {shown}, not a time like 20250101T090000Z.")


def _stamp(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _parse_line(line: str, where: str) -> tuple[str, str | None, tuple[str, ...], str]:
    """(start, end or None, tags, annotation) of one `inc …` line."""
    usual = _USUAL_LINE.match(line)
    if usual is not None:  # the form timew writes: only the tags need splitting
        start, end, rest = usual[1], usual[2], usual[3]
        return (
            (start, end, *_tags_and_annotation(_tokens(rest, where)))
            if rest
            else (start, end, (), "")
        )
    tokens = _tokens(line, where)
    if not tokens or tokens[0] != ("inc", False):
        raise FormatError(f"{where}: not an interval (a line starting with “inc”).")
    rest = tokens[1:]
    if not rest or rest[0][1] or not _STAMP.match(rest[0][0]):
        raise FormatError(f"{where}: the interval has no start time.")
    start, end = rest[0][0], None
    rest = rest[1:]
    if rest and rest[0] == ("-", False):
        if len(rest) < 2 or rest[1][1] or not _STAMP.match(rest[1][0]):
            raise FormatError(f"{where}: nothing readable follows “-” (the end time).")
        end, rest = rest[1][0], rest[2:]
    if not rest:
        return start, end, (), ""
    if rest[0] != ("#", False):
        raise FormatError(f"{where}: expected “#” before the tags, found ‘{rest[0][0][:40]}’.")
    return (start, end, *_tags_and_annotation(rest[1:]))


def _tags_and_annotation(tokens: list[tuple[str, bool]]) -> tuple[tuple[str, ...], str]:
    """The tokens after the first `#`: tags, then after another `#` the annotation."""
    separator = tokens.index(("#", False)) if ("#", False) in tokens else len(tokens)
    tags = tuple(dict.fromkeys(text for text, _ in tokens[:separator]))
    return tags, " ".join(text for text, _ in tokens[separator + 1 :])


def _tokens(line: str, where: str) -> list[tuple[str, bool]]:
    """Whitespace-separated words, `"…"`/`'…'` quoted with backslash escapes: (text, quoted)."""
    if '"' not in line and "'" not in line:
        return [(word, False) for word in line.split()]
    tokens: list[tuple[str, bool]] = []
    for match in _TOKEN.finditer(line):
        word = match[3]
        if word is not None:
            if word[0] in "\"'":
                raise FormatError(f"{where}: a quoted tag or annotation is not closed.")
            tokens.append((word, False))
        else:
            text = match[1] if match[1] is not None else match[2]
            tokens.append((_ESCAPED.sub(r"\1", text) if "\\" in text else text, True))
    return tokens
