"""A feed's service documents before planning: each one's feed id and its canonical hash.

Shared by the ordinary importer (`core`) and the bulk first load's worker (`bulk_rows`), so both read
documents, and report what they cannot read, in the same way.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import msgspec

from . import fields as f
from .report import ImportResult, Problem

BATCH = 500  # services written together (the ordinary path's savepoint; the bulk path keys rows in the same batches)

# The canonical JSON: keys sorted, no spaces, UTF-8. msgspec writes it three times faster than the
# standard library and byte for byte the same for what a feed decodes to, except floats with an exponent
# (1e+300 is 1e300) and NaN or infinities (null); the standard library's encoder, which wrote every stored
# hash before, takes what msgspec refuses (keys that are not text, unpaired surrogates).
_FAST = msgspec.json.Encoder(order="sorted", enc_hook=str).encode
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_json(service: Any) -> bytes:
    """The same document gives the same bytes whatever its keys' order, so an unchanged service is skipped."""
    try:
        return _FAST(service)
    except (TypeError, UnicodeEncodeError):
        return _CANONICAL.encode(service).encode("utf-8", "surrogatepass")


def canonical_hash(service: dict) -> str:
    """SHA-256 of the canonical JSON (SHA-256 measured faster here than BLAKE2b: CPUs hash it in hardware)."""
    return hashlib.sha256(canonical_json(service)).hexdigest()


def service_id(raw: Any, result: ImportResult) -> str | None:
    if not isinstance(raw, dict):
        result.problems.append(Problem("service", "", "", f"expected an object, got {type(raw).__name__}"))
        return None
    try:
        return f.identifier(raw.get("id"))
    except f.Invalid as error:
        name = raw.get("name") if isinstance(raw.get("name"), str) else ""
        result.problems.append(Problem("service", "", "id", f"{error} (service named {name[:60]!r})"))
        return None
