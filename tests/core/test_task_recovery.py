"""A task whose worker died is queued again by the hourly harvest run (connected.core.task_recovery)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def running(started_ago: timedelta) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="connected.directory.tasks.harvest_feed",
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started_ago,
        run_after=timezone.now() - started_ago,
    )


def test_a_task_past_its_lease_is_requeued_and_a_live_one_is_left(settings):
    settings.TASK_LEASE_SECONDS = 3600
    dead = running(timedelta(hours=3))
    alive = running(timedelta(minutes=5))
    out = StringIO()
    call_command("harvest_feeds", stdout=out)
    assert "Requeued 1 task(s)" in out.getvalue()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == TaskResultStatus.READY and dead.started_at is None
    assert alive.status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.ready().filter(pk=dead.pk).exists()
