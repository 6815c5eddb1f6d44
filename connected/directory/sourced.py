"""Provenance shared by every directory record (`Sourced`), in its own module so that the models split
across modules (`models`, `hsds_models`) share it without importing one another both ways."""

from __future__ import annotations

import uuid

from django.db import models


class Sourced(models.Model):
    """Provenance shared by every directory record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the (feed, source_id) index below answers every lookup by feed.
    feed = models.ForeignKey(
        "directory.Feed", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    source_id = models.CharField(max_length=255, blank=True, help_text="The feed's own id for this record.")
    content_hash = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "source_id"],
                condition=models.Q(feed__isnull=False),
                name="%(app_label)s_%(class)s_feed_source_id",
            )
        ]
