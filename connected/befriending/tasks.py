"""Befriending's regular work through Django's tasks API (django-tasks, database backend).

Enqueue `befriending_rounds` hourly (cron: `manage.py befriending_rounds`, or
`from connected.befriending.tasks import befriending_rounds; befriending_rounds.enqueue()`): it sends
the day-ahead reminders, marks calls not logged a day after they were due as missed, escalates runs of
missed calls to the coordinator, and keeps four weeks of calls on every active match's calendar.
"""

from __future__ import annotations

from django_tasks import task

from .call_services import calls_sweep, reminders_send


def rounds() -> dict:
    reminded = reminders_send()
    swept = calls_sweep()
    return {"reminded": reminded, "missed": swept.missed, "escalated": swept.escalated, "scheduled": swept.scheduled}


@task()
def befriending_rounds() -> dict:
    """Reminders, missed calls and the calendar; returns the counts (JSON for the task result)."""
    return rounds()
