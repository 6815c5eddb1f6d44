"""Tasks whose worker died are run again, not lost (docs/reliability.md).

django-tasks' database worker marks a task RUNNING when it takes it and FINISHED when done; a worker killed
in between (out of memory, a host restart, SIGKILL) leaves the row RUNNING for ever. A task still RUNNING
past its lease is put back to READY, so the next worker runs it again. Our tasks are safe to run twice: a
harvest is an upsert by the feed's own ids, an outcome message carries its own id (the receiver ignores a
repeat, ADR 0025), and a report refresh replaces its rows. The lease is longer than any task may take
(a harvest is cut off at ORUK_HARVEST_DEADLINE), so a slow task is never run twice at once.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_stalled(*, now=None) -> int:
    """Put RUNNING tasks older than the lease back on the queue; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).update(
        status=TaskResultStatus.READY, started_at=None
    )
