"""The evaluation extract: one row per person, pseudonymised, for an independent evaluator (ADR 0028).

Why these choices:
* Pseudonym: HMAC-SHA256 of the person's id under a random key made for this export and never stored,
  so rows of one export can be told apart and joined across its sheets, but not linked to another
  export, to Connected's ids, or back to a person by anyone (the key is gone when the file is made).
* Dates: calendar dates leave only as the quarter of the first referral; every other moment is a
  whole number of days after that referral. Waits and durations survive exactly; a date that could
  be matched against a GP record does not.
* Area: the IMD decile of the person's postcode, not the LSOA (about 1,500 residents: with age band
  and sex it narrows to a handful of people in a small scheme). Ethnicity as the five broad groups.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from connected.casework.models import Contact, Introduction, Person, Referral
from connected.casework.vocabulary import ContactMode, IntroductionStatus
from connected.core.models import Postcode, Scheme
from connected.measures import registry

from . import measure_pairs

AGE_BANDS = ((0, 15, "under 16"), (16, 24, "16-24"), (25, 34, "25-34"), (35, 49, "35-49"), (50, 64, "50-64"))
AGE_BANDS += ((65, 74, "65-74"), (75, 84, "75-84"), (85, 200, "85+"))
ETHNIC_GROUPS = {"ABC": "White", "DEFG": "Mixed", "HJKL": "Asian", "MNP": "Black", "RS": "Other"}
STILL_GOING_DAYS = 91  # "still going at 3 months": confirmed still going at least 13 weeks after the introduction
BASE_COLUMNS = [
    "pseudonym", "age_band", "gender", "ethnic_group", "imd_decile", "lives_alone", "is_carer",
    "risk_circumstances", "first_referral_quarter", "referrals", "source", "days_to_first_contact",
    "days_to_close", "status", "outcome", "contacts", "contact_attempts", "introductions",
    *[f"introductions_{s}" for s in IntroductionStatus.values], "still_going_at_3_months",
]  # fmt: skip


def new_key() -> bytes:
    """A fresh secret for one export; callers drop it when the file is written."""
    return secrets.token_bytes(32)


def pseudonym(key: bytes, person_id) -> str:
    return hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()[:20]


def age_band(born: date | None, on: date) -> str:
    if born is None:
        return ""
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(label for low, high, label in AGE_BANDS if low <= age <= high) if age >= 0 else ""


def ethnic_group(code: str) -> str:
    if code in ("", "99"):
        return "Not known"
    if code == "Z":
        return "Not stated"
    return next((group for letters, group in ETHNIC_GROUPS.items() if code in letters), "Not known")


def quarter(at: datetime) -> str:
    return f"{at.year}-Q{(at.month - 1) // 3 + 1}"


def days_after(start: datetime, at: datetime | None) -> int | str:
    return "" if at is None else (at - start).days


def still_going_at_3_months(intro: dict) -> bool:
    status_ok = intro["status"] == IntroductionStatus.STILL_GOING
    return status_ok and (intro["updated_at"] - intro["created_at"]).days >= STILL_GOING_DAYS


@dataclass
class Extract:
    columns: list[str]
    rows: list[dict]
    people: list  # the ids included, for the one audit event (never written to the file)


def in_period(start: date | None, end: date | None, field: str = "received_at") -> Q:
    q = Q()
    if start:
        q &= Q(**{f"{field}__date__gte": start})
    if end:
        q &= Q(**{f"{field}__date__lte": end})
    return q


def instrument_columns(codes: list[str]) -> list[tuple[str, str]]:
    """(instrument, score) pairs in asking order: every score of each instrument."""
    return [(i.code, s.id) for i in registry.ordered(codes) for s in i.scores]


def build(*, scheme: Scheme, start: date | None = None, end: date | None = None, key: bytes) -> Extract:
    """The extract for one scheme's people referred in [start, end] (erased people are left out)."""
    referrals = list(
        Referral.objects.filter(in_period(start, end), scheme=scheme, person__erased_at__isnull=True)
        .order_by("received_at")
        .values("id", "person_id", "received_at", "first_contact_at", "closed_at", "status", "outcome", "source")
    )
    by_person: dict = defaultdict(list)
    for r in referrals:
        by_person[r["person_id"]].append(r)
    owner = {str(r["id"]): r["person_id"] for r in referrals}
    points = measure_pairs.points(measure_pairs.case_responses(owner), owner.__getitem__)
    codes = list(scheme.measure_instruments or registry.DEFAULT_SCHEME_SET)
    codes += sorted({code for _, code, _ in points} - set(codes))
    scores = instrument_columns(codes)
    people = list(
        Person.objects.filter(pk__in=by_person).values(
            "id", "date_of_birth", "gender", "ethnic_category", "postcode", "lives_alone", "is_carer",
            "risk_circumstances",
        )
    )  # fmt: skip
    support = _support([r["id"] for r in referrals])
    deciles = dict(
        Postcode.objects.filter(postcode__in={p["postcode"] for p in people}).values_list("postcode", "imd_decile")
    )
    rows = []
    for person in people:
        row = _person_row(key, person, by_person[person["id"]], support, deciles)
        first = by_person[person["id"]][0]["received_at"]
        for code, score_id in scores:
            point = points.get((person["id"], code, score_id))
            row[f"{code}.{score_id}.baseline"] = point.before if point else ""
            row[f"{code}.{score_id}.follow_up"] = point.after if point and point.paired else ""
            row[f"{code}.{score_id}.follow_up_day"] = days_after(first, point.after_at) if point else ""
        rows.append(row)
    rows.sort(key=lambda r: r["pseudonym"])  # no order that could follow referral dates
    measure_cols = [f"{c}.{s}.{part}" for c, s in scores for part in ("baseline", "follow_up", "follow_up_day")]
    return Extract(columns=BASE_COLUMNS + measure_cols, rows=rows, people=list(by_person))


