"""Fixture feeds, and a real HTTP server on 127.0.0.1 that serves ORUK pages from a dict."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "oruk"


def load(name: str):
    return json.loads((FIXTURES / name).read_text())


def run_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_oruk", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class Routes(dict):
    """path with query -> (status, body); unknown paths are 404."""


@pytest.fixture
def feed_server() -> Iterator[tuple[str, Routes]]:
    routes = Routes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, body = routes.get(self.path, (404, b'{"detail": "not found"}'))
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


def page(items: list, number: int, total_pages: int, per_page: int = 100) -> dict:
    return {
        "total_items": len(items), "total_pages": total_pages, "page_number": number, "size": len(items),
        "first_page": number == 1, "last_page": number >= total_pages, "empty": not items, "contents": items,
    }  # fmt: skip


# The importer's tests that run through both write paths (ADR 0043): the ordinary importer and the bulk
# first load, forced on whenever the feed owns nothing yet. The rest test reading feeds, not writing them.
BOTH_PATHS = {"test_import_files", "test_nested_children", "test_feed_faults", "test_ids", "test_dedupe"}


def pytest_generate_tests(metafunc) -> None:
    if metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_PATHS:
        metafunc.parametrize("import_path", ["ordinary", "bulk"], indirect=True)


@pytest.fixture(autouse=True)
def import_path(request) -> Iterator[str]:
    from connected.directory.importer import bulk

    path = getattr(request, "param", "ordinary")
    bulk.FORCE = path == "bulk" if hasattr(request, "param") else None
    try:
        yield path
    finally:
        bulk.FORCE = None
