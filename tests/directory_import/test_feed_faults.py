"""Feeds that misbehave on the wire: each ends with a clear report and the directory as it was (docs/reliability.md)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError

from connected.directory import models as m

from .conftest import FIXTURES, run_import

pytestmark = pytest.mark.django_db(transaction=True)


class Misbehaving(BaseHTTPRequestHandler):
    """/hang never answers, /trickle sends a byte at a time, /loop redirects to itself, /huge never ends."""

    def do_GET(self):
        if self.path.startswith("/hang"):
            time.sleep(5)
            return
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop/services?page=1&per_page=100")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            if self.path.startswith("/trickle"):
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.05)
            else:  # /huge: a body with no length and no end, as a gigabyte would be
                chunk = b"[" + b'"x",' * 16_384
                while True:
                    self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def bad_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def snapshot() -> list[tuple]:
    return list(m.Service.objects.order_by("id").values_list("id", "name", "status", "last_modified"))


@pytest.mark.parametrize(
    ("path", "limits", "message"),
    [
        ("/hang", {"ORUK_HTTP_TIMEOUT": 0.5}, r"did not answer within 0\.5 seconds"),
        ("/trickle", {"ORUK_HTTP_TIMEOUT": 1, "ORUK_HARVEST_DEADLINE": 1}, "took longer than 1 seconds"),
        ("/loop", {}, "redirects in a loop"),
        ("/huge", {"ORUK_MAX_FEED_BYTES": 2 * 1024 * 1024}, "over the limit of 2097152 bytes"),
    ],
)
def test_a_bad_feed_ends_clearly_and_changes_nothing(bad_server, settings, path, limits, message):
    run_import(str(FIXTURES / "well_formed.json"), "--feed", "Council")
    before = snapshot()
    assert before
    for name, value in limits.items():
        setattr(settings, name, value)
    with pytest.raises(CommandError, match=message):
        run_import(bad_server + path, "--feed", "Council")
    assert snapshot() == before
