"""A `Seeker` from what casework holds about a person and their case, plus their matching profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from connected.casework.models import Introduction, Person, Referral
from connected.casework.vocabulary import IntroductionStatus
from connected.core.places import locate
from connected.core.postcodes import PostcodeError
from connected.directory.models import Attribute
from connected.directory.vocabulary import ACTIVITIES, ACTIVITIES_TAXONOMY, DAYS

from .concepts import CIRCUMSTANCE_CODES, NEED_CODES, cues
from .constraints import Seeker
from .models import Profile

_ACTIVITY_CODES = {t.code for t in ACTIVITIES}


def age_on(born: dt.date | None, today: dt.date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def point_of(postcode: str) -> tuple[float, float] | None:
    """Where they live, from the postcode (its area's centre when only that is known); None if unplaceable."""
    if not postcode:
        return None
    try:
        place = locate(postcode)
    except PostcodeError:
        return None
    return place.latitude, place.longitude


def free_slots(values: list[str]) -> frozenset[tuple[int, str]]:
    """'TU-morning' strings as (day number, part); unknown values are ignored (the form only offers known ones)."""
    out = set()
    for value in values or ():
        day, _, part = str(value).partition("-")
        if day in DAYS and part in ("morning", "afternoon", "evening"):
            out.add((DAYS.index(day), part))
    return frozenset(out)


def _stopped(person: Person) -> tuple[dict[str, tuple[str, str]], frozenset]:
    """Activity types they stopped (with the activity and why), and services they are introduced to now."""
    intros = list(Introduction.objects.filter(referral__person=person).order_by("updated_at", "id"))
    stopped_ids = [i.service_id for i in intros if i.status == IntroductionStatus.STOPPED and i.service_id]
    kinds: dict = {}
    for link_id, code in Attribute.objects.filter(
        link_entity="service", link_id__in=stopped_ids, taxonomy_term__taxonomy__name=ACTIVITIES_TAXONOMY
    ).values_list("link_id", "taxonomy_term__code"):
        kinds.setdefault(link_id, []).append(code)
    stopped: dict[str, tuple[str, str]] = {}
    for i in intros:
        if i.status == IntroductionStatus.STOPPED:
            for code in kinds.get(i.service_id, ()):
                if code in _ACTIVITY_CODES:
                    stopped[code] = (i.service_name, i.stopped_reason.strip())
    current = frozenset(i.service_id for i in intros if i.status != IntroductionStatus.STOPPED and i.service_id)
    return stopped, current


def seeker_for(referral: Referral, today: dt.date | None = None) -> Seeker:
    """Everything matching knows about the person on this case."""
    person = referral.person
    profile = Profile.objects.filter(person=person).first() or Profile(person=person)
    conversation = referral.conversations.first()
    said = ". ".join(
        x.strip().rstrip(".")
        for x in (
            profile.interests,
            *((conversation.goals, conversation.interests, conversation.would_like_to_try) if conversation else ()),
            referral.hopes,
        )
        if x and x.strip()
    )
    needs = [c for n in referral.needs or () for c in NEED_CODES.get(n, ())]
    needs += [c for r in person.risk_circumstances or () for c in CIRCUMSTANCE_CODES.get(r, ())]
    if person.is_carer:
        needs.append("carers")
    age = age_on(person.date_of_birth, today or timezone.localdate())
    if age is not None and age >= 65:
        needs.append("older-people")
    stopped, current = _stopped(person)
    return Seeker(
        age=age,
        point=point_of(person.postcode),
        travel=profile.travel,
        free=free_slots(profile.free_times),
        max_cost=Decimal(profile.max_cost_pounds) if profile.max_cost_pounds is not None else None,
        access_needs=tuple(profile.access_needs or ()),
        digital=person.digital_access or "",
        language=person.language or "",
        words=said,
        cues=tuple(cues(said)),
        need_codes=tuple(dict.fromkeys(needs)),
        stopped=stopped,
        current=current,
    )
