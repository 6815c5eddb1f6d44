"""The ranker's inputs read from the database: a request as a Wish, a scheme's volunteers as Candidates.

Places are outcode centroids (a volunteer gives only their outcode; the person's full postcode is cut to
its outcode too), so a visit's distance is district to district: good to a kilometre or two, which is
what "can they get there" needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from connected.core.places import outcode_centroid
from connected.core.postcodes import PostcodeError, outcode_of

from .checks import check_state
from .models import Request, Volunteer
from .ranking import Candidate, Proposal, Wish, rank
from .vocabulary import MatchStatus, VolunteerStatus


def _place(outcode: str) -> tuple[float, float] | None:
    return outcode_centroid(outcode.upper()) if outcode else None


def wish_of(request: Request) -> Wish:
    try:
        outcode = outcode_of(request.person.postcode) if request.person.postcode else ""
    except PostcodeError:
        outcode = ""
    return Wish(
        slots=frozenset(request.availability),
        modes=frozenset(request.modes),
        languages=frozenset(request.languages),
        interests=frozenset(request.interests),
        prefers_gender=request.prefers_gender,
        prefers_age=request.prefers_age,
        location=_place(outcode),
    )


def candidates_in(scheme_id: int, today: dt.date) -> tuple[list[Candidate], dict[int, Volunteer]]:
    """Every approved volunteer in the scheme, with their active matches counted in the same query."""
    volunteers = (
        Volunteer.objects.filter(scheme_id=scheme_id, status=VolunteerStatus.APPROVED)
        .annotate(active=Count("matches", filter=Q(matches__status=MatchStatus.ACTIVE)))
        .prefetch_related("training")
    )
    found, by_id = [], {}
    for v in volunteers:
        state = check_state(v, list(v.training.all()))
        found.append(
            Candidate(
                id=v.pk,
                checks_until=state.until,
                active_matches=v.active,
                capacity=v.capacity,
                slots=frozenset(v.availability),
                modes=frozenset(v.modes),
                languages=frozenset(v.languages),
                interests=frozenset(v.interests),
                gender=v.gender,
                age=today.year - v.birth_year if v.birth_year else None,
                location=_place(v.outcode),
                travel_km=v.travel_km,
            )
        )
        by_id[v.pk] = v
    return found, by_id


@dataclass
class Ranked:
    proposal: Proposal
    volunteer: Volunteer


def proposals_for(request: Request, today: dt.date | None = None, limit: int = 10) -> list[Ranked]:
    today = today or timezone.localdate()
    candidates, by_id = candidates_in(request.scheme_id, today)
    return [Ranked(p, by_id[p.volunteer_id]) for p in rank(wish_of(request), candidates, today, limit)]
