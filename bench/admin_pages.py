"""Admin at national size: time the directory's admin list and edit pages over a 500,000-service directory.

The directory is built once by the search benchmark's own builder (bench/search_data.py through the
product's importer, bench/search.py's import_directory) into bench/out/admin_<n>.sqlite3, or into the
database DATABASE_URL names. Each page is fetched through Django's test client as a signed-in
superuser with a second factor, once to warm up and then --repeat times; the median and the largest
time, the HTML size, the number of <option> elements and the database queries are reported.

    .venv/bin/python bench/admin_pages.py --services 500000          # builds the database the first time
    .venv/bin/python bench/admin_pages.py --services 500000 --reuse  # times the pages again
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _database(services: int) -> None:
    if "DATABASE_URL" not in os.environ:
        OUT.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{OUT / f'admin_{services}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")
    os.environ.setdefault("DEBUG", "0")


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def pages() -> dict[str, str]:
    from connected.directory import models as m

    service = m.Service.objects.order_by("pk")[m.Service.objects.count() // 2]
    location = m.Location.objects.order_by("pk").first()
    return {
        "service list": "/admin/directory/service/",
        "service list, search": "/admin/directory/service/?q=walking",
        "service edit": f"/admin/directory/service/{service.pk}/change/",
        "organisation edit": f"/admin/directory/organization/{service.organization_id}/change/",
        "location edit": f"/admin/directory/location/{location.pk}/change/",
        "phone list": "/admin/directory/phone/",
        "schedule list": "/admin/directory/schedule/",
    }


def time_page(client, path: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm up
    samples, body, queries = [], b"", 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = clock.perf_counter()
            response = client.get(path)
            samples.append((clock.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")
        body, queries = response.content, len(captured.captured_queries)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "max_ms": round(max(samples), 1),
        "kb": round(len(body) / 1024, 1),
        "options": body.count(b"<option"),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reuse", action="store_true", help="time pages on the database already built")
    args = parser.parse_args()
    _database(args.services)
    import django

    django.setup()
    from connected.directory import models as m

    if not args.reuse or not m.Service.objects.exists():
        from search import import_directory  # bench/search.py: the search benchmark's national directory

        print(json.dumps(import_directory(args.services, args.seed)), file=sys.stderr)
    client = _client()
    load_before = os.getloadavg()[0]
    results = {name: time_page(client, path, args.repeat) for name, path in pages().items()}
    out = {
        "services": m.Service.objects.count(),
        "locations": m.Location.objects.count(),
        "database": django.db.connection.vendor,
        "load_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "pages": results,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
