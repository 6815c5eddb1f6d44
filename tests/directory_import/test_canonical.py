"""The canonical JSON behind each document's hash: the fast encoder writes what the old one wrote.

Stored hashes decide which services a re-import skips, so a byte of difference on ordinary documents
would make every service of every feed look changed once after an upgrade.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math

from hypothesis import example, given
from hypothesis import strategies as st

from connected.demo.directory import generate_services
from connected.directory.importer.documents import canonical_hash, canonical_json
from connected.directory.importer.mapping import row_digest

STDLIB = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def stdlib_json(value) -> bytes:
    return STDLIB.encode(value).encode("utf-8", "surrogatepass")


def plain_float(x: float) -> bool:
    """Floats that JSON writes without an exponent (the one place the two encoders differ)."""
    return math.isfinite(x) and "e" not in repr(x)


text = st.text(st.characters(exclude_categories=["Cs"]))  # what JSON decoding gives: no unpaired surrogates
scalars = st.none() | st.booleans() | st.integers() | st.floats().filter(plain_float) | text
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4))


@given(documents)
@example({"é": 1, "e": 2, "E": 3, "😀": 4, "\uffff": 5, '\x7f\u2028\x00\x1f\b\f\n\r\t"\\': [0.1, -0.0, 10**30]})
def test_the_fast_encoder_writes_the_old_bytes(document) -> None:
    assert canonical_json(document) == stdlib_json(document)


@given(st.dictionaries(text, scalars, min_size=2), st.randoms())
def test_key_order_does_not_change_the_hash(document, random) -> None:
    keys = list(document)
    random.shuffle(keys)
    assert canonical_hash({key: document[key] for key in keys}) == canonical_hash(document)


def test_what_msgspec_refuses_takes_the_old_encoder() -> None:
    for document in ({1: "a key that is not text"}, {"name": "\ud800 unpaired"}):
        assert canonical_json(document) == stdlib_json(document)


def test_generated_services_hash_as_before() -> None:
    for service in generate_services(200, seed=3):
        assert canonical_hash(service) == hashlib.sha256(stdlib_json(service)).hexdigest()


# A planned record's fields, each of one cleaner's type (or missing), and its parents.
FIELDS = {
    "name": text, "amount": st.decimals(allow_nan=False), "opens_at": st.times(), "valid_from": st.dates(),
    "updated": st.datetimes(timezones=st.just(datetime.UTC)), "latitude": st.floats(allow_nan=False),
    "flag": st.booleans(), "code": st.integers(-(2**70), 2**70),  # past 64 bits: the repr() fallback
}  # fmt: skip
records = st.fixed_dictionaries({}, optional={k: st.none() | kind for k, kind in FIELDS.items()}).filter(bool)
parents = st.dictionaries(st.sampled_from(["service", "location"]), st.none() | st.tuples(text, text), max_size=2)


@given(records, parents, st.data())
def test_a_record_digest_follows_its_content(values, refs, data) -> None:
    digest = row_digest(values, refs)
    assert len(digest) == 40 and digest == row_digest(dict(values), dict(refs))
    key = data.draw(st.sampled_from(sorted(values)))
    other = data.draw((st.none() | FIELDS[key]).filter(lambda v: repr(v) != repr(values[key])))
    assert row_digest({**values, key: other}, refs) != digest
