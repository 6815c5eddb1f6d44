"""Harvesting a whole directory: `format=ndjson` streams every matching item, one JSON object a line.

No pages: the rows are read in keyset order (by primary key, `CHUNK` at a time, each chunk a fresh
`pk > last` query through the primary key's index), so memory stays constant whatever the directory's size
and a harvester that reads slowly holds no cursor or transaction open between chunks. Items are those of
the list form, the full form (`full=true`) or HSDS's `minimal` form. An item deleted meanwhile is skipped;
one added behind the keyset is not seen (harvest again with `modified_after`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from connected.directory import models as m

from .serializers import iso_datetime

CHUNK = 500
NDJSON = "application/x-ndjson"
FORMATS = ("json", "ndjson")
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def minimal(row: m.Service) -> dict[str, Any]:
    """HSDS's minimal item: the id and when it last changed (at its source, or here when that is later)."""
    changed = max((t for t in (row.last_modified, row.imported_at) if t is not None), default=None)
    return {"id": str(row.id), "last_modified": iso_datetime(changed), "modified_date": iso_datetime(changed)}


def _lines(rows: QuerySet, items: Callable[[list], list[dict[str, Any]]]) -> Iterator[bytes]:
    rows = rows.order_by("pk")
    last = None
    while True:
        chunk = list((rows if last is None else rows.filter(pk__gt=last))[:CHUNK])
        if not chunk:
            return
        yield "".join(_ENCODER.encode(item) + "\n" for item in items(chunk)).encode()
        if len(chunk) < CHUNK:
            return
        last = chunk[-1].pk


def stream(rows: QuerySet, items: Callable[[list], list[dict[str, Any]]]) -> StreamingHttpResponse:
    """Every row of `rows` (order ignored: by id), each written by `items` a chunk at a time."""
    response = StreamingHttpResponse(_lines(rows, items), content_type=NDJSON)
    response["Cache-Control"] = "no-store"
    return response
