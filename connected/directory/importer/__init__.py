"""Importing Open Referral UK feeds: read a whole feed, validate each record, upsert, report.

    from connected.directory.importer import import_services, harvest
    result = import_services(feed, service_dicts)  # the Python API (the demo uses it)
    result = harvest(feed)                         # read feed.source, then import_services, then dedupe

See docs/adr/0009-oruk-importer.md for why it reads everything before writing.
"""

from .core import canonical_hash, import_services
from .errors import FeedError
from .harvest import harvest
from .report import ImportResult, Problem

__all__ = ["FeedError", "ImportResult", "Problem", "canonical_hash", "harvest", "import_services"]
