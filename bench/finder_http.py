"""Time the public finder page over Django's test client, read-only, on an existing benchmark database.

The same /find/ mix as bench/search.py's HTTP timing (its seed and postcode positions), but opened
read-only so it can be re-run after a front-end change without rebuilding 500,000 services.

    DEBUG=0 SECRET_KEY=bench .venv/bin/python bench/finder_http.py bench/out/search_500000.sqlite3 [--before]

--before bypasses the finder's macro memo (connected/public/fragments.py), to compare with and without it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="a SQLite benchmark database made by bench/search.py")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--before", action="store_true", help="render without the macro memo")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{args.database.resolve()}"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.search import england_positions, http_mix, percentiles, timed

    connection.settings_dict["NAME"] = f"file:{args.database.resolve()}?mode=ro"
    connection.settings_dict["OPTIONS"] = {"uri": True, "timeout": 20}
    if args.before:
        import connected.public.views as views

        views.render_macro = lambda macro, params: macro(params)
    mix = http_mix(args.requests, args.seed, england_positions(5000, args.seed + 1))
    client = Client()

    def get(params: dict) -> int:
        response = client.get("/find/", params)
        if response.status_code != 200:
            raise SystemExit(f"/find/ answered {response.status_code} for {params}")
        return 0

    timed(get, mix[:50])  # warm up, as a running server would be
    times, _ = timed(get, mix)
    with CaptureQueriesContext(connection) as queries:
        for params in mix[:50]:
            get(params)
    print(
        json.dumps(
            {
                "debug": settings.DEBUG,
                "memo": not args.before,
                "requests": len(mix),
                **percentiles(times),
                "queries_per_page": len(queries.captured_queries) / 50,
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
