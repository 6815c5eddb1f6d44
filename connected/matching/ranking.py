"""Soft preferences: how well an allowed activity fits a person, and why, in plain words.

Pure Python over `constraints.Seeker` and `constraints.Candidate`. Each part of the score adds a phrase to
the reason, so the reason is the score read aloud: the activity and how far, when, cost and access first,
then what the person said that it answers, then anything that ranked it down.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from connected.directory.search.masks import ACCESS_LABEL
from connected.directory.search.text import stem
from connected.directory.vocabulary import ACTIVITIES, DAY_NAMES, DAYS

from .concepts import NEED_LABELS, keywords
from .constraints import PARTS, REACH_KM, Candidate, Seeker, fits_time, in_person_route, minutes_by, remote_route

CUE_WEIGHT, WORD_WEIGHT, NEED_WEIGHT, STOPPED_WEIGHT, SEMANTIC_WEIGHT = 3.0, 1.5, 1.0, -4.0, 4.0


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: float
    reason: str  # one sentence
    distance: str  # the map-free distance line
    ranked_down: str = ""  # why it was ranked lower, when it was


def _when(s: Seeker, c: Candidate) -> str:
    fitting = [x for x in c.sessions if not s.free or fits_time(x, s.free)]
    seen: list[str] = []
    for x in fitting:
        part = next(p for p, (a, b) in PARTS.items() if a <= x.opens < b)
        phrase = f"{DAY_NAMES[DAYS[x.day]]} {part}s"
        if phrase not in seen:
            seen.append(phrase)
    if not seen:
        return c.next_session_text and f"next on {c.next_session_text}"
    return "on " + " and ".join(seen[:2]) + (" and other times" if len(seen) > 2 else "")


def distance_line(s: Seeker, c: Candidate) -> str:
    """How far, in minutes by their way of travelling and in miles; or how they join from home."""
    if in_person_route(s, c):
        km = c.distance_km or 0.0
        how = {"walk": "walk", "bus": "by bus", "car": "by car"}[s.travel]
        mins = minutes_by(s.travel, km)
        return f"About {mins} minutes {how} ({km / 1.609344:.1f} miles)"
    route = remote_route(s, c)
    return {"phone": "From home, by phone", "online": "From home, online"}.get(route, "")


def _where(s: Seeker, c: Candidate) -> str:
    if in_person_route(s, c):
        mins = minutes_by(s.travel, c.distance_km or 0.0)
        return {"walk": f"{mins} minutes' walk away", "bus": f"{mins} minutes away by bus"}.get(
            s.travel, f"{mins} minutes away by car"
        )
    return {"phone": "by phone from home", "online": "online from home"}[remote_route(s, c)]


# How an activity type reads after "a": the vocabulary's labels are headings ("Gardening"), not nouns.
NOUNS = {
    "choir": "choir", "gardening": "gardening group", "digital-skills": "digital skills session",
    "bereavement-support": "bereavement support group", "volunteering": "volunteering role",
    "arts-crafts": "arts and crafts group", "exercise": "exercise class", "befriending": "befriending service",
    "telephone-friendship": "telephone friendship service", "faith-community": "faith and community group",
    "advice": "advice service", "mens-shed": "men's shed",
}  # fmt: skip


def _what(c: Candidate) -> str:
    kinds = [NOUNS.get(t.code, t.label.lower()) for t in ACTIVITIES if t.code in c.term_codes]
    return kinds[0] if kinds else "group"


@lru_cache(maxsize=512)
def _telling(words: str) -> tuple[tuple[str, str], ...]:
    """Their telling words with each one's stem (worked out once per person, not per candidate)."""
    return tuple((w, f" {stem(w)} ") for w in keywords(words))


def _parts(s: Seeker, c: Candidate, similarity: float) -> tuple[float, list[str], list[str], str]:
    """The score, what they said that it answers, the needs it helps with, and why it was ranked down."""
    points, said, ranked_down = 0.0, [], ""
    for cue in s.cues:
        if cue.code in c.term_codes:
            points += CUE_WEIGHT
            said.append(f"you said “{cue.said}”")
    text = f" {c.text} "
    hits = [w for w, token in _telling(s.words) if token in text]
    points += WORD_WEIGHT * min(2, len(hits))
    if hits and not said:
        said.append(f"it mentions “{hits[0]}”")
    helps = [NEED_LABELS[n] for n in s.need_codes if n in c.term_codes and n in NEED_LABELS]
    points += NEED_WEIGHT * min(2, len(helps))
    if in_person_route(s, c):
        points += 1.0 - (c.distance_km or 0.0) / max(REACH_KM[s.travel], 0.1)
    else:
        points += 1.0 if s.travel == "none" else 0.3
    points += 0.5 if c.is_free else 0.0
    points += SEMANTIC_WEIGHT * max(0.0, similarity)
    for code in c.term_codes:
        if code in s.stopped:
            activity, why = s.stopped[code]
            points += STOPPED_WEIGHT
            ranked_down = f"ranked lower: they stopped going to {activity}" + (f" ({why})" if why else "")
            break
    return round(points, 4), said, helps, ranked_down


def points(s: Seeker, c: Candidate, similarity: float = 0.0) -> float:
    """`score`'s number alone, for ranking every candidate before the few shown are explained."""
    return _parts(s, c, similarity)[0]


def score(s: Seeker, c: Candidate, similarity: float = 0.0) -> Suggestion:
    """How well `c` fits `s` (higher is better) with the reason; `c` must break no hard constraint."""
    total, said, helps, ranked_down = _parts(s, c, similarity)
    facts = [f"a {_what(c)} {_where(s, c)}", _when(s, c)]
    facts.append("free" if c.is_free else "")
    facts += [ACCESS_LABEL[a].lower() for a in s.access_needs if a in c.access_codes and in_person_route(s, c)]
    reason = ", ".join(f for f in facts if f)
    if said:
        reason += "; " + " and ".join(said[:2])
    if helps:
        reason += f"; it can help with {' and '.join(dict.fromkeys(helps))}"
    if similarity >= 0.5 and not said:
        reason += "; close in meaning to what they told you"
    if ranked_down:
        reason += f"; {ranked_down}"
    reason = reason[0].upper() + reason[1:]
    return Suggestion(c, total, reason, distance_line(s, c), ranked_down)


def order_key(c: Candidate, total: float) -> tuple:
    """Best first; ties by nearer, then by name, so the order is the same on both databases."""
    return (-total, c.distance_km or 0.0, c.name, str(c.service_id))


def ranked(s: Seeker, suggestions: list[Suggestion]) -> list[Suggestion]:
    """Best first; ties by nearer, then by name, so the order is the same on both databases."""
    return sorted(suggestions, key=lambda x: order_key(x.candidate, x.score))
