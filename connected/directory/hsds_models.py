"""HSDS 3.0 records the UK profile leaves out but a feed may carry: programs and required documents.

Stored so that what a feed publishes comes back out of our API (ADR 0044). Imported by `models.py`; they name
the organisation and the service by string so the import runs one way.
"""

from __future__ import annotations

from django.db import models

from .sourced import Sourced


class Program(Sourced):
    """HSDS 3.0's program: a named group of an organisation's services (ADR 0044)."""

    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(max_length=255)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class RequiredDocument(Sourced):
    """HSDS 3.0's required_document: what a person must bring to use a service."""

    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="required_documents")
    document = models.TextField(blank=True)
    uri = models.URLField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.document[:60] or "Required document"
