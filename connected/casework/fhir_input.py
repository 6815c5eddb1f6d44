"""Reading a FHIR request body safely: size, JSON syntax, nesting depth and characters, before any parsing.

Everything here runs before `fhir.parse_*` or the database sees the data, so a
hostile body (gigabytes, 100,000 nested arrays, NaN, a NUL byte PostgreSQL
cannot store) is a 400 or 413 OperationOutcome, never a RecursionError or a
database error (a 500).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

from .fhir import FhirError, issue

# Far deeper than any real Bundle (a BaRS message is about 10 levels), far shallower than Python's recursion limit.
MAX_DEPTH = 64
# Text PostgreSQL cannot hold (NUL) or UTF-8 cannot encode (a lone surrogate from a "\ud800" escape).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE = "Text must not hold a NUL character or an unpaired surrogate"


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


def read_json(request: HttpRequest) -> Any:
    """The request body as checked JSON, or a FhirError (413 past the upload limit, else 400)."""
    try:
        body = request.body
    except RequestDataTooBig:
        raise FhirError(413, [issue("Bundle", "The body is too large", "too-costly")]) from None
    try:
        data = json.loads(body or b"null", parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise FhirError(400, [issue("Bundle", f"JSON nests deeper than {MAX_DEPTH} levels", "structure")]) from None
    except (ValueError, UnicodeDecodeError):
        raise FhirError(400, [issue("Bundle", "The body is not JSON", "structure")]) from None
    kind = data.get("resourceType") if isinstance(data, dict) else None
    check_shape(data, kind if kind in ("Bundle", "ServiceRequest") else "Bundle")
    return data


def _path(nodes: list[tuple[int, str]], index: int) -> str:
    parts = []
    while index >= 0:
        parent, step = nodes[index]
        parts.append(step)
        index = parent
    return "".join(reversed(parts))


def check_shape(data: Any, root: str = "Bundle") -> None:
    """Refuse JSON nested past MAX_DEPTH or holding unstorable text; iterative, so depth cannot overflow the stack."""
    nodes: list[tuple[int, str]] = [(-1, root)]  # (parent node, step from it), to name the element only on error
    stack: list[tuple[Any, int, int]] = [(data, 1, 0)]
    while stack:
        value, depth, node = stack.pop()
        if isinstance(value, str):
            if _UNSTORABLE.search(value):
                raise FhirError(400, [issue(_path(nodes, node), UNSTORABLE, "value")])
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise FhirError(400, [issue(_path(nodes, node), f"JSON nests deeper than {MAX_DEPTH} levels", "structure")])
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            if isinstance(key, str) and _UNSTORABLE.search(key):
                raise FhirError(400, [issue(_path(nodes, node), f"A name: {UNSTORABLE}", "value")])
            nodes.append((node, f".{key}" if isinstance(key, str) else f"[{key}]"))
            stack.append((child, depth + 1, len(nodes) - 1))
