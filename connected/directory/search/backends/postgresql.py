"""PostgreSQL: a GiST index on a point narrows by position; a GIN index on a tsvector answers text.

The tsvector is built with the 'simple' configuration from text that is
already stemmed in Python, so PostgreSQL matches exactly the tokens SQLite does.
"""

from __future__ import annotations

from connected.directory.search.backends.base import Backend
from connected.directory.search.query import Prepared


class PostgreSQLBackend(Backend):
    vendor = "postgresql"
    # Measured at 500k: words checked on the heap row (tsv) are cheaper ranked in one pass with the wide rows.
    slim_ranks_words = False
    # One index-only scan with a window count beats a COUNT scan plus a top-N scan (SQLite is the other way).
    slim_count_in_window = True
    # Words from the vocabulary cached in this process, its version checked in the ranking statement (base.py).
    vocab_in_statement = True

    def has_token_sql(self, column: str) -> str:
        return f"strpos({column}, %s) > 0"

    def located_from(self, p: Prepared) -> tuple[str, list]:
        min_lat, max_lat, min_lon, max_lon = p.box
        return (
            "FROM directory_search_entry e WHERE e.pt <@ box(point(%s, %s), point(%s, %s))",
            [min_lon, min_lat, max_lon, max_lat],
        )

    def _tsquery(self, p: Prepared) -> tuple[str, list]:
        return "e.tsv @@ to_tsquery('simple', %s)", [(" | " if p.query.any_words else " & ").join(p.stems)]

    def located_text(self, p: Prepared) -> tuple[str, list]:
        if not p.stems:
            return "1 = 1", []
        return self._tsquery(p)

    def text_only_from(self, p: Prepared) -> tuple[str, list]:
        if not p.stems:
            return "FROM directory_search_entry e WHERE 1 = 1", []
        sql, params = self._tsquery(p)
        return f"FROM directory_search_entry e WHERE {sql}", params

    def slim_from(self, p: Prepared) -> tuple[str, list]:
        # The GiST index INCLUDEs id, position and the filter columns (migration 0004).
        return self.located_from(p)

    def slim_text(self, p: Prepared) -> tuple[str, list]:
        return self.located_text(p)
