"""Harvesting on a schedule through Django's tasks API (django-tasks, database backend).

cron runs `manage.py harvest_feeds` (say every 15 minutes), which enqueues a
`harvest_feed` task for each feed that is due (`Feed.due()`); `manage.py
db_worker` runs the queue. `harvest_feeds --now` harvests in the foreground.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import models as m
from .importer import FeedError, harvest


@task()
def harvest_feed(feed_id: int) -> dict:
    """Harvest one feed; a feed that cannot be read is recorded as failed, not raised."""
    feed = m.Feed.objects.get(pk=feed_id)
    try:
        result = harvest(feed)
    except FeedError as error:
        return {"feed": feed.name, "status": "failed", "error": str(error)}
    return {"feed": feed.name, "status": feed.last_status, **result.counts()}


def harvest_due_feeds(*, now=None, run_now: bool = False) -> list[str]:
    """Enqueue (or, with run_now, run) every due feed; returns their names."""
    now = now or timezone.now()
    due = [feed for feed in m.Feed.objects.filter(active=True) if feed.due(now)]
    for feed in due:
        m.Feed.objects.filter(pk=feed.pk).update(last_harvest_started_at=now)  # not enqueued twice by the next cron
        if run_now:
            harvest_feed.call(feed.pk)
        else:
            harvest_feed.enqueue(feed.pk)
    return [feed.name for feed in due]
