"""From a person's words and circumstances to the directory's activity types and needs.

A small hand-written lexicon: people say "I used to sing in church" or "I miss being outdoors", listings are
filed as choir or walking group. Each cue is a word stem; a cue found in the person's words points at codes of
Connected's own vocabulary (`directory.vocabulary`). Semantic matching (ADR 0031) widens this; the lexicon is
what the lexical ranker knows, and it is written down here so a link worker can read why a suggestion came up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connected.directory.search.text import STOP_WORDS, stem, words

_CUES: dict[str, tuple[str, ...]] = {
    "walking-group": ("walk", "walking", "ramble", "hike", "outdoors", "outside", "fresh air", "countryside", "park"),
    "gardening": ("garden", "gardening", "allotment", "plants", "grow", "vegetables", "outdoors", "nature"),
    "choir": ("sing", "singing", "choir", "songs", "music", "hymns"),
    "reading-group": ("read", "reading", "books", "novels", "library", "stories", "poetry"),
    "arts-crafts": ("craft", "crafts", "knit", "knitting", "sew", "sewing", "paint", "painting", "draw", "art"),
    "mens-shed": ("woodwork", "carpentry", "tools", "fix", "mend", "tinker", "workshop", "shed", "engines"),
    "exercise": ("exercise", "fitness", "dance", "dancing", "yoga", "swim", "swimming", "active", "tai chi"),
    "lunch-club": ("lunch", "meal", "cook", "cooking", "food", "dinner", "eat"),
    "coffee-morning": ("coffee", "tea", "chat", "natter", "company", "drop in", "cake"),
    "digital-skills": ("computer", "internet", "online", "tablet", "phone", "smartphone", "email", "video call"),
    "telephone-friendship": ("phone call", "calls", "ring", "talk on the phone"),
    "befriending": ("visit", "visits", "someone to talk to", "befriend", "befriending", "companion"),
    "bereavement-support": ("bereaved", "died", "passed away", "loss", "grief", "widow", "widower", "lost my"),
    "parent-baby": ("baby", "babies", "toddler", "new mum", "new dad", "mums", "parents"),
    "volunteering": ("volunteer", "volunteering", "give back", "help others", "useful", "purpose"),
    "faith-community": ("church", "chapel", "mosque", "temple", "gurdwara", "synagogue", "faith", "prayer"),
    "peer-support": ("people like me", "same boat", "share experience", "support group", "peer"),
    "advice": ("money", "debt", "benefits", "bills", "housing", "advice"),
}

# Casework's needs (Referral.needs) and risk circumstances (Person.risk_circumstances) to directory codes.
NEED_CODES: dict[str, tuple[str, ...]] = {
    "loneliness": ("loneliness",),
    "mental_health": ("mental-wellbeing",),
    "physical_activity": ("physical-activity", "exercise", "walking-group"),
    "long_term_condition": ("disability",),
    "money": ("advice",),
    "housing": ("advice",),
    "employment": ("unemployed", "volunteering"),
    "caring": ("carers",),
    "bereavement": ("bereavement", "bereavement-support"),
}
CIRCUMSTANCE_CODES: dict[str, tuple[str, ...]] = {
    "bereaved": ("bereavement", "bereavement-support"),
    "disability": ("disability",),
    "new_parent": ("new-parent", "parent-baby"),
    "moved": ("new-to-area",),
    "refugee": ("refugees",),
    "unemployed": ("unemployed", "volunteering"),
    "young_adult": ("young-adults",),
    "carer": ("carers",),
}
NEED_LABELS = {
    "loneliness": "feeling lonely",
    "mental-wellbeing": "their mood",
    "physical-activity": "wanting to be more active",
    "disability": "their condition",
    "advice": "money or housing worries",
    "unemployed": "looking for work",
    "carers": "caring for someone",
    "bereavement": "their bereavement",
    "new-parent": "being a new parent",
    "new-to-area": "being new to the area",
    "refugees": "being new to the country",
    "young-adults": "their age",
    "older-people": "their age",
}


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(phrase))


_CUE_STEMS = [(code, _stems(cue)) for code, cues in _CUES.items() for cue in cues]


@dataclass(frozen=True)
class Cue:
    code: str  # directory activity type
    said: str  # the person's own phrase it was found in


def clauses(text: str) -> list[str]:
    """The person's words split into short phrases, to quote back ("you said you miss being outdoors")."""
    parts = re.split(r"[.;!?\n]+|,\s*|\band\b|\bbut\b", text or "")
    return [p.strip() for p in parts if len(p.strip()) > 2]


def cues(text: str) -> list[Cue]:
    """Activity types the person's words point at, each with the phrase that said so (first phrase wins)."""
    found: dict[str, Cue] = {}
    for phrase in clauses(text):
        have = _stems(phrase)
        joined = f" {' '.join(have)} "
        for code, cue in _CUE_STEMS:
            if code not in found and f" {' '.join(cue)} " in joined:
                found[code] = Cue(code, phrase)
    return list(found.values())


def keywords(text: str, limit: int = 6) -> list[str]:
    """Content words to search the directory's text for, most telling first (longest, as a cheap proxy)."""
    seen = dict.fromkeys(w for w in words(text or "") if w not in STOP_WORDS and len(w) > 3 and w not in _VAGUE)
    return sorted(seen, key=lambda w: (-len(w), w))[:limit]


_VAGUE = frozenset(
    [
        "like",
        "would",
        "want",
        "used",
        "really",
        "some",
        "more",
        "things",
        "thing",
        "people",
        "feel",
        "going",
        "just",
        "been",
        "being",
        "with",
        "them",
        "they",
        "that",
        "this",
        "what",
        "when",
        "also",
        "very",
        "much",
        "time",
        "back",
        "well",
        "know",
        "make",
    ]
)
