"""Time-ordered ids: always increasing, always valid version 7 UUIDs, whatever the clock does."""

from __future__ import annotations

import itertools
import uuid

from hypothesis import given
from hypothesis import strategies as st

from connected.core.ids import uuid7, uuid7_hex, uuid7_hexes

# Milliseconds from 1970 to well past 2100, as nanoseconds; repeats and steps back included.
CLOCK = st.lists(st.integers(min_value=0, max_value=2**47).map(lambda ms: ms * 1_000_000), min_size=1, max_size=300)


@given(CLOCK)
def test_ids_increase_and_are_version_7_whatever_the_clock_reads(readings):
    ids = [uuid7(now) for now in readings]
    assert all(a < b for a, b in itertools.pairwise(ids))
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids)


def test_the_id_starts_with_the_millisecond_it_was_made_in():
    later = (2**47 + 10**9) * 1_000_000  # ahead of every other test's stamps, so nothing to count on from
    made = uuid7(later)
    assert made.int >> 80 == later // 1_000_000


def test_thousands_in_one_millisecond_stay_unique_and_ordered():
    moment = (2**47 + 5_000) * 1_000_000
    ids = [uuid7(moment) for _ in range(10_000)]  # more than the 4,096 the counter holds: it moves to the next ms
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert ids[-1].int >> 80 > moment // 1_000_000


def test_hex_ids_are_the_same_sequence_as_uuid_objects():
    ids = [uuid7(), uuid7_hex(), uuid7(), uuid7_hex()]
    as_uuids = [i if isinstance(i, uuid.UUID) else uuid.UUID(hex=i) for i in ids]
    assert as_uuids == sorted(as_uuids) and len(set(as_uuids)) == 4
    assert all(len(i) == 32 and uuid.UUID(hex=i).version == 7 for i in ids[1::2])


@given(st.lists(st.integers(min_value=0, max_value=5_000), min_size=1, max_size=6))
def test_batches_continue_the_one_sequence(sizes):
    ids = [uuid7_hex()]
    for size in sizes:  # batches past the 4,096 a millisecond's counter holds, and empty ones
        batch = uuid7_hexes(size)
        assert len(batch) == size
        ids += [*batch, uuid7_hex()]
    assert all(len(i) == 32 for i in ids)
    as_uuids = [uuid.UUID(hex=i) for i in ids]
    assert as_uuids == sorted(as_uuids) and len(set(as_uuids)) == len(ids)
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in as_uuids)
