"""Write a scheme's national return (suppressed aggregates as JSON) for a period, to a file or stdout.

manage.py evidence_national_return --scheme 3 --from 2025-04 --to 2026-03 --output return.json
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from connected.core import atomic_files
from connected.core.models import Scheme
from connected.evidence import filterguard, reports
from connected.evidence.filters import FilterError, parse_period
from connected.evidence.national import national_return


class Command(BaseCommand):
    help = "Write a scheme's national return: suppressed aggregates as versioned JSON, no personal data."

    def add_arguments(self, parser):
        parser.add_argument("--scheme", type=int, required=True, help="The scheme's id")
        parser.add_argument("--from", dest="first", default="", help="First month, YYYY-MM")
        parser.add_argument("--to", dest="last", default="", help="Last month, YYYY-MM (a whole month)")
        parser.add_argument("--output", default="", help="File to write (default: standard output)")

    def handle(self, *args, **options):
        scheme = Scheme.objects.filter(pk=options["scheme"]).first()
        if scheme is None:
            raise CommandError(f"No scheme with id {options['scheme']}")
        try:
            f = parse_period({"from": options["first"], "to": options["last"]}, scheme_ids=(scheme.pk,))
            report = reports.build(f)
        except (FilterError, filterguard.FilterRefused) as error:
            raise CommandError(str(error)) from error
        body = json.dumps(national_return(report, scheme_names=[scheme.name]), indent=2)
        if options["output"]:
            try:  # whole or not at all: a full disk leaves no half-written return behind (connected.core.atomic_files)
                atomic_files.write_text(Path(options["output"]), body + "\n")
            except atomic_files.WriteFailed as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Wrote {len(report.tables)} tables for {scheme.name} to {options['output']}")
        else:
            self.stdout.write(body)
