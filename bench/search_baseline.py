"""The baseline: search written the way most projects would, with the Django ORM and no search indexes.

Words with icontains on name and description, distance computed by the
database for every located service (no spatial index), filters as joins.
It answers a simpler question than search.py (no stemming or typo
correction), which only flatters it.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from connected.directory import models as m
from connected.directory.search import SearchQuery

R = 6371.0088


def baseline_search(q: SearchQuery) -> int:
    """Returns the total; also fetches the first page, as a results page would."""
    lat, lon = F("location__latitude"), F("location__longitude")
    distance = (
        2 * R * ASin(Sqrt(
            Power(Sin(Radians(lat - Value(q.latitude)) / 2), 2)
            + Cos(Radians(Value(q.latitude))) * Cos(Radians(lat)) * Power(Sin(Radians(lon - Value(q.longitude)) / 2), 2)
        ))
    )  # fmt: skip
    qs = m.ServiceAtLocation.objects.filter(
        service__status="active", service__duplicate_of__isnull=True, location__latitude__isnull=False
    ).annotate(distance=distance)
    qs = qs.filter(distance__lte=q.radius_km)
    for word in q.text.split():
        qs = qs.filter(Q(service__name__icontains=word) | Q(service__description__icontains=word))
    if q.free_only:
        qs = qs.filter(Exists(m.CostOption.objects.filter(service=OuterRef("service_id"), amount=0)))
    if q.age is not None:
        qs = qs.filter(Q(service__minimum_age__isnull=True) | Q(service__minimum_age__lte=q.age))
        qs = qs.filter(Q(service__maximum_age__isnull=True) | Q(service__maximum_age__gte=q.age))
    if q.days or q.start_time:
        sessions = m.Schedule.objects.filter(service=OuterRef("service_id"))
        if q.days:
            days = Q()
            for d in q.days:
                days |= Q(byday__icontains=d)
            sessions = sessions.filter(days)
        if q.start_time:
            sessions = sessions.filter(opens_at__lt=q.end_time, closes_at__gt=q.start_time)
        qs = qs.filter(Exists(sessions))
    for code in q.accessibility:
        qs = qs.filter(
            Exists(
                m.Attribute.objects.filter(
                    link_entity="location", link_id=OuterRef("location_id"), taxonomy_term__code=code
                )
            )
        )
    if q.term_codes:
        qs = qs.filter(
            Exists(
                m.Attribute.objects.filter(
                    link_entity="service", link_id=OuterRef("service_id"), taxonomy_term__code__in=q.term_codes
                )
            )
        )
    total = qs.count()
    list(qs.select_related("service", "location").order_by("distance", "service__name")[: q.per_page])
    return total
