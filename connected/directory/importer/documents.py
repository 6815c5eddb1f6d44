"""A feed's service documents before planning: each one's feed id and its canonical hash.

Shared by the ordinary importer (`core`) and the bulk first load's worker (`bulk_rows`), so both read
documents, and report what they cannot read, in the same way.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import fields as f
from .report import ImportResult, Problem

BATCH = 500  # services written together (the ordinary path's savepoint; the bulk path keys rows in the same batches)

# One encoder, built once: json.dumps would build a new one per call for these options.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_hash(service: dict) -> str:
    """SHA-256 of the canonical JSON (SHA-256 measured faster here than BLAKE2b: CPUs hash it in hardware)."""
    return hashlib.sha256(_CANONICAL.encode(service).encode("utf-8", "surrogatepass")).hexdigest()


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
