"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL when DATABASE_URL points there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told it is safe, which it is here (one thread, tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Browser journeys run in real headless Chromium (Debian's); Playwright's own download cannot work here.
# One session-wide browser per worker: a second sync_playwright() in the same process fails.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STANDARDS = Path(settings.SHARED_DIR) / "standards"
DATA = Path(settings.SHARED_DIR) / "data"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Production-strength hashing costs a second per user made; no test here is about the hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def standards_dir() -> Path:
    return STANDARDS


@pytest.fixture
def vendor() -> str:
    """The database vendor under test: 'sqlite' or 'postgresql'."""
    return connection.vendor


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    # Playwright gives each launch a fresh, empty profile of its own.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    # Every journey doubles as a check that the policy blocks nothing our own pages need.
    assert not refused, f"the Content-Security-Policy refused parts of a page: {refused}"


@pytest.fixture
def admin_client(db, admin_user, client):
    """pytest-django's admin client, signed in with both factors: the admin refuses a password alone."""
    from tests.casework.builders import sign_in

    sign_in(client, admin_user)
    return client


_DB_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, leave out what never touches a database: it ran on the SQLite pass, same code.

    A test without pytest-django's database fixtures cannot reach the database at all (pytest-django blocks it),
    so its result cannot depend on which one is configured. The smoke tests stay: they check settings built
    from DATABASE_URL. About a sixth of the suite, mostly property tests (make test runs both passes).
    """
    if connection.vendor != "postgresql" or os.environ.get("RUN_DATABASE_FREE_TESTS"):
        return
    keep, drop = [], []
    for item in items:
        needs_db = item.get_closest_marker("django_db") or _DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        (keep if needs_db or item.nodeid.startswith("tests/test_smoke.py") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
