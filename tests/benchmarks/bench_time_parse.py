"""Benchmark: parsing time from other tools, before any database write.

Two figures, each the median of five runs in this process:

- 100,000 intervals of `timew export` JSON through `read_timew_export`
  (the whole import, DB write included, must stay ≤ 1.5 s, so parsing should
  be well under 0.7 s);
- a year of a calendar with 30 weekly meetings (1,560 instances, with the
  TZIDs, EXDATEs, moved and cancelled instances a real calendar has) through
  `read_ics`: target ≤ 1 s.

    .venv/bin/python tests/benchmarks/bench_time_parse.py     (prints the figures)
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "desktop"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

RUNS = 5
YEAR = 2024


def timew_export(count: int) -> bytes:
    """`count` intervals of 15 min to 3 h over a year, eight tag sets, as `timew export` writes."""
    tag_sets = [["hiring"], ["ops", "on call"], ["planning"], ["1:1", "team"], ["review"]]
    tag_sets += [["writing", "docs"], ["email"], ["learning", "reading", "weekly"]]
    start = int(dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC).timestamp())
    lines = []
    for i in range(count):
        begin = start + i * 300
        end = begin + 900 + (i * 7919) % 9900
        interval: dict[str, object] = {
            "id": count - i,
            "start": dt.datetime.fromtimestamp(begin, dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
            "end": dt.datetime.fromtimestamp(end, dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
            "tags": tag_sets[i % len(tag_sets)],
        }
        if i % 3 == 0:
            interval["annotation"] = f"note {i}"
        lines.append(json.dumps(interval, separators=(",", ":")))
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode()


def weekly_calendar(events: int) -> bytes:
    """`events` weekly meetings in Europe/Berlin all year, with exceptions a real calendar has."""
    body = []
    for n in range(events):
        day = 1 + n % 5  # Monday 1 January 2024 onwards
        hour = 8 + n % 9
        uid = f"weekly-{n}@example.com"
        body.append(
            "BEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nSUMMARY:Meeting {n}\r\n"
            f"DTSTART;TZID=Europe/Berlin:{YEAR}01{day:02d}T{hour:02d}0000\r\n"
            f"DTEND;TZID=Europe/Berlin:{YEAR}01{day:02d}T{hour:02d}4500\r\n"
            "RRULE:FREQ=WEEKLY\r\n"
            f"EXDATE;TZID=Europe/Berlin:{YEAR}03{day + 3:02d}T{hour:02d}0000\r\n"
            "ORGANIZER:mailto:lead@example.com\r\n"
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:lead@example.com\r\n"
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n"
            "END:VEVENT\r\n"
            "BEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nSUMMARY:Meeting {n} (moved)\r\nSEQUENCE:1\r\n"
            f"RECURRENCE-ID;TZID=Europe/Berlin:{YEAR}05{day + 5:02d}T{hour:02d}0000\r\n"
            f"DTSTART;TZID=Europe/Berlin:{YEAR}05{day + 5:02d}T{hour + 1:02d}0000\r\n"
            f"DTEND;TZID=Europe/Berlin:{YEAR}05{day + 5:02d}T{hour + 1:02d}3000\r\n"
            "END:VEVENT\r\n"
        )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rolemap bench//EN\r\n"
        "X-WR-CALNAME:Work\r\n" + "".join(body) + "END:VCALENDAR\r\n"
    ).encode()


def median_time(work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        result = None  # the last run's entries are freed before the clock starts
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(record: Callable[..., None]) -> None:
    """Both figures against their targets."""
    from rolemap.interchange.ics import read_ics
    from rolemap.interchange.timewarrior import read_timew_export

    export = timew_export(100_000)
    seconds, result = median_time(lambda: read_timew_export(export))
    assert len(getattr(result, "entries", [])) == 100_000
    record("parse 100,000 intervals of timew export JSON", seconds, "s", 0.7)

    calendar = weekly_calendar(30)
    berlin = ZoneInfo("Europe/Berlin")
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    seconds, result = median_time(lambda: read_ics(calendar, first, last, berlin))
    assert len(getattr(result, "entries", [])) > 30 * 50
    record("read a year of 30 weekly meetings from .ics", seconds, "s", 1.0)


def main() -> None:
    def show(name: str, value: float, unit: str, target: float | None, *_: object) -> None:
        verdict = "" if target is None else ("ok" if value <= target else "MISSED")
        print(f"{name:<50} {value:8.3f} {unit}  (target ≤ {target} {unit}) {verdict}")

    run(show)


if __name__ == "__main__":
    main()
