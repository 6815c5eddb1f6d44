"""Hypothesis strategies for arbitrary JSON bodies, shared by the FHIR and measures API fuzz tests.

HYPOTHESIS_FUZZ_EXAMPLES sets how many bodies each fuzz test sends (60 by default, so CI stays quick);
run more with e.g. `HYPOTHESIS_FUZZ_EXAMPLES=2000 pytest tests/casework/test_fhir_fuzz.py`.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", "60"))
# Function-scoped fixtures (the database, a token) are shared across examples on purpose: each example
# is one more request to the same server, and none of them may be a 500 whatever came before.
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that has broken parsers and databases before: NUL, lone surrogates, long runs, digits, odd spaces.
awkward_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "\x00", "\ud800", "urn:uuid:patient-1", "#p1", "1e999", "\u202e", " "]),
    st.integers(min_value=1, max_value=3000).map(lambda n: "x" * n),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), awkward_text
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(awkward_text, children, max_size=4),
    max_leaves=20,
)


def _holds(target: Any, key: Any) -> bool:
    if isinstance(target, dict):
        return key in target
    return isinstance(target, list) and isinstance(key, int) and key < len(target)


def _set(data: Any, path: str, value: Any) -> Any:
    """`data` with the element at a dotted path replaced; a path the data no longer has is skipped."""
    target = data
    *parents, last = path.split(".")
    for part in parents:
        key: Any = int(part) if part.isdigit() else part
        if not _holds(target, key):
            return data
        target = target[key]
    key = int(last) if last.isdigit() else last
    if isinstance(target, dict) or _holds(target, key):
        target[key] = value
    return data


def mutated(sample: dict, paths: list[str]) -> st.SearchStrategy[dict]:
    """`sample` with one to three of its known slots given arbitrary JSON, so bodies get past the first check."""
    changes = st.lists(st.tuples(st.sampled_from(paths), json_values), min_size=1, max_size=3)

    def apply(pairs: list[tuple[str, Any]]) -> dict:
        data = copy.deepcopy(sample)
        for path, value in pairs:
            data = _set(data, path, value)
        return data

    return changes.map(apply)


class Raw(str):
    """A body sent as it is, not JSON-encoded (json.dumps itself cannot write very deep nesting)."""


def nested(depth: int) -> Raw:
    """JSON arrays nested `depth` deep, past any sane limit when depth is large."""
    return Raw("[" * depth + "1" + "]" * depth)


def encoded(body: Any) -> str:
    """The request body for a generated value."""
    return body if isinstance(body, Raw) else json.dumps(body)
