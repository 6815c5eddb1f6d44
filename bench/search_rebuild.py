"""Rebuild only the search index of an existing benchmark database and time it (the directory rows stay).

After a change to the index schema or writer: `DATABASE_URL=... python bench/search_rebuild.py`. Prints one
JSON object: rows written, seconds, services per second, and the load average before and after.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from connected.directory.search.index import refresh  # noqa: E402


def main() -> None:
    if str(connection.settings_dict["NAME"]).endswith("db.sqlite3"):
        sys.exit("Refusing to run against the development database; set DATABASE_URL to a benchmark database.")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    rows = refresh(None)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        # The visibility map lets PostgreSQL answer from the GiST index's INCLUDE columns alone.
        cursor.execute("VACUUM ANALYZE directory_search_entry" if connection.vendor == "postgresql" else "ANALYZE")
    figures = {
        "vendor": connection.vendor,
        "index_rows": rows,
        "index_seconds": round(seconds, 1),
        "index_services_per_s": round(rows / seconds),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
