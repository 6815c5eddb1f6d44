"""`python manage.py publish_waits`: put each scheme's current wait into its register listing (ADR 0034)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from connected.casework.waits import publish_waits


class Command(BaseCommand):
    help = "Publish each listed scheme's median weeks to first contact (last 180 days) in the ORUK API."

    def handle(self, *args, **options):
        self.stdout.write(f"Published the current wait of {publish_waits()} schemes.")
