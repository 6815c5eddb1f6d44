"""Places nearest first: filter, count and order candidates on slim columns without reading their wide rows.

See docs/adr/0016-search-narrow-ranking.md (where this was called "narrow" ranking). Each backend gives
`slim_from` (rows in the box with only position and filter columns) and `slim_text`; `backends.base.Backend`
supplies the shared SQL pieces (filters, distance, `_run`, `_with_details`).
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from connected.core.places import bounding_box

if TYPE_CHECKING:
    from connected.directory.search.query import Prepared

TIE_SLACK = 64  # rows fetched past the page so that ties at its edge (same metre) are usually in hand
SLIM_MAX_ROWS = 5_000  # deeper pages rank with the wide rows (one query) rather than a long IN list
# Up to this many ranked rows, their tie-break keys and their wide columns come back in one statement (one round
# trip fewer; a round trip to PostgreSQL is 0.1 ms on a quiet machine and milliseconds on a loaded one).
WIDE_WITH_KEYS_MAX = 400
COLUMNS = (
    "id", "entry_key", "service_id", "location_id", "service_name", "organization_name", "location_name", "address",
    "postcode", "latitude", "longitude", "term_mask", "is_free", "delivery_mask", "access_mask", "day_mask",
    "min_age", "max_age", "rules", "also_listed_by",
)  # fmt: skip


class DistanceRanking:
    """Mixed into `Backend`: the path `search` takes for places within a radius, ranked on slim columns."""

    slim_ranks_words = True  # False: queries with words rank with the wide rows (`_ranked`)
    slim_count_in_window = False  # True: count every candidate in the ranking pass, not in a second scan

    def _slim_where(self, p: Prepared) -> tuple[str, list]:
        """FROM ... WHERE ... over alias e: slim rows in p's box passing its text and filters."""
        filters, fparams = self.filters_sql(p)
        source, sparams = self.slim_from(p)
        text, tparams = self.slim_text(p)
        return f"{source} AND {text} AND {filters}", [*sparams, *tparams, *fparams]

    def _by_metre(self, p: Prepared, where: tuple[str, list] | None = None) -> tuple[str, list]:
        """Slim candidates within p's radius passing text and filters: id, distance and whole metre `k`.

        `where` is `_slim_where(p)` when the caller has it already."""
        where, wparams = where or self._slim_where(p)
        dist, dparams = self.distance_sql(p)
        return (
            f"SELECT q.id, q.dist, floor(q.dist * 1000) AS k FROM (SELECT e.id, {dist} AS dist {where}) q "
            "WHERE q.dist <= %s",
            [*dparams, *wparams, p.query.radius_km],
        )

    def _nearest_within(self, p: Prepared, want: int, total: int) -> list[dict]:
        """The nearest rows from a smaller circle when the full one holds many more than the page needs.

        The circle is sized so that evenly spread rows would give it twice what is fetched. Its answer is used
        only when it is full and its last row is beyond the page's last metre: then every row outside it, or
        left out of it, is farther than the page's last row, so nothing the page needs is missing. When rows
        tie at that metre past the fetched ones (a venue with many groups) and the whole metre lies inside the
        small circle, every row up to that metre is taken from it. Otherwise [] (the caller ranks the full
        circle).
        """
        fetch = want + TIE_SLACK
        if total <= 2 * fetch:
            return []
        radius = p.query.radius_km * math.sqrt(2 * fetch / total)
        q = replace(p.query, radius_km=radius)
        small = replace(p, query=q, box=bounding_box(q.latitude, q.longitude, radius))
        ranked, params = self._by_metre(small)
        top = self._run(f"{ranked} ORDER BY k LIMIT %s", [*params, fetch])
        if len(top) < fetch:
            return []
        boundary = top[want - 1]["k"]
        if top[-1]["k"] > boundary:
            return top
        if (boundary + 1) / 1000 <= radius:  # every row of the page's last metre is in the small circle
            return self._run(f"{ranked} AND floor(q.dist * 1000) <= %s ORDER BY k", [*params, boundary])
        return []

    def _ranked_by_distance(self, p: Prepared, limit: int, offset: int) -> tuple[list[dict], int]:
        """Places within the radius: filter, count and rank on the slim data alone.

        The total is a COUNT; the page is the nearest offset+limit rows by whole metres (a bounded sort), plus
        any rows tied with the last of them, ordered by relevance, name and key from their wide rows. Only those
        rows' wide data is read. The same order as `_ranked`, whose relevance only breaks ties within a metre.
        """
        where = self._slim_where(p)
        ranked, params = self._by_metre(p, where)
        want = offset + limit
        if p.stems or self.slim_count_in_window:
            # Words leave few candidates: count them in the same pass (the text index is probed once).
            top = self._run(
                f"{ranked.replace(' AS k ', ' AS k, COUNT(*) OVER () AS n ', 1)} ORDER BY k LIMIT %s",
                [*params, want + TIE_SLACK],
            )
            total = top[0]["n"] if top else 0
        else:
            # Many candidates: a COUNT and a bounded sort are cheaper than holding every row for a window.
            within, iparams = self.within_sql(p)
            total = self._run(f"SELECT COUNT(*) AS n {where[0]} AND {within}", [*where[1], *iparams])[0]["n"]
            top = self._nearest_within(p, want, total) if offset < total else []
            if offset < total and not top:
                top = self._run(f"{ranked} ORDER BY k LIMIT %s", [*params, want + TIE_SLACK])
        if offset >= total:
            return [], total
        if len(top) > want:
            boundary = top[want - 1]["k"]
            # More rows tied at the page's edge than the slack holds: take every row up to that metre.
            if len(top) == want + TIE_SLACK and top[-1]["k"] == boundary:
                top = self._run(f"{ranked} AND floor(q.dist * 1000) <= %s", [*params, boundary])
            top = [r for r in top if r["k"] <= boundary]
        marks = ",".join(["%s"] * len(top))
        tokens = [f" {s} " for s in p.stems]
        wide = len(top) <= WIDE_WITH_KEYS_MAX  # the page's wide columns in the same statement as the keys
        columns = ", ".join(dict.fromkeys((*(COLUMNS if wide else ("id", "entry_key")), "name_stems", "sort_name")))
        rows = {
            r["id"]: r
            for r in self._run(
                f"SELECT {columns} FROM directory_search_entry WHERE id IN ({marks})", [r["id"] for r in top]
            )
        }
        keys = {
            i: (-sum(t in w["name_stems"] for t in tokens), w["sort_name"], w["entry_key"]) for i, w in rows.items()
        }
        # Relevance as `relevance_sql` counts it (whole tokens in the name). Python orders str by code point,
        # which is UTF-8 byte order: SQLite's BINARY collation and PostgreSQL's "C".
        top.sort(key=lambda r: (r["k"], *keys[r["id"]]))
        page = [{"id": r["id"], "dist": r["dist"], "rel": -keys[r["id"]][0]} for r in top[offset:want]]
        if wide:
            return [{**rows[r["id"]], **r} for r in page], total
        return self._with_details(page), total
