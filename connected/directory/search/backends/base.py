"""The SQL both databases share: filters, distance, relevance, ranking and paging over the search index.

A backend subclass only says how to narrow candidates (spatial index, text index) and how to test a token;
everything else is the same SQL on both, so the answers are the same. The query's checks live in `query`,
the nearest-first ranking of places in `ranking`, and shaping rows for people in `results`.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import connection
from django.utils import timezone

from connected.core.places import EARTH_RADIUS_KM
from connected.directory.search.masks import REMOTE
from connected.directory.search.query import Prepared, SearchQuery, planar_bounds, prepare
from connected.directory.search.ranking import COLUMNS, SLIM_MAX_ROWS, DistanceRanking
from connected.directory.search.results import SearchPage, result
from connected.directory.search.text import QueryWord, correct, stem


class Backend(DistanceRanking):
    """Answers a SearchQuery on one database; subclasses give the vendor-specific pieces."""

    vendor = ""

    # --- vendor pieces -----------------------------------------------------------------------------------------

    def has_token_sql(self, column: str) -> str:
        raise NotImplementedError

    def located_from(self, p: Prepared) -> tuple[str, list]:
        """FROM ... WHERE ... narrowing to rows inside the query's box (alias e); text is checked separately."""
        raise NotImplementedError

    def located_text(self, p: Prepared) -> tuple[str, list]:
        """Text test for rows already narrowed by position."""
        raise NotImplementedError

    def text_only_from(self, p: Prepared) -> tuple[str, list]:
        """FROM ... WHERE ... narrowing by text (no point), through the text index."""
        raise NotImplementedError

    def slim_from(self, p: Prepared) -> tuple[str, list]:
        """FROM ... WHERE ... over alias e for rows inside the box, reading only position and filter columns."""
        raise NotImplementedError

    def slim_text(self, p: Prepared) -> tuple[str, list]:
        """Text test for `slim_from`'s rows."""
        raise NotImplementedError

    # --- shared ------------------------------------------------------------------------------------------------

    def prepare(self, q: SearchQuery) -> Prepared:
        return prepare(q, self.correct_words)

    # True (PostgreSQL): inside `search`, words are resolved against the vocabulary cached in this process, with
    # no statement of their own, and the statement that ranks the rows reads the vocabulary's version too; when
    # it has moved on, the search is answered again from the table. One round trip fewer a query with words.
    vocab_in_statement = False
    _optimistic = False  # set by `search` around its own preparation only
    _assumed: int | None = None  # the vocabulary version this search's words were resolved against, unchecked

    def correct_words(self, typed: list[str]) -> list[QueryWord]:
        wanted = sorted({stem(w) for w in typed})
        cached = Backend._vocab_cache.get(self._vocab_key()) if self._optimistic else None
        if cached:
            self._assumed = cached[0]
            known = {s for s in wanted if s in cached[2]}
            return correct(typed, known, cached[1] if len(known) < len(wanted) else [])
        with connection.cursor() as cursor:
            marks = ",".join(["%s"] * len(wanted))
            cursor.execute(f"SELECT DISTINCT stem FROM directory_search_vocab WHERE stem IN ({marks})", wanted)
            known = {r[0] for r in cursor.fetchall()}
            unknown = any(stem(w) not in known for w in typed)
            vocabulary = self.vocabulary(cursor) if unknown or self._optimistic else []
        return correct(typed, known, vocabulary if unknown else [])

    _vocab_cache: dict[tuple, tuple[int, list, frozenset]] = {}

    @staticmethod
    def _vocab_key() -> tuple:
        return (connection.vendor, connection.settings_dict["NAME"])

    def _vocab_version(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM directory_search_meta WHERE key = 'version'")
            row = cursor.fetchone()
        return row[0] if row else 0

    def vocabulary(self, cursor) -> list[tuple[str, str, int]]:
        version = self._vocab_version()
        cached = Backend._vocab_cache.get(self._vocab_key())
        if cached and cached[0] == version:
            return cached[1]
        cursor.execute("SELECT word, stem, df FROM directory_search_vocab ORDER BY word")
        vocab = [tuple(r) for r in cursor.fetchall()]
        Backend._vocab_cache[self._vocab_key()] = (version, vocab, frozenset(s for _, s, _ in vocab))
        return vocab

    def filters_sql(self, p: Prepared) -> tuple[str, list]:
        parts, params = [], []
        if p.term_mask:
            parts.append("(e.term_mask & %s) <> 0")
            params.append(p.term_mask)
        if p.term_ids:
            parts.append(
                "EXISTS (SELECT 1 FROM directory_search_term t WHERE t.entry_id = e.id "
                f"AND t.term_id IN ({','.join(['%s'] * len(p.term_ids))}))"
            )
            params.extend(p.term_ids)
        if p.query.taxonomy_ids:
            # Any term of these taxonomies, as the directory files them now (an uncorrelated set, worked out once).
            marks = ",".join(["CAST(%s AS uuid)" if self.vendor == "postgresql" else "%s"] * len(p.query.taxonomy_ids))
            term = "CAST(t.term_id AS uuid)" if self.vendor == "postgresql" else "t.term_id"
            parts.append(
                f"EXISTS (SELECT 1 FROM directory_search_term t WHERE t.entry_id = e.id AND {term} IN "
                f"(SELECT x.id FROM directory_taxonomyterm x WHERE x.taxonomy_id IN ({marks})))"
            )
            params.extend(UUID(str(v)).hex for v in p.query.taxonomy_ids)
        if p.query.age is not None or p.query.age_upto is not None:
            # Everyone from the younger age to the older one is eligible (one age: that person is).
            ages = [a for a in (p.query.age, p.query.age_upto) if a is not None]
            parts.append("e.min_age <= %s AND e.max_age >= %s")
            params.extend([min(ages), max(ages)])
        if p.opens_before is not None or p.closes_after is not None:
            if p.day_mask:
                # Exact pre-check on the row's own columns: a session on one of these days sets its day bit.
                parts.append("(e.day_mask & %s) <> 0")
                params.append(p.day_mask)
            inner = ["s.entry_id = e.id"]
            if p.day_numbers:
                inner.append(f"s.day IN ({','.join(['%s'] * len(p.day_numbers))})")
                params.extend(p.day_numbers)
            if p.opens_before is not None:
                inner.append("s.opens < %s")
                params.append(p.opens_before)
            if p.closes_after is not None:
                inner.append("s.closes > %s")
                params.append(p.closes_after)
            parts.append(f"EXISTS (SELECT 1 FROM directory_search_session s WHERE {' AND '.join(inner)})")
        elif p.day_mask:
            parts.append("(e.day_mask & %s) <> 0")
            params.append(p.day_mask)
        if p.query.free_only:
            parts.append("e.is_free = 1")
        if p.access_mask:
            parts.append("(e.access_mask & %s) = %s")
            params.extend([p.access_mask, p.access_mask])
        if p.delivery_mask:
            parts.append("(e.delivery_mask & %s) <> 0")
            params.append(p.delivery_mask)
        return " AND ".join(parts) or "1 = 1", params

    def relevance_sql(self, p: Prepared) -> tuple[str, list]:
        """How many of the query's words are in the service's name (all are in its text)."""
        if not p.stems:
            return "0", []
        test = self.has_token_sql("e.name_stems")
        return " + ".join(f"(CASE WHEN {test} THEN 1 ELSE 0 END)" for _ in p.stems), [f" {s} " for s in p.stems]

    def distance_sql(self, p: Prepared) -> tuple[str, list]:
        lat, lon = p.query.latitude, p.query.longitude
        sql = (
            "(2 * %s * asin(sqrt(power(sin(radians(e.latitude - %s) / 2), 2) + cos(radians(%s)) * "
            "cos(radians(e.latitude)) * power(sin(radians(e.longitude - %s) / 2), 2))))"
        )
        return sql, [EARTH_RADIUS_KM, lat, lat, lon]

    def within_sql(self, p: Prepared) -> tuple[str, list]:
        """Rows within the query's radius: exactly `distance_sql <= radius`, mostly without the haversine.

        Plain arithmetic settles every row but a thin ring at the edge (`planar_bounds`), and the haversine
        runs only when the terms before it in the OR have not settled the row (SQLite evaluates them in order).
        Halves SQLite's count of 48,000 places in central London (`_ranked_by_distance`'s COUNT).
        """
        dist, dparams = self.distance_sql(p)
        radius = p.query.radius_km
        bounds = planar_bounds(p.query.latitude, radius)
        if bounds is None:
            return f"{dist} <= %s", [*dparams, radius]
        inside, outside, scale = bounds
        lat, lon = p.query.latitude, p.query.longitude
        flat = "((e.latitude - %s) * (e.latitude - %s) + (e.longitude - %s) * (e.longitude - %s) * %s)"
        fparams = [lat, lat, lon, lon, scale]
        return (
            f"({flat} <= %s OR ({flat} <= %s AND {dist} <= %s))",
            [*fparams, inside, *fparams, outside, *dparams, radius],
        )

    def _run(self, sql: str, params: list) -> list[dict]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _ranked(
        self, source: tuple[str, list], p: Prepared, located: bool, limit: int, offset: int, window: bool = True
    ) -> list[dict]:
        """Rows from `source` (a FROM ... WHERE ... over alias e), filtered, ranked and sliced, with the total
        (`window` False: no total, so the database keeps only the best offset+limit rows while it reads)."""
        filters, fparams = self.filters_sql(p)
        rel, rparams = self.relevance_sql(p)
        # Rank on slim columns only (an index can cover them); read the wide rows for the page alone.
        if located:
            dist, dparams = self.distance_sql(p)
            text, tparams = self.located_text(p)
            inner = (
                f"SELECT e.id, e.entry_key, e.sort_name, {dist} AS dist, {rel} AS rel {source[0]} "
                f"AND {text} AND {filters}"
            )
            sql = (
                f"SELECT q.id, q.dist, q.rel, COUNT(*) OVER () AS total FROM ({inner}) q WHERE q.dist <= %s "
                "ORDER BY floor(q.dist * 1000), q.rel DESC, q.sort_name, q.entry_key LIMIT %s OFFSET %s"
            )
            order = "floor(rk.dist * 1000), rk.rel DESC, wd.sort_name, wd.entry_key"
            params = [*dparams, *rparams, *source[1], *tparams, *fparams, p.query.radius_km, limit, offset]
        else:
            sql = (
                f"SELECT e.id, NULL AS dist, {rel} AS rel, {'COUNT(*) OVER ()' if window else 'NULL'} AS total "
                f"{source[0]} AND {filters} "
                "ORDER BY rel DESC, e.sort_name, e.entry_key LIMIT %s OFFSET %s"
            )
            order = "rk.rel DESC, wd.sort_name, wd.entry_key"
            params = [*rparams, *source[1], *fparams, limit, offset]
        # The page's wide rows joined to the ranked page in the same statement (one round trip, not two); the
        # outer ORDER BY is the inner one's, over the same rows, so the page keeps its order.
        cols = ", ".join(f"wd.{c}" for c in COLUMNS)
        if self.vocab_in_statement:
            cols += ", (SELECT value FROM directory_search_meta WHERE key = 'version') AS vocab_version"
        return self._run(
            f"SELECT {cols}, rk.dist, rk.rel, rk.total FROM ({sql}) rk "
            f"JOIN directory_search_entry wd ON wd.id = rk.id ORDER BY {order}",
            params,
        )

    def text_only_total(self, p: Prepared) -> int | None:
        """With no point, the total when the database can count it without reading the rows; else None (the
        ranking statement counts them as it reads them)."""
        return None

    def _with_details(self, ranked: list[dict]) -> list[dict]:
        """The wide rows (text, rules, address) for the page shown, merged into its ranked rows."""
        if not ranked:
            return []
        cols = ", ".join(f"e.{c}" for c in COLUMNS)
        marks = ",".join(["%s"] * len(ranked))
        details = {
            r["id"]: r
            for r in self._run(
                f"SELECT {cols} FROM directory_search_entry e WHERE e.id IN ({marks})", [r["id"] for r in ranked]
            )
        }
        return [{**details[r["id"]], **r} for r in ranked]

    def _count(self, source: tuple[str, list], p: Prepared, located: bool) -> int:
        rows = self._ranked(source, p, located, 1, 0)
        return rows[0]["total"] if rows else 0

    def remote_from(self) -> tuple[str, list]:
        return f"FROM directory_search_entry e WHERE e.latitude IS NULL AND (e.delivery_mask & {REMOTE}) <> 0", []

    def search(self, q: SearchQuery, now: datetime | None = None) -> SearchPage:
        self._optimistic = self.vocab_in_statement
        try:
            p = self.prepare(q)
        finally:
            self._optimistic = False
        rows, total = self._answer(p)
        if self._assumed is not None:
            seen = rows[0].get("vocab_version") if rows else None
            if (seen if seen is not None else self._vocab_version()) != self._assumed:
                # The index changed since the vocabulary was cached: resolve the words from the table again.
                Backend._vocab_cache.pop(self._vocab_key(), None)
                self._assumed = None
                p = self.prepare(q)
                rows, total = self._answer(p)
        now = now or timezone.now()
        return SearchPage(results=[result(r, p, now) for r in rows], total=total, page=q.page, per_page=q.per_page)

    def _answer(self, p: Prepared) -> tuple[list[dict], int]:
        """The page's index rows, ranked, and the total."""
        q = p.query
        offset, limit = (q.page - 1) * q.per_page, q.per_page
        if p.impossible:
            return [], 0
        total = self.text_only_total(p) if not p.has_point else None
        if total is not None:
            rows = self._ranked(self.text_only_from(p), p, False, limit, offset, window=False) if offset < total else []
        elif not p.has_point:
            rows = self._ranked(self.text_only_from(p), p, False, limit, offset)
            total = rows[0]["total"] if rows else (self._count(self.text_only_from(p), p, False) if offset else 0)
        else:
            # Places within the radius, by distance; then online and phone services with no place, by relevance.
            if offset + limit <= SLIM_MAX_ROWS and (self.slim_ranks_words or not p.stems):
                rows, near = self._ranked_by_distance(p, limit, offset)
            else:
                located = self.located_from(p)
                rows = self._ranked(located, p, True, limit, offset)
                near = rows[0]["total"] if rows else (self._count(located, p, True) if offset else 0)
            far = 0
            if p.delivery_mask & REMOTE:
                # Asked for online or phone: add the services with no place at all, which reach anyone.
                remote_offset = max(0, offset - near)
                remote = self._ranked(self.remote_from_text(p), p, False, limit - len(rows) or 1, remote_offset)
                far = (
                    remote[0]["total"]
                    if remote
                    else (self._count(self.remote_from_text(p), p, False) if remote_offset else 0)
                )
                rows += remote[: limit - len(rows)]
            total = near + far
        return rows, total

    def remote_from_text(self, p: Prepared) -> tuple[str, list]:
        sql, params = self.remote_from()
        text, tparams = self.remote_text(p)
        return f"{sql} AND {text}", [*params, *tparams]

    def remote_text(self, p: Prepared) -> tuple[str, list]:
        """Text test for services with no place (never narrowed by the spatial index)."""
        return self.located_text(p)
