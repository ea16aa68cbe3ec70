"""Watson: its `frames` file in.

`frames` is a JSON array of frames, each `[start, stop, project, id, tags,
updated_at]`, with UTC epoch seconds. Watson's frame id is kept across edits,
so it is the `external_id`. Watson has no description: an entry's `project`
and `tags` carry its names and its `title` is empty. The running frame lives
in Watson's `state` file, not here, so every frame has a stop.
"""

from __future__ import annotations

import math

from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import (
    ForeignEntry,
    ForeignFile,
    TimeSource,
    check_count,
    check_span,
    check_texts,
    decode_text,
    load_json,
    paused_gc,
)


def read_watson_frames(data: bytes) -> ForeignFile:
    """The frames of a Watson `frames` file; FormatError names a bad frame."""
    text = decode_text(data, "Watson frames file")
    document = load_json(text, "Watson frames file")
    if not isinstance(document, list):
        raise FormatError("The Watson frames file is not a list of frames ([…]).")
    check_count(len(document), "Watson frames file")
    result = ForeignFile()
    with paused_gc():
        for index, frame in enumerate(document, start=1):
            result.entries.append(_entry(frame, f"frame {index}"))
    return check_texts(result, text)


def _entry(frame: object, where: str) -> ForeignEntry:
    if not isinstance(frame, list) or len(frame) < 5:
        raise FormatError(f"{where}: not a frame ([start, stop, project, id, tags, …]).")
    start, stop, project, frame_id, tags = frame[:5]
    if not isinstance(project, str):
        raise FormatError(f"{where}: the project is not a text.")
    if not isinstance(frame_id, str) or not frame_id.strip():
        raise FormatError(f"{where}: the frame has no id.")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise FormatError(f"{where}: the tags are not a list of texts.")
    begin = _seconds(start, "start", where)
    end = _seconds(stop, "stop", where)
    check_span(begin, end - begin, where)
    return ForeignEntry(
        start=begin,
        duration=end - begin,
        title="",
        external_id=frame_id.strip(),
        source=TimeSource.WATSON,
        where=f"{where} ({frame_id.strip()[:12]})",
        project=project.strip(),
        tags=tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip())),
    )


def _seconds(value: object, name: str, where: str) -> int:
    """Epoch seconds from a JSON number (an int, or a finite float rounded down)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormatError(f"{where}: the {name} is not a number of seconds.")
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > 1e12:
            raise FormatError(f"{where}: the {name} is outside 1970-01-02 … 2099-12-31.")
        return math.floor(value)
    return value
