"""SROI inputs: how many people reached each outcome, times the evaluator's own value for it.

Counts come from the scheme's records for people referred in the period and are suppressed before
anything is multiplied: a withheld count gives no value (its value would reveal it), and the total
says which outcomes it leaves out. Outcomes judged on before/after answers are published with the
people who answered twice, as one suppressed row (improved, not improved, total), so no small
"not improved" figure can be had by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from connected.casework.models import Contact, Introduction, Referral
from connected.casework.vocabulary import ContactMode
from connected.core.models import Scheme
from connected.measures.change import Outcome

from . import measure_pairs
from .evaluation import in_period, still_going_at_3_months
from .sroi_models import SroiProxy
from .suppression import shown, suppress_count, suppress_table

# code -> (label, instrument, score, how judged: "improved" | "left_band" | None for a plain count)
OUTCOMES: dict[str, tuple[str, str, str, str | None]] = {
    "supported": ("People supported by a link worker (one contact or more)", "", "", None),
    "less_lonely_ons": ("Less lonely by the ONS direct question", "ons-direct", "lonely", "improved"),
    "left_often_always": (
        "No longer often or always lonely (ONS direct question)",
        "ons-direct",
        "lonely",
        "left_band",
    ),
    "less_lonely_ucla": ("Less lonely by the UCLA 3-item scale", "ucla3", "total", "improved"),
    "wellbeing_improved": ("Life satisfaction improved (ONS4)", "ons4", "life_satisfaction", "improved"),
    "connected_3_months": ("Connected to an activity and still going at 3 months", "", "", None),
}


@dataclass
class OutcomeLine:
    code: str
    label: str
    people: int | None  # reached the outcome (None: withheld)
    asked: int | None  # answered before and after (None: withheld or not a before/after outcome)
    proxy: SroiProxy | None
    value: Decimal | None  # people x proxy x (1 - deadweight)
    working: str


def _plain_counts(referral_ids: list, person_of: dict) -> dict[str, int]:
    contacted = {
        person_of[c] for c in Contact.objects.filter(referral_id__in=referral_ids).exclude(mode=ContactMode.ATTEMPT)
        .values_list("referral_id", flat=True)
    }  # fmt: skip
    intros = Introduction.objects.filter(referral_id__in=referral_ids).values(
        "referral_id", "status", "created_at", "updated_at"
    )
    going = {person_of[i["referral_id"]] for i in intros if still_going_at_3_months(i)}
    return {"supported": len(contacted), "connected_3_months": len(going)}


def outcome_counts(*, scheme: Scheme, start: date | None, end: date | None) -> dict[str, tuple[int, int | None]]:
    """code -> (people reaching it, people asked before and after or None) — raw, before suppression."""
    referrals = Referral.objects.filter(in_period(start, end), scheme=scheme).filter(person__erased_at__isnull=True)
    person_of = dict(referrals.values_list("id", "person_id"))
    owner = {str(k): v for k, v in person_of.items()}
    points = measure_pairs.points(measure_pairs.case_responses(owner), owner.__getitem__)
    plain = _plain_counts(list(person_of), person_of)
    counts: dict[str, tuple[int, int | None]] = {}
    for code, (_, instrument, score, judged) in OUTCOMES.items():
        if judged is None:
            counts[code] = (plain[code], None)
            continue
        mine = [p for (who, c, s), p in points.items() if c == instrument and s == score and p.paired]
        if judged == "improved":
            hits = [measure_pairs.change_of(instrument, score, p) == Outcome.IMPROVED for p in mine]
        else:
            hits = [x for x in (measure_pairs.left_band(instrument, score, p) for p in mine) if x is not None]
        counts[code] = (sum(hits), len(hits))
    return counts


def proxies_for(scheme: Scheme, start: date | None, end: date | None) -> dict[str, SroiProxy]:
    found = SroiProxy.objects.filter(scheme=scheme, period_start=start, period_end=end) if start and end else []
    return {p.outcome: p for p in found}


def _money(value: Decimal) -> str:
    return f"£{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def lines(*, scheme: Scheme, start: date | None, end: date | None) -> list[OutcomeLine]:
    counts = outcome_counts(scheme=scheme, start=start, end=end)
    proxies = proxies_for(scheme, start, end)
    out = []
    for code, (label, *_rest) in OUTCOMES.items():
        hits, asked = counts[code]
        if asked is None:
            people, shown_asked = suppress_count(hits), None
        else:
            table = suppress_table([[hits, asked - hits]])
            people, shown_asked = table.cells[0][0], table.row_totals[0]
        proxy = proxies.get(code)
        value, working = None, "No value entered for this outcome"
        if proxy and people is None:
            working = f"Not valued: {shown(None)} people (the value would reveal the count)"
        elif proxy:
            kept = 1 - proxy.deadweight / Decimal(100)
            value = (Decimal(people) * proxy.value * kept).quantize(Decimal("0.01"), ROUND_HALF_UP)
            working = f"{people:,} x {_money(proxy.value)} x (100% - {proxy.deadweight}% deadweight) = {_money(value)}"
        out.append(OutcomeLine(code, label, people, shown_asked, proxy, value, working))
    return out


def total(found: list[OutcomeLine]) -> tuple[Decimal, list[str]]:
    """The sum of the outcomes valued, and the labels of those left out."""
    valued = [line.value for line in found if line.value is not None]
    left_out = [line.label for line in found if line.proxy is not None and line.value is None]
    return sum(valued, Decimal(0)), left_out
