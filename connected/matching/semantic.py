"""Ranking by meaning: "I used to sing in church" finds a community choir (issue 15 part 2, ADR 0047).

Two rankers beside the lexical one, chosen by `settings.MATCHING_RANKER`:

- **semantic**: the person's words as a vector; the activity types nearest in meaning join the cues the
  lexicon found (so search asks for them too), and allowed candidates are ranked by how near each listing's
  vector is to the person's words, ranked down once for an activity type they stopped.
- **combined**: the lexical score (`ranking.score`) with those extra cues, plus `SEMANTIC_WEIGHT` times the
  nearness: the lexicon's explicit reasons, widened and ordered by meaning.

Constraints, candidates and reasons are the lexical ranker's own; only the order and the cues differ.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import cache

import numpy as np

from connected.directory.vocabulary import ACTIVITIES

from .candidates import gather
from .concepts import NEED_LABELS, Cue, clauses
from .constraints import Seeker, broken
from .embedding import embed
from .ranking import Suggestion, ranked, score
from .vectors import nearness

RANKERS = ("lexical", "semantic", "combined")
TOP = 10
TYPE_NEARNESS = 0.4  # an activity type this near to a phrase of theirs is a cue (labelled set, ADR 0047)
MAX_TYPES = 2
MEANING_NOTE = 0.2  # nearness from which the reason says meaning brought it up
STOPPED_NEARNESS = 0.25  # how far down the semantic ranker puts a type they stopped (nearness is 0 to 1)


@cache
def _types() -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    vectors = embed([f"{t.label}. {t.description}" for t in ACTIVITIES])
    return tuple(t.code for t in ACTIVITIES), vectors, vectors.mean(0)


def centre() -> np.ndarray:
    """The mean of the activity types' vectors. A static model's vectors all lean one way, and some types
    ("volunteering") sit near everything; measured from this centre, nearness tells types apart (ADR 0047)."""
    return _types()[2]


def centred(vectors: np.ndarray) -> np.ndarray:
    """Rows less the centre, back to unit length (a zero row stays zero)."""
    out = vectors - centre()
    out[~vectors.any(axis=1)] = 0.0
    return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-9)


def type_vectors() -> tuple[tuple[str, ...], np.ndarray]:
    """Each activity type's label and description as a centred vector."""
    codes, vectors, _ = _types()
    return codes, centred(vectors)


def said(s: Seeker) -> str:
    """What the person's vector is made from: their words, or failing those, what their needs are."""
    return s.words.strip() or ", ".join(NEED_LABELS[n] for n in s.need_codes if n in NEED_LABELS)


def meant_types(s: Seeker) -> list[Cue]:
    """Activity types near in meaning to a phrase of theirs that the lexicon did not already find."""
    phrases = clauses(s.words)
    if not phrases:
        return []
    codes, types = type_vectors()
    near = centred(embed(phrases)) @ types.T  # (phrases, types)
    have = {c.code for c in s.cues}
    best = sorted(((float(near[:, j].max()), j) for j in range(len(codes))), reverse=True)
    out = []
    for value, j in best[:MAX_TYPES]:
        if value >= TYPE_NEARNESS and codes[j] not in have:
            out.append(Cue(codes[j], phrases[int(near[:, j].argmax())]))
    return out


def widened(s: Seeker) -> Seeker:
    """The seeker with the activity types their words mean added to their cues."""
    return replace(s, cues=s.cues + tuple(meant_types(s)))


def semantic_points(nearness: float, x: Suggestion) -> float:
    """The semantic ranker's score: nearness in meaning, less a fixed step for a type they stopped."""
    return round(nearness - (STOPPED_NEARNESS if x.ranked_down else 0.0), 4)


def order(s: Seeker, found: list, ranker: str, limit: int = TOP) -> list[Suggestion]:
    """The top `limit` of allowed candidates, one place per activity, by `ranker` (semantic or combined)."""
    ok = [c for c in found if not broken(s, c)]
    query = centred(embed([said(s)]))[0]
    near = nearness(query, {c.service_id for c in ok}, centre())
    scored = [score(s, c, near.get(c.service_id, 0.0)) for c in ok]
    if ranker == "semantic":
        scored = [replace(x, score=semantic_points(near.get(x.candidate.service_id, 0.0), x)) for x in scored]
    out, seen = [], set()
    for x in ranked(s, scored):
        if x.candidate.service_id not in seen:
            seen.add(x.candidate.service_id)
            out.append(explained(s, x, near.get(x.candidate.service_id, 0.0)))
        if len(out) == limit:
            break
    return out


def explained(s: Seeker, x: Suggestion, nearness: float) -> Suggestion:
    """Says so when meaning brought it up and nothing they said in words did."""
    if nearness < MEANING_NOTE or any(p in x.reason for p in ("you said", "it mentions", "close in meaning")):
        return x
    quote = s.words.strip().split("\n")[0]
    if not quote:
        return replace(x, reason=f"{x.reason}; close in meaning to what they need")
    quote = quote if len(quote) <= 60 else quote[:57].rsplit(" ", 1)[0] + "…"
    return replace(x, reason=f"{x.reason}; close in meaning to what they said (“{quote}”)")


def suggestions(s: Seeker, ranker: str, limit: int = TOP, now: datetime | None = None) -> list[Suggestion]:
    """Candidates from search (asked also about the types their words mean), constrained, ranked by meaning."""
    if ranker not in RANKERS[1:]:
        raise ValueError(f"MATCHING_RANKER must be one of {', '.join(RANKERS)}, not {ranker!r}")
    wide = widened(s)
    return order(wide, gather(wide, now), ranker, limit)
