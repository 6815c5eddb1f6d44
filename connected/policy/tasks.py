"""Reminders to commitment owners through Django's tasks API (django-tasks, database backend), daily."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from connected.policy.commitments import send_reminders


@task()
def remind_commitment_owners() -> dict:
    """Email owners whose commitments are due an update; returns the counts (JSON for the task result)."""
    done = send_reminders(base_url=settings.BASE_URL)
    return {"sent": done.sent, "no_owner": done.no_owner, "skipped_recent": done.skipped_recent}
