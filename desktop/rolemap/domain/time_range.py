"""The one range of time Rolemap keeps, for every way in: the editor, the command line, files.

The daily roll-up (store/rollup.py) covers 1970–2100, a year beyond the last
day allowed here, so every entry that any way in accepts shows in the figures.
"""

from __future__ import annotations

import datetime as dt

from rolemap.domain.errors import InvalidValueError

FIRST_DAY = dt.date(1970, 1, 2)
LAST_DAY = dt.date(2099, 12, 31)
EARLIEST = int(dt.datetime(1970, 1, 2, tzinfo=dt.UTC).timestamp())
LATEST = int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp())  # no entry ends later
RANGE_TEXT = "Rolemap keeps times from 1970 to 2099"


def check_start(start: int) -> int:
    """A start time (UTC epoch seconds) in the range Rolemap keeps."""
    if isinstance(start, bool) or not EARLIEST <= start < LATEST:
        raise InvalidValueError(f"That time is outside the range: {RANGE_TEXT}.")
    return int(start)


def check_day(day: dt.date) -> dt.date:
    """A local date in the range Rolemap keeps."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValueError(f"{day.isoformat()} is outside the range: {RANGE_TEXT}.")
    return day
