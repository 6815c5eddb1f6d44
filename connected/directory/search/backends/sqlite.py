"""SQLite: an R*Tree narrows by position first, then whole-token checks run on those candidates only.

FTS5 answers text searches with no point. Letting FTS5 run first when there is
a point costs two orders of magnitude at national scale (common words match
tens of thousands of rows), so with a point the text is checked per candidate.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from django.db import connection

from connected.directory.search.backends.base import Backend
from connected.directory.search.query import Prepared, SearchQuery
from connected.directory.search.results import SearchPage

# Below this many listings for the query's rarest word, the R*Tree's candidates are intersected with FTS5's
# row ids before any row is read; above it, building that set costs more than checking each candidate's text.
FTS_INTERSECT_MAX = 60_000
MMAP_BYTES = 2 * 1024**3
# directory_search_geo's cell: bands of 1/GRID_PER_DEGREE degree of latitude, GRID_ROW cells apart (migration 0004).
GRID_PER_DEGREE = 50
GRID_ROW = 20_000

DELETE_TRIGGER = """
CREATE TRIGGER directory_search_entry_ad AFTER DELETE ON directory_search_entry BEGIN
    INSERT INTO directory_search_fts (directory_search_fts, rowid, stems) VALUES ('delete', old.id, old.stems);
    DELETE FROM directory_search_rtree WHERE id = old.id;
    DELETE FROM directory_search_geo WHERE cell = CAST((old.latitude + 90) * 50 AS INTEGER) * 20000
        + CAST((old.longitude + 180) * 50 AS INTEGER) AND id = old.id;
    DELETE FROM directory_search_session WHERE entry_id = old.id;
    DELETE FROM directory_search_term WHERE entry_id = old.id;
END
"""


class SQLiteBackend(Backend):
    vendor = "sqlite"
    _intersected: Prepared | None = None  # the query whose located candidates FTS5 has already narrowed

    def has_token_sql(self, column: str) -> str:
        return f"instr({column}, %s) > 0"

    def search(self, q: SearchQuery, now=None) -> SearchPage:
        with connection.cursor() as cursor:
            # Memory-mapped reads: the index is read in runs of pages, straight from the OS page cache.
            cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        return super().search(q, now)

    def _rarest(self, p: Prepared) -> int:
        marks = ",".join(["%s"] * len(p.stems))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {'SUM' if p.query.any_words else 'MIN'}(n) FROM "
                f"(SELECT SUM(df) AS n FROM directory_search_vocab WHERE stem IN ({marks}) GROUP BY stem)",
                list(p.stems),
            )
            row = cursor.fetchone()
        return row[0] if row and row[0] is not None else 0

    def located_from(self, p: Prepared) -> tuple[str, list]:
        # CROSS JOIN fixes the join order: the R*Tree drives.
        sql = (
            "FROM directory_search_rtree r CROSS JOIN directory_search_entry e ON e.id = r.id "
            "WHERE r.min_lat >= %s AND r.max_lat <= %s AND r.min_lon >= %s AND r.max_lon <= %s"
        )
        params = list(p.box)
        if p.stems and self._rarest(p) <= FTS_INTERSECT_MAX:
            self._intersected = p
            # Checked on the R*Tree's ids, before the row is read.
            sql += " AND +r.id IN (SELECT rowid FROM directory_search_fts WHERE directory_search_fts MATCH %s)"
            params.append(self._match(p))
        return sql, params

    def slim_from(self, p: Prepared) -> tuple[str, list]:
        # One range scan per band of the grid the box crosses, over rows stored in map order (migration 0004).
        min_lat, max_lat, min_lon, max_lon = p.box
        first, last = (max(0, int((v + 90) * GRID_PER_DEGREE)) for v in (min_lat, max_lat))
        west = max(0, int((min_lon + 180) * GRID_PER_DEGREE))
        east = min(GRID_ROW - 1, int((max_lon + 180) * GRID_PER_DEGREE))
        bands = [(row * GRID_ROW + west, row * GRID_ROW + east) for row in range(first, last + 1)]
        values = ",".join(["(%s, %s)"] * len(bands))
        return (
            f"FROM (VALUES {values}) AS b CROSS JOIN directory_search_geo e "
            "ON e.cell BETWEEN b.column1 AND b.column2 "
            "WHERE e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s",
            [*(v for band in bands for v in band), min_lat, max_lat, min_lon, max_lon],
        )

    def slim_text(self, p: Prepared) -> tuple[str, list]:
        if not p.stems:
            return "1 = 1", []
        return (
            "e.id IN (SELECT rowid FROM directory_search_fts WHERE directory_search_fts MATCH %s)",
            [self._match(p)],
        )

    @staticmethod
    def _match(p: Prepared) -> str:
        join = " OR " if p.query.any_words else " AND "
        return join.join(f'"{s}"' for s in p.stems)  # stems are [a-z0-9]+ only, so quoting is safe

    def located_text(self, p: Prepared) -> tuple[str, list]:
        if self._intersected is p:
            return "1 = 1", []  # FTS5 already checked these candidates' words
        return self.remote_text(p)

    def remote_text(self, p: Prepared) -> tuple[str, list]:
        if not p.stems:
            return "1 = 1", []
        test = (" OR " if p.query.any_words else " AND ").join(self.has_token_sql("e.stems") for _ in p.stems)
        return f"({test})", [f" {s} " for s in p.stems]

    def text_only_total(self, p: Prepared) -> int | None:
        if not p.stems or self.filters_sql(p)[0] != "1 = 1":
            return None
        # Words and no filters: FTS5 counts its matches without reading a row (its rows are the listings', kept in
        # step by triggers), and the page is then a sort with a limit, not a window over every match, which
        # SQLite holds in full before sorting: at 500k services, 80 to 130 ms instead of 250 for a common word.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM directory_search_fts WHERE directory_search_fts MATCH %s", [self._match(p)]
            )
            return cursor.fetchone()[0]

    def text_only_from(self, p: Prepared) -> tuple[str, list]:
        if not p.stems:
            return "FROM directory_search_entry e WHERE 1 = 1", []
        return (
            "FROM directory_search_entry e WHERE e.id IN "
            "(SELECT rowid FROM directory_search_fts WHERE directory_search_fts MATCH %s)",
            [self._match(p)],
        )
