"""Which backups to keep: the last few, then one per day, per week and per month.

A pure function over backup times (UTC), in the manner of restic's
`forget --keep-last/--keep-daily/...`: `daily=10` keeps the newest backup of
each of the 10 most recent days that have a backup (not of the last 10
calendar days), so a person who opens Rolemap once a month still keeps
months of history. The rules add up: a backup kept by any rule stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ThinningPolicy:
    """How many backups each rule keeps."""

    last: int = 12
    daily: int = 10
    weekly: int = 8
    monthly: int = 12


DEFAULT_POLICY = ThinningPolicy()


def _day(time: dt.datetime) -> Hashable:
    return time.date()


def _week(time: dt.datetime) -> Hashable:
    year, week, _ = time.isocalendar()
    return (year, week)


def _month(time: dt.datetime) -> Hashable:
    return (time.year, time.month)


def backups_to_keep(
    times: Iterable[dt.datetime], policy: ThinningPolicy = DEFAULT_POLICY
) -> frozenset[dt.datetime]:
    """The backup times to keep; every other time may be deleted.

    Args:
        times: when each backup was taken (aware UTC datetimes, or all naive UTC).
        policy: how many to keep per rule.

    Returns:
        A subset of `times`: the `last` newest, plus the newest of each of the
        `daily` most recent days, `weekly` most recent ISO weeks and `monthly`
        most recent months that have backups.
    """
    newest_first = sorted(set(times), reverse=True)
    keep = set(newest_first[: max(policy.last, 0)])
    rules: tuple[tuple[Callable[[dt.datetime], Hashable], int], ...] = (
        (_day, policy.daily),
        (_week, policy.weekly),
        (_month, policy.monthly),
    )
    for bucket_of, count in rules:
        seen: set[Hashable] = set()
        for time in newest_first:
            if len(seen) >= count:
                break
            bucket = bucket_of(time)
            if bucket not in seen:
                seen.add(bucket)
                keep.add(time)
    return frozenset(keep)


def backups_to_delete(
    times: Iterable[dt.datetime], policy: ThinningPolicy = DEFAULT_POLICY
) -> frozenset[dt.datetime]:
    """The complement of `backups_to_keep`."""
    every = frozenset(times)
    return every - backups_to_keep(every, policy)
