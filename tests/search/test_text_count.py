"""Words with no place and no filters: SQLite counts them in FTS5 and ranks the page with a limit, not a window
(backends/sqlite.py, `text_only_total`). The totals and pages must be the reference's, on every page, past the
last one too, and with filters (the window path) alongside."""

from __future__ import annotations

import pytest

from connected.directory.search import SearchQuery, refresh_index, search

from .factories import random_directory
from .reference import load_rows, reference_search
from .test_oracle import key


@pytest.mark.django_db
def test_words_with_no_place_count_and_rank_as_the_reference_does():
    random_directory(seed=5, count=300)
    refresh_index()
    rows = load_rows()
    asked = [
        SearchQuery(text=text, page=page, per_page=per_page)
        for text in ("walking", "coffee", "crafts knitting", "gardning", "community")
        for page, per_page in ((1, 20), (2, 5), (3, 7), (40, 20))
    ]
    asked += [SearchQuery(text="walking", free_only=True), SearchQuery(text="coffee", age=70, page=2, per_page=5)]
    seen_past_end = seen_full = 0
    for q in asked:
        total, expected = reference_search(rows, q)
        page = search(q)
        assert page.total == total, q
        assert [key(r) for r in page.results] == [k for k, _ in expected], q
        seen_full += len(page.results) == q.per_page
        seen_past_end += total > 0 and not page.results
    assert seen_full >= 8 and seen_past_end >= 3  # real pages, and pages past the last one, were both asked
