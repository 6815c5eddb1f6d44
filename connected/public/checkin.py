"""The check-in, shared by the web pages and the conversation API: what to ask, what the answers mean,
which tips and nearby activities to show, and when to put urgent help first.

Nothing here stores anything. Wording and scoring come from `connected.measures` (the ONS guidance's
exact questions, UCLA items before the direct question); tips and help lines from the content file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from connected.core.places import Place, miles_to_km
from connected.directory.search import SearchQuery, SearchResult, search
from connected.directory.vocabulary import Delivery
from connected.measures import registry
from connected.measures.definitions import Instrument, Item
from connected.measures.scoring import ScoredResponse, score

from . import tips

LONELINESS = ("ucla3", "ons-direct")  # asked in this order (registry.ordered enforces it)
WELLBEING = "ons4"  # optional
# ONS4 answers at or below this on these items put urgent help first (a very low mood or sense of worth).
URGENT_AT_MOST = {"happiness": 1, "worthwhile": 1}
NEARBY_MILES = 5
NEARBY_COUNT = 3
CONNECT_DELIVERY = {"in_person": Delivery.IN_PERSON, "phone": Delivery.PHONE, "online": Delivery.ONLINE}


def loneliness_instruments() -> list[Instrument]:
    return registry.ordered(LONELINESS)


def wellbeing_instrument() -> Instrument:
    return registry.get(WELLBEING)


def questions(*, wellbeing: bool = False) -> list[tuple[Instrument, Item]]:
    """Every item in asking order: the UCLA 3 items, the direct question, then ONS4 when asked."""
    chosen = [*loneliness_instruments(), *([wellbeing_instrument()] if wellbeing else [])]
    return [(instrument, item) for instrument in chosen for item in instrument.items]


@dataclass(frozen=True)
class Profile:
    """What the person chose to tell us about themselves (all optional)."""

    age_band: str = ""
    circumstances: tuple[str, ...] = ()
    connect: tuple[str, ...] = ()
    self_harm: bool = False


@dataclass(frozen=True)
class Result:
    lonely: str  # the direct question's answer label, e.g. "Some of the time"
    lonely_value: str
    ucla_score: int
    ucla_band: str
    urgent: bool
    tips: list[tips.Tip]
    summary: str
    scored: dict[str, ScoredResponse] = field(default_factory=dict)


def is_urgent(wellbeing: ScoredResponse | None, profile: Profile) -> bool:
    """Urgent help first when the person says they have thought of harming themselves, or ONS4 is very low."""
    if profile.self_harm:
        return True
    if wellbeing is None:
        return False
    return any(int(wellbeing.answers[item]) <= limit for item, limit in URGENT_AT_MOST.items())


def assess(answers: dict[str, dict[str, str]], profile: Profile) -> Result:
    """Score complete answers (instrument code -> item answers) and choose tips; raises ResponseInvalid."""
    scored = {code: score(registry.get(code), answers[code]) for code in (*LONELINESS, WELLBEING) if code in answers}
    direct = scored["ons-direct"].score("lonely")
    ucla = scored["ucla3"].score("total")
    facts = {
        "lonely": (scored["ons-direct"].answers["lonely"],),
        "ucla": (ucla.band or "",),
        "age_band": (profile.age_band,) if profile.age_band else (),
        "circumstances": profile.circumstances,
        "connect": profile.connect,
    }
    return Result(
        lonely=direct.band or "",
        lonely_value=scored["ons-direct"].answers["lonely"],
        ucla_score=ucla.value,
        ucla_band=ucla.band or "",
        urgent=is_urgent(scored.get(WELLBEING), profile),
        tips=tips.choose(facts),
        summary=summary(direct.band or "", ucla.value, ucla.band or ""),
        scored=scored,
    )


def summary(lonely: str, ucla_score: int, ucla_band: str) -> str:
    """One plain sentence of the answers, which the person may copy into a self-referral."""
    return (
        f"I did the loneliness check-in. I feel lonely: {lonely.lower()}. "
        f"My score on the three loneliness questions was {ucla_score} out of 9 ({ucla_band.lower()})."
    )


def nearby(place: Place | None, connect: tuple[str, ...] = (), *, count: int = NEARBY_COUNT) -> list[SearchResult]:
    """A few activities near the person, in the ways they like to connect; any way if none of those is near."""
    delivery = tuple(CONNECT_DELIVERY[c] for c in connect if c in CONNECT_DELIVERY)
    remote_only = bool(delivery) and Delivery.IN_PERSON not in delivery
    if place is None and not remote_only:
        return []

    def ask(ways: tuple[str, ...]) -> list[SearchResult]:
        query = SearchQuery(
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            radius_km=miles_to_km(NEARBY_MILES) if place else None,
            delivery=ways,
            per_page=count,
        )
        return search(query).results

    found = ask(delivery)
    if not found and delivery and place is not None:
        found = ask(())
    return found
