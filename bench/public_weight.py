"""Weigh the public pages on first load: every byte headless Chromium fetches, with an empty cache.

Runs the development server on the worktree's database (seeding a postcode, an area and one activity if
missing), opens each page in a fresh 320 px browser context, and records each response's size as sent by
the development server (uncompressed) and gzip -9 (what whitenoise's precompressed static files and a
compressing proxy send). Usage: .venv/bin/python bench/public_weight.py
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()
BASE = f"http://127.0.0.1:{PORT}"


def seed() -> None:
    import django

    django.setup()
    from connected.core.models import LocalAuthority, LsoaCentroid, Postcode
    from tests.public.builders import make_service, refresh_search_index

    if not Postcode.objects.filter(pk="LS1 4AP").exists():
        Postcode.objects.create(postcode="LS1 4AP", lat=53.796, lon=-1.547, outcode="LS1", la_code="E08000035")
        make_service("Bench walk", latitude=53.80, longitude=-1.547, activity="bereavement-support")
        refresh_search_index()
    LocalAuthority.objects.get_or_create(code="E08000035", defaults={"name": "Leeds"})
    LsoaCentroid.objects.get_or_create(
        code="E01011111", defaults={"name": "Leeds 1", "lat": 53.8, "lon": -1.55, "la_code": "E08000035"}
    )


def journey(page) -> list[tuple[str, object]]:
    """(label, action) pairs: each action leaves the page to weigh loaded."""

    def answer_questions():
        page.goto(f"{BASE}/check-in/questions/")
        for group in page.locator("fieldset").all():
            group.locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Continue").click()

    def results():
        answer_questions()
        page.get_by_label("Your postcode (optional)").fill("LS1 4AP")
        page.get_by_role("button", name="See my results").click()

    return [
        ("/ (start)", lambda: page.goto(f"{BASE}/")),
        ("/check-in/", lambda: page.goto(f"{BASE}/check-in/")),
        ("/check-in/questions/", lambda: page.goto(f"{BASE}/check-in/questions/")),
        ("check-in about you (POST)", answer_questions),
        ("check-in results (POST)", results),
        (
            "/life-events/bereavement/?postcode=LS1 4AP",
            lambda: page.goto(f"{BASE}/life-events/bereavement/?postcode=LS1+4AP"),
        ),
        ("/life-events/bereavement/E08000035/", lambda: page.goto(f"{BASE}/life-events/bereavement/E08000035/")),
        ("/spaces/", lambda: page.goto(f"{BASE}/spaces/")),
        ("/spaces/offer/", lambda: page.goto(f"{BASE}/spaces/offer/")),
    ]


def weigh() -> list[tuple[str, int, int, int]]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser tests' Chromium, launched the same way

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        labels = [label for label, _ in journey(None)]
        for index, label in enumerate(labels):
            context = browser.new_context(viewport={"width": 320, "height": 640})
            page = context.new_page()
            journey(page)[index][1]()
            page.wait_for_load_state("networkidle")
            # The page's own HTML and every file it loaded from us (a fresh context: an empty cache).
            entries = page.evaluate(
                "() => [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]"
            )
            html = page.content().encode()
            seen = [html]
            for url in entries[1:]:
                if url.startswith(BASE):
                    seen.append(page.request.get(url).body())
            raw = sum(len(b) for b in seen)
            packed = sum(len(gzip.compress(b, 9)) for b in seen)
            rows.append((label, len(seen), raw, packed))
            context.close()
        browser.close()
    return rows


def _wait_for_server() -> None:
    import urllib.request

    for _ in range(120):
        try:
            urllib.request.urlopen(f"{BASE}/check-in/", timeout=5)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(1)
    raise SystemExit("the development server did not start")


def main() -> None:
    seed()
    env = dict(os.environ, DEBUG="1")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_server()
        rows = weigh()
    finally:
        server.terminate()
        server.wait()
    print("| page | files | as served, uncompressed | gzip -9 |")
    print("| --- | ---: | ---: | ---: |")
    for label, files, raw, packed in rows:
        print(f"| {label} | {files} | {raw / 1024:.1f} KB | {packed / 1024:.1f} KB |")


if __name__ == "__main__":
    main()
