"""`python manage.py harvest_feeds [--now]`: enqueue (or run) a harvest of every feed that is due."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from connected.core.task_recovery import requeue_stalled
from connected.directory.tasks import harvest_due_feeds


class Command(BaseCommand):
    help = "Enqueue a harvest for every due feed (run `manage.py db_worker` to work the queue); --now runs them here."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Harvest in this process instead of enqueuing")

    def handle(self, *args, now: bool, **options):
        if requeued := requeue_stalled():
            self.stdout.write(f"Requeued {requeued} task(s) whose worker stopped mid-run")
        names = harvest_due_feeds(run_now=now)
        verb = "Harvested" if now else "Enqueued"
        self.stdout.write(f"{verb} {len(names)} feed(s)" + (f": {', '.join(names)}" if names else ""))
