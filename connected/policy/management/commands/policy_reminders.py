"""`manage.py policy_reminders`: email each commitment owner whose update is due (at most weekly each)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from connected.policy.commitments import send_reminders


class Command(BaseCommand):
    help = "Email owners of commitments whose progress update is due."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default="", help="Where Connected is served, for links in the email.")

    def handle(self, *args, base_url: str = "", **options) -> None:
        done = send_reminders(base_url=base_url.rstrip("/"))
        self.stdout.write(
            f"Reminded {done.sent} owner(s); {done.no_owner} due commitment(s) have no owner with an email; "
            f"{done.skipped_recent} reminded in the last week."
        )
