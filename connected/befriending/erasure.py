"""When casework erases a person, befriending clears its own free text about them too (ADR 0040).

Casework sits left of befriending and cannot reach its records, so befriending listens for the person
row being saved with `erased_at` set (casework's `person_erase` saves it first, in one transaction) and
clears what volunteers passed on, the concerns' words and the actions taken, and deletes the measures
answered on their matches. Codes, dates and statuses stay, so the counts still add up.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from connected.casework.models import Person

from .models import Call, Concern, Match

ERASED = "Erased"


@receiver(post_save, sender=Person, dispatch_uid="befriending-person-erased")
def person_erased(sender, instance: Person, **kwargs) -> None:
    if instance.erased_at is None:
        return
    from connected.measures.models import MeasureResponse

    matches = list(Match.objects.filter(request__person=instance).values_list("pk", flat=True))
    if not matches:
        return
    Call.objects.filter(match__in=matches).exclude(pass_on="").update(pass_on=ERASED)
    Concern.objects.filter(match__in=matches).update(detail=ERASED)
    Concern.objects.filter(match__in=matches).exclude(action="").update(action=ERASED)
    MeasureResponse.objects.filter(subject_type="befriending.match", subject_id__in=[str(m) for m in matches]).delete()
