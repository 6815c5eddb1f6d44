"""Candidates for one person from `directory.search`: its stemming, typo correction, filters and distance.

Search answers one question at a time and needs every word it is given, so a person is asked about as a few
questions: the activity types and needs their words and circumstances point at; each telling word they used;
and anything near them. Each is asked once within reach of how they travel and once for what they can join
from home. The answers are merged by place and read back with the index's facts (`directory.search.facts`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from django.db.models import Min

from connected.directory.models import CostOption
from connected.directory.search import SearchQuery, SearchResult, search
from connected.directory.search.facts import entry_facts

from .concepts import keywords
from .constraints import SEARCH_RADIUS_KM, Candidate, Seeker

PER_QUESTION = 40
MAX_WORDS = 4


def questions(s: Seeker) -> list[SearchQuery]:
    """The search queries that gather a person's candidates (ages filtered by search itself)."""
    codes = tuple(dict.fromkeys([c.code for c in s.cues] + list(s.need_codes)))
    asks = [SearchQuery(term_codes=codes)] if codes else []
    asks += [SearchQuery(text=w) for w in keywords(s.words, MAX_WORDS)]
    asks.append(SearchQuery())
    age = s.age if s.age is not None and 0 <= s.age <= 130 else None
    located = s.point is not None and s.travel in SEARCH_RADIUS_KM
    out = []
    for ask in asks:
        ask = replace(ask, age=age, per_page=PER_QUESTION)
        if located:
            lat, lon = s.point
            out.append(replace(ask, latitude=lat, longitude=lon, radius_km=SEARCH_RADIUS_KM[s.travel]))
        if ask.text or ask.term_codes or not located:  # from home: what they asked about, or all they can reach
            home = replace(ask, delivery=("online", "phone") if s.digital != "no" else ("phone",))
            if s.point is not None:
                # With a point, search adds the listings with no place through its own index of them (a
                # national scan without one); the small radius only adds nearby places that are also online.
                lat, lon = s.point
                home = replace(home, latitude=lat, longitude=lon, radius_km=SEARCH_RADIUS_KM.get(s.travel, 1.6))
            out.append(home)
    return out


def gather(s: Seeker, now: datetime | None = None) -> list[Candidate]:
    """Every place the questions found, once, with the index's facts."""
    found: dict[tuple, SearchResult] = {}
    for q in questions(s):
        for r in search(q).results:
            key = (r.service_id, r.location_id)
            if key not in found or (r.distance_km or 0) < (found[key].distance_km or 0):
                found[key] = r
    facts = entry_facts(found)
    cheapest = dict(
        CostOption.objects.filter(service_id__in={k[0] for k in found}, amount__isnull=False)
        .values("service_id")
        .annotate(least=Min("amount"))
        .values_list("service_id", "least")
    )
    out = []
    for key, r in found.items():
        f = facts.get(key)
        if f is None:
            continue
        out.append(
            Candidate(
                service_id=r.service_id,
                location_id=r.location_id,
                name=r.service_name,
                organisation=r.organization_name,
                distance_km=r.distance_km,
                delivery=f.delivery,
                term_codes=f.term_codes,
                access_codes=f.access_codes,
                min_age=f.min_age,
                max_age=f.max_age,
                is_free=f.is_free,
                sessions=f.sessions,
                has_rules=f.has_rules,
                upcoming=r.next_session is not None,
                text=f.text,
                next_session_text=r.next_session_text,
                cheapest=cheapest.get(r.service_id),
            )
        )
    return out
