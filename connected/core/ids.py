"""Time-ordered UUIDs (version 7, RFC 9562) for rows written in bulk.

Random (version 4) keys land on a random page of every index that holds
them, so a national import touches the whole of each index for every row and
slows as the tables grow. Version 7 keys start with the time in milliseconds,
so new rows, and the foreign keys that point at them, append at the right-hand
edge of each index instead. They are still UUIDs: the columns, the API and
the ORUK documents are unchanged, and the random part keeps them unguessable
enough for ids (they are never secrets).
"""

from __future__ import annotations

import os
import random
import threading
import time
import uuid

_VERSION = 0x7 << 76
_VARIANT = 0b10 << 62
_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, counter) of the last id given out
# Seeded from the OS. Not a CSPRNG: ids are identifiers, never secrets or access tokens.
_random = random.Random()  # noqa: S311
os.register_at_fork(after_in_child=_random.seed)  # a forked worker must not repeat its parent's ids


def uuid7(now_ns: int | None = None) -> uuid.UUID:
    """A version 7 UUID, strictly increasing within this process (a 12-bit counter orders ids in a millisecond).

    `now_ns` is the time to stamp (nanoseconds since the epoch), for tests; by default the system clock.
    """
    return uuid.UUID(int=_uuid7_int(now_ns))


def uuid7_hex() -> str:
    """The same as `uuid7().hex`, without the UUID object: a bulk load keys millions of rows, and both
    databases take the 32 hex digits as they are."""
    return f"{_uuid7_int(None):032x}"


def uuid7_hexes(count: int) -> list[str]:
    """`count` ids as `uuid7_hex` gives them, in order, for one lock and one clock read (a third of the cost:
    the bulk load keys a table's rows together)."""
    global _last
    if count <= 0:
        return []
    bits, out = _random.getrandbits, []
    with _lock:
        millis, counter = time.time_ns() // 1_000_000, -1
        if millis <= _last[0]:
            millis, counter = _last
        for _ in range(count):
            counter += 1
            if counter > 0xFFF:
                millis, counter = millis + 1, 0
            out.append(f"{(millis << 80) | _VERSION | (counter << 64) | _VARIANT | bits(62):032x}")
        _last = (millis, counter)
    return out


def _uuid7_int(now_ns: int | None) -> int:
    global _last
    with _lock:
        millis, counter = (time.time_ns() if now_ns is None else now_ns) // 1_000_000, 0
        if millis <= _last[0]:  # the same millisecond, or the clock stepped back: keep counting from the last id
            millis, counter = _last[0], _last[1] + 1
            if counter > 0xFFF:
                millis, counter = millis + 1, 0
        _last = (millis, counter)
    tail = _random.getrandbits(62)
    return (millis << 80) | _VERSION | (counter << 64) | _VARIANT | tail
