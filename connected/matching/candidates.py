"""Candidates for one person from `directory.search`: its stemming, typo correction, filters and distance.

A bounded set, whatever the directory's size (ADR 0046): a few questions, each answered by search's bounded
form (`directory.search.nearby`) with at most a set number of places. What the person said (the activity
types their words point at, and their telling words, any of them) is one question; what they need is another,
so that a common need does not crowd out what they asked for; anything near them is the third. Each is asked
within reach of how they travel, nearest first, and for what they can join from home (listings with no place,
through search's index of them). The answers are merged by place and read back with the index's facts
(`directory.search.facts`); ranking them is Python's (`ranking`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from connected.directory.models import CostOption
from connected.directory.search import SearchQuery, nearby
from connected.directory.search.facts import facts_by_entry
from connected.directory.search.results import rule_from_json
from connected.directory.sessions import next_occurrence, rule_next

from .concepts import keywords
from .constraints import SEARCH_RADIUS_KM, Candidate, Seeker

# How many places each question may bring back: the candidate set is bounded, whatever the directory's size.
STRONG, NEEDS, NEARBY, REMOTE = 40, 20, 20, 30
MAX_WORDS = 4


@dataclass(frozen=True)
class Question:
    query: SearchQuery
    limit: int
    either: bool = False  # any of its words or term codes (else: term codes only, or anything)
    from_home: bool = False  # listings with no place; else places within reach, nearest first


def questions(s: Seeker) -> list[Question]:
    """The few bounded questions that gather a person's candidates; ages, access and cost-free filtered by search.

    What they said (activity types and telling words, one any-of question) and what they need are asked apart,
    so common needs ("loneliness") do not crowd out what they asked for; anything near comes last.
    """
    cue_codes = tuple(dict.fromkeys(c.code for c in s.cues))
    need_codes = tuple(c for c in dict.fromkeys(s.need_codes) if c not in cue_codes)
    text = " ".join(keywords(s.words, MAX_WORDS))
    age = s.age if s.age is not None and 0 <= s.age <= 130 else None
    base = SearchQuery(age=age, free_only=s.max_cost is not None and s.max_cost == 0)
    asks = []
    if text or cue_codes:
        asks.append((replace(base, text=text, term_codes=cue_codes), STRONG, True))
    if need_codes:
        asks.append((replace(base, term_codes=need_codes), NEEDS, False))
    out = []
    if s.point is not None and s.travel in SEARCH_RADIUS_KM:
        lat, lon = s.point
        near = replace(base, latitude=lat, longitude=lon, radius_km=SEARCH_RADIUS_KM[s.travel])
        near = replace(near, accessibility=tuple(s.access_needs))
        out += [Question(replace(near, text=q.text, term_codes=q.term_codes), n, e) for q, n, e in asks]
        out.append(Question(near, NEARBY))
    home = replace(base, delivery=("online", "phone") if s.digital != "no" else ("phone",))
    out += [Question(replace(home, text=q.text, term_codes=q.term_codes), n, e, True) for q, n, e in asks]
    if s.point is None or s.travel not in SEARCH_RADIUS_KM or not asks:
        out.append(Question(home, REMOTE, from_home=True))
    return out


def upcoming(rules: tuple[dict, ...], now: datetime) -> bool:
    """A session is still to come: always for an open-ended series; worked out only for one that ends."""
    return any(
        (r["ends"] is None and not r.get("count")) or rule_next(rule_from_json(r), now) is not None for r in rules
    )


def with_next_session(c: Candidate, now: datetime | None = None) -> Candidate:
    """`c` with its next session in words (worked out for the few shown, not every candidate)."""
    when = next_occurrence([rule_from_json(r) for r in c.rules], now or timezone.now())
    return replace(c, next_session_text=when.text if when else "")


def costs(s: Seeker, services: set) -> dict:
    """The cheapest listed cost of each service, when what they can pay is a limit other than free only."""
    if s.max_cost is None or s.max_cost == 0 or not services:
        return {}
    return dict(
        CostOption.objects.filter(service_id__in=services, amount__isnull=False)
        .values("service_id")
        .annotate(least=Min("amount"))
        .values_list("service_id", "least")
    )


def gather(s: Seeker, now: datetime | None = None) -> list[Candidate]:
    """Every place the questions found, once, with the index's facts."""
    now = now or timezone.now()
    found: dict[int, float | None] = {}
    for q in questions(s):
        ask = nearby.remote if q.from_home else nearby.nearest
        for place in ask(q.query, q.limit, either=q.either):
            found.setdefault(place.entry_id, place.distance_km)
    facts = facts_by_entry(found)
    cheapest = costs(s, {f.service_id for f in facts.values()})
    return [
        Candidate(
            service_id=f.service_id,
            location_id=f.location_id,
            name=f.service_name,
            organisation=f.organization_name,
            distance_km=round(found[entry], 3) if found[entry] is not None else None,
            delivery=f.delivery,
            term_codes=f.term_codes,
            access_codes=f.access_codes,
            min_age=f.min_age,
            max_age=f.max_age,
            is_free=f.is_free,
            sessions=f.sessions,
            has_rules=f.has_rules,
            upcoming=upcoming(f.rules, now),
            text=f.text,
            cheapest=cheapest.get(f.service_id),
            rules=f.rules,
        )
        for entry, f in facts.items()
    ]
