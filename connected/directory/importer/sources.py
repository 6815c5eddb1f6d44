"""Reading a whole feed into memory before anything is written: an ORUK API, a JSON file or a CSV package.

Any failure to read (unreachable host, HTTP error, a page that is not JSON,
a truncated file, a feed over the size limit) raises `FeedError` with one
sentence that says what and where; the caller then writes nothing.

Paging is defensive: real feeds' `total_pages` is sometimes wrong, so we keep
asking for the next page while pages bring new services, and stop at an
empty page, a page of services we have already seen, a 4xx past the last
page the feed announced, or `MAX_PAGES`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from django.conf import settings

from .csvpackage import read_package
from .errors import FeedError

MAX_PAGES = 10_000
logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request drowns the progress bar
PER_PAGE = 100


def detect_kind(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return "api"
    path = Path(source)
    if path.is_dir():
        return "csv"
    return "json"


def load(
    source: str, kind: str | None = None, *, progress: Callable[[str], object] | None = None, notes: list | None = None
) -> list[Any]:
    """Every service document in the feed, or FeedError. Records a reader drops are noted in `notes`."""
    kind = kind or detect_kind(source)
    if kind == "api":
        return ApiReader(source, progress).services()
    if kind == "csv":
        return read_package(Path(source), notes)
    if kind == "json":
        return read_json(Path(source))
    raise FeedError(f"unknown kind of feed {kind!r} (expected api, json or csv)")


def services_in(document: Any, where: str) -> list[Any]:
    """A single service, a list of services, or a page object with `contents`."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return document["contents"]
        if "contents" in document:
            raise FeedError(f"{where}: 'contents' is not a list")
        if "id" in document or "name" in document:
            return [document]
    raise FeedError(f"{where} holds neither a service, a list of services nor a page with 'contents'")


def read_json(path: Path) -> list[Any]:
    if not path.is_file():
        raise FeedError(f"{path}: no such file")
    size = path.stat().st_size
    if size > settings.ORUK_MAX_FEED_BYTES:
        raise FeedError(f"{path} is {size} bytes, over the limit of {settings.ORUK_MAX_FEED_BYTES}")
    try:
        document = json.loads(path.read_bytes())
    except UnicodeDecodeError as error:
        raise FeedError(f"{path} is not UTF-8 text: {error}") from None
    except json.JSONDecodeError as error:
        ends_early = error.pos >= len(error.doc.rstrip()) - 1 or error.msg.startswith("Unterminated string")
        cut = " (the file ends in the middle: it looks truncated)" if ends_early else ""
        raise FeedError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}{cut}"
        ) from None
    return services_in(document, str(path))


class ApiReader:
    """Reads `/services` page by page, and `/services/{id}` where the list gives only summaries."""

    def __init__(self, base: str, progress: Callable[[str], object] | None = None) -> None:
        base = base.rstrip("/")
        self.base = base.removesuffix("/services")
        self.progress = progress or (lambda _message: None)
        self.bytes = 0
        # The read timeout ends a feed that goes silent; this ends one that trickles a byte at a time.
        self.deadline = time.monotonic() + settings.ORUK_HARVEST_DEADLINE

    def services(self) -> list[Any]:
        with httpx.Client(
            timeout=settings.ORUK_HTTP_TIMEOUT, follow_redirects=True, headers={"Accept": "application/json"}
        ) as client:
            self.client = client
            items = self._pages()
            return [self._full(item) for item in items]

    def _pages(self) -> list[Any]:
        items: list[Any] = []
        seen: set[str] = set()
        announced: int | None = None
        for page in range(1, MAX_PAGES + 1):
            url = f"{self.base}/services?{urlencode({'page': page, 'per_page': PER_PAGE})}"
            past_end = announced is not None and page > announced
            document = self._get(url, tolerate_client_error=past_end)
            if document is None:
                break
            contents = services_in(document, url) if isinstance(document, dict) and "contents" in document else None
            if contents is None:
                raise FeedError(f"{url} is not an ORUK page (no 'contents' list)")
            if isinstance(document.get("total_pages"), int):
                announced = max(announced or 0, document["total_pages"])
            ids = {str(item.get("id")) for item in contents if isinstance(item, dict)}
            if not contents or (ids and ids <= seen):
                break  # an empty page, or the feed ignores `page` and repeats itself
            seen |= ids
            items.extend(contents)
            self.progress(f"page {page}: {len(items)} services")
        return items

    def _full(self, item: Any) -> Any:
        """The list may give summaries; the full record has its locations (and the rest)."""
        if not isinstance(item, dict) or "service_at_locations" in item or item.get("id") in (None, ""):
            return item
        document = self._get(f"{self.base}/services/{item['id']}")
        return document if isinstance(document, dict) else item

    def _get(self, url: str, *, tolerate_client_error: bool = False) -> Any:
        try:
            with self.client.stream("GET", url) as response:
                if tolerate_client_error and 400 <= response.status_code < 500:
                    return None
                if response.status_code >= 400:
                    raise FeedError(f"{url} answered HTTP {response.status_code} {response.reason_phrase}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if time.monotonic() > self.deadline:
                        raise FeedError(
                            f"the harvest took longer than {settings.ORUK_HARVEST_DEADLINE:g} seconds (at {url})"
                        )
                    if self.bytes + len(body) > settings.ORUK_MAX_FEED_BYTES:
                        raise FeedError(f"the feed is over the limit of {settings.ORUK_MAX_FEED_BYTES} bytes at {url}")
                self.bytes += len(body)
        except httpx.TimeoutException:
            raise FeedError(f"{url} did not answer within {settings.ORUK_HTTP_TIMEOUT:g} seconds") from None
        except httpx.TooManyRedirects:
            raise FeedError(f"{url} redirects in a loop (more than {self.client.max_redirects} redirects)") from None
        except httpx.HTTPError as error:
            raise FeedError(f"cannot reach {url}: {error or type(error).__name__}") from None
        try:
            return json.loads(bytes(body))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            kind = response.headers.get("content-type", "unknown type")
            raise FeedError(f"{url} did not return JSON ({kind}): {error}") from None
