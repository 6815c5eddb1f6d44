"""`manage.py befriending_rounds`: reminders, missed calls (escalated after the limit) and the calendar."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from connected.befriending.tasks import rounds


class Command(BaseCommand):
    help = "Send call reminders, mark missed calls, escalate runs of them, and keep each match's calendar full."

    def handle(self, *args, **options) -> None:
        done = rounds()
        self.stdout.write(
            f"Reminders sent: {done['reminded']}; calls missed: {done['missed']}; "
            f"escalated to a coordinator: {done['escalated']}; calls scheduled: {done['scheduled']}"
        )