def _support(referral_ids: list) -> dict:
    contacts: Counter = Counter()
    attempts: Counter = Counter()
    for c in Contact.objects.filter(referral_id__in=referral_ids).values("referral_id", "mode"):
        (attempts if c["mode"] == ContactMode.ATTEMPT else contacts)[c["referral_id"]] += 1
    intros: dict = defaultdict(list)
    for i in Introduction.objects.filter(referral_id__in=referral_ids).values(
        "referral_id", "status", "created_at", "updated_at"
    ):
        intros[i["referral_id"]].append(i)
    return {"contacts": contacts, "attempts": attempts, "intros": intros}


def _person_row(key: bytes, person: dict, referrals: list[dict], support: dict, deciles: dict) -> dict:
    first, last = referrals[0], referrals[-1]
    intros = [i for r in referrals for i in support["intros"][r["id"]]]
    statuses = Counter(i["status"] for i in intros)
    return {
        "pseudonym": pseudonym(key, person["id"]),
        "age_band": age_band(person["date_of_birth"], first["received_at"].date()),
        "gender": person["gender"],
        "ethnic_group": ethnic_group(person["ethnic_category"]),
        "imd_decile": deciles.get(person["postcode"]) or "",
        "lives_alone": "" if person["lives_alone"] is None else person["lives_alone"],
        "is_carer": "" if person["is_carer"] is None else person["is_carer"],
        "risk_circumstances": ";".join(sorted(person["risk_circumstances"] or [])),
        "first_referral_quarter": quarter(first["received_at"]),
        "referrals": len(referrals),
        "source": first["source"],
        "days_to_first_contact": days_after(first["received_at"], first["first_contact_at"]),
        "days_to_close": days_after(first["received_at"], last["closed_at"]),
        "status": last["status"],
        "outcome": last["outcome"],
        "contacts": sum(support["contacts"][r["id"]] for r in referrals),
        "contact_attempts": sum(support["attempts"][r["id"]] for r in referrals),
        "introductions": len(intros),
        **{f"introductions_{s}": statuses[s] for s in IntroductionStatus.values},
        "still_going_at_3_months": sum(still_going_at_3_months(i) for i in intros),
    }
