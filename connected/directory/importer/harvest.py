"""One harvest of one feed: read it all, import it, find duplicates, and record the outcome on the feed."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from connected.directory import models as m

from .core import import_services
from .report import ImportResult
from .sources import FeedError, load


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def harvest(
    feed: m.Feed,
    *,
    source: str | None = None,
    kind: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], object] | None = None,
    on_read: Callable[[int], object] | None = None,
    on_fetch: Callable[[str], object] | None = None,
) -> ImportResult:
    """Read the feed, then import it in one transaction. An unsaved `feed` is saved only if the read succeeds.

    Raises FeedError when the feed cannot be read; the directory is then
    untouched and only an existing feed's last_status/last_error record it.
    """
    source = source or feed.source
    kind = kind or (feed.kind if feed.kind in ("api", "json", "csv") else None)
    started = timezone.now()
    try:
        notes: list = []
        services = load(source, kind, notes=notes, progress=on_fetch)
    except FeedError as error:
        if not dry_run and feed.pk:
            m.Feed.objects.filter(pk=feed.pk).update(
                last_harvest_started_at=started, last_status="failed", last_error=str(error)
            )
        raise
    if on_read:
        on_read(len(services))
    was_new = feed.pk is None
    try:
        with transaction.atomic():
            if was_new:
                feed.save()
            result = import_services(feed, services, progress=progress, notes=notes)
            if dry_run:
                raise _DryRun(result)
            from connected.directory.register import link_schemes  # a harvested scheme can be routed to

            link_schemes(feed)
            _after(feed, result, started)
    except _DryRun as undone:
        result = undone.result
        result.dry_run = True
        if was_new:
            feed.pk = None
    return result


def _after(feed: m.Feed, result: ImportResult, started) -> None:
    from connected.directory.dedupe import update_duplicates
    from connected.directory.search import refresh_index

    _, changed = update_duplicates()
    if changed:
        refresh_index(changed)  # search shows one listing per activity: re-index those whose canonical changed
    record_outcome(feed, result, started)


def record_outcome(feed: m.Feed, result: ImportResult, started=None) -> None:
    """What the admin shows for a harvested feed: when, counts, and the report."""
    feed.last_harvested_at = timezone.now()
    feed.last_harvest_started_at = started or feed.last_harvested_at
    feed.last_status = "ok" if not result.problems else "ok with problems"
    feed.last_counts = result.counts()
    feed.last_report = result.report()
    feed.last_error = ""
    feed.save(
        update_fields=[
            "last_harvest_started_at", "last_harvested_at", "last_status", "last_counts", "last_report", "last_error",
        ]
    )  # fmt: skip
