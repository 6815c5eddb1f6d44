"""`manage.py policy_reminders [--enqueue]`: email each commitment owner whose update is due (weekly at most).

Run it daily from cron; `--enqueue` hands it to the django-tasks worker instead of sending here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from connected.policy.commitments import send_reminders
from connected.policy.tasks import remind_commitment_owners


class Command(BaseCommand):
    help = "Email owners of commitments whose progress update is due."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Run it through django-tasks' worker.")

    def handle(self, *args, enqueue: bool = False, **options) -> None:
        if enqueue:
            result = remind_commitment_owners.enqueue()
            self.stdout.write(f"Enqueued reminders {result.id}.")
            return
        done = send_reminders(base_url=settings.BASE_URL)
        self.stdout.write(
            f"Reminded {done.sent} owner(s); {done.no_owner} due commitment(s) have no owner with an email; "
            f"{done.skipped_recent} reminded in the last week."
        )
