"""Backup thinning as a property over random backup times (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.store.backup_thinning import (
    DEFAULT_POLICY,
    ThinningPolicy,
    backups_to_delete,
    backups_to_keep,
)

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
times = st.lists(
    st.integers(min_value=0, max_value=3 * 365 * 24 * 3600).map(
        lambda s: START + dt.timedelta(seconds=s)
    ),
    max_size=400,
)
# Clustered times too: many backups on few days, as a busy person makes them.
clustered = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 86399)).map(
        lambda t: START + dt.timedelta(days=t[0] * 7, seconds=t[1])
    ),
    max_size=200,
)
policies = st.builds(
    ThinningPolicy,
    last=st.integers(0, 15),
    daily=st.integers(0, 12),
    weekly=st.integers(0, 10),
    monthly=st.integers(0, 14),
)


def _newest_per(kept: frozenset[dt.datetime], every: list[dt.datetime], key, count: int) -> None:
    buckets: dict[object, dt.datetime] = {}
    for time in every:
        bucket = key(time)
        buckets[bucket] = max(time, buckets.get(bucket, time))
    for bucket in sorted(buckets, key=lambda b: buckets[b], reverse=True)[:count]:
        assert buckets[bucket] in kept


@settings(max_examples=300, deadline=None)
@given(st.one_of(times, clustered), policies)
def test_thinning_keeps_what_each_rule_promises_and_nothing_else(
    every: list[dt.datetime], policy: ThinningPolicy
) -> None:
    kept = backups_to_keep(every, policy)
    unique = sorted(set(every), reverse=True)
    assert kept <= set(every)
    assert kept | backups_to_delete(every, policy) == set(every)
    assert not kept & backups_to_delete(every, policy)
    # The last N, and the newest of each of the most recent days, weeks, months.
    assert set(unique[: policy.last]) <= kept
    _newest_per(kept, unique, lambda t: t.date(), policy.daily)
    _newest_per(kept, unique, lambda t: t.isocalendar()[:2], policy.weekly)
    _newest_per(kept, unique, lambda t: (t.year, t.month), policy.monthly)
    # Bounded, whatever the history.
    assert len(kept) <= policy.last + policy.daily + policy.weekly + policy.monthly
    # Thinning again changes nothing, and the order of the input does not matter.
    assert backups_to_keep(kept, policy) == kept
    assert backups_to_keep(list(reversed(every)), policy) == kept


@settings(max_examples=200, deadline=None)
@given(times, st.integers(1, 3 * 365 * 24 * 3600))
def test_a_new_backup_is_always_kept_and_the_folder_stays_small(
    every: list[dt.datetime], later: int
) -> None:
    kept = backups_to_keep(every)
    newest = max(every, default=START) + dt.timedelta(seconds=later)
    after = backups_to_keep([*kept, newest])
    assert newest in after
    assert len(after) <= 42


def test_a_year_of_half_hourly_backups_thins_to_the_documented_counts() -> None:
    every = [START + dt.timedelta(minutes=30 * i) for i in range(365 * 48)]
    kept = sorted(backups_to_keep(every), reverse=True)
    last = every[-1]
    assert kept[:12] == sorted(every[-12:], reverse=True)
    days = {t.date() for t in kept}
    assert {last.date() - dt.timedelta(days=d) for d in range(10)} <= days
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    assert len(kept) <= sum(
        (DEFAULT_POLICY.last, DEFAULT_POLICY.daily, DEFAULT_POLICY.weekly, DEFAULT_POLICY.monthly)
    )
