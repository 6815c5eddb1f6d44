"""Rebuild the evidence report's summary tables now (also run nightly as the refresh_evidence task)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from connected.evidence import rollup


class Command(BaseCommand):
    help = "Rebuild the evidence report's summary tables from casework and measures (ADR 0027)."

    def handle(self, *args, **options):
        state = rollup.refresh()
        self.stdout.write(
            f"Evidence summary tables rebuilt at {state.built_at:%Y-%m-%d %H:%M} UTC in {state.seconds} s"
        )
