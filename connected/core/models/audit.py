"""The append-only audit log: who did what to which record, when, and why.

Events carry ids and action names only, never names, NHS numbers or notes, so
the log can be kept after a person's record is erased. Update and delete are
refused by the model and its queryset; the admin shows events read-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted")

    def about_person(self, person_id) -> AuditEventQuerySet:
        """Events about one person: reads of their record, and list pages that showed their name."""
        return self.filter(models.Q(person_id=str(person_id)) | models.Q(people_shown__contains=f",{person_id},"))


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        EXPORT = "export", "Exported"
        ERASE = "erase", "Erased"
        DELETE = "delete", "Deleted"
        DENIED = "denied", "Refused access"
        LOGIN = "login", "Signed in"
        LOGOUT = "logout", "Signed out"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True, help_text="Username, or a system name such as fhir.")
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60, help_text="e.g. casework.person")
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.CharField(max_length=64, blank=True, db_index=True, help_text="The person the record is about.")
    people_shown = models.TextField(
        blank=True, help_text="For a list page: the ids of every person named on it, as ,1,2,3, (so each can be found)."
    )
    why = models.CharField(max_length=200, blank=True, help_text="What the user was doing: a page or service name.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted")
