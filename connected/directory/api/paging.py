"""The ORUK page envelope: which rows a page holds, and the fields that describe it.

Pages are 1-based. An empty result is one empty page (total_pages 1), so a
harvester that asks for page `total_pages` never gets an error. A page past
the end is answered, empty, rather than refused: harvesters that read until
an empty page stop cleanly. `size` is the number of items on this page, as
the profile's OpenAPI describes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def total_pages(total_items: int, per_page: int) -> int:
    return max(1, -(-total_items // per_page))


def page_meta(total_items: int, page: int, per_page: int, size: int) -> dict[str, Any]:
    """The page fields (everything but `contents`)."""
    pages = total_pages(total_items, per_page)
    return {
        "total_items": total_items,
        "total_pages": pages,
        "page_number": page,
        "size": size,
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": size == 0,
    }


def page_bounds(total_items: int, page: int, per_page: int) -> tuple[int, int]:
    """The [start, stop) slice of the ordered rows that page `page` holds."""
    start = min((page - 1) * per_page, total_items)
    return start, min(start + per_page, total_items)


def paginate(rows: QuerySet, page: int, per_page: int) -> tuple[list, int]:
    """One COUNT and one slice of an ordered queryset: the page's rows and the total."""
    total = rows.count()
    start, stop = page_bounds(total, page, per_page)
    return (list(rows[start:stop]) if stop > start else []), total


def envelope(contents: Sequence[dict[str, Any]], total_items: int, page: int, per_page: int) -> dict[str, Any]:
    return page_meta(total_items, page, per_page, len(contents)) | {"contents": list(contents)}
