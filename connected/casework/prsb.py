"""The PRSB Social Prescribing Information Standard's dataset: for one person (FHIR Bundle or CSV), and for a
scheme's period (one pseudonymous CSV).

Sections as the standard names them: person demographics (with GP practice), referral details, risks,
needs, goals ("what matters to me"), assessments (the measures), support offered / signposting (the
introductions), outcomes. Coded with `snomed.py` where a concept exists, text otherwise. The CSV is
long: one row per item, so every section fits one file and a new item needs no new column.

The scheme's CSV names no one: a person is a keyed hash of their record id (the same person keeps the
same pseudonym across exports from one deployment, so cases can be followed, but cannot be looked up
without the key), date of birth becomes an age band, the postcode its LSOA, and free text (goals,
reasons, notes) is left out. What stays and why is in ADR 0025.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings

from . import snomed
from .models import Person, Referral
from .outcome_fhir import (
    contact_encounters,
    introduction_requests,
    measure_observations,
    measure_rows,
    patient_resource,
    referral_request,
)
from .vocabulary import Need, RiskCircumstance

COLUMNS = ["person", "referral", "section", "item", "value", "snomed_code", "snomed_display", "date"]
SECTIONS = (
    "Person demographics",
    "Referral details",
    "Risks",
    "Needs",
    "Goals",
    "Assessments",
    "Support offered",
    "Outcomes",
)


def pseudonym(person_id: Any) -> str:
    """A stable, keyed stand-in for a person's id (HMAC-SHA256 with the deployment's secret, 16 hex digits)."""
    key = hashlib.sha256(f"prsb-pseudonym:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()[:16]


def age_band(dob: dt.date | None, on: dt.date) -> str:
    if dob is None:
        return ""
    years = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    if years >= 85:
        return "85+"
    low = years // 5 * 5
    return f"{low}-{low + 4}"


def _row(section: str, item: str, value: Any, concept: snomed.Concept | None = None, date: Any = None) -> dict:
    when = date.isoformat() if hasattr(date, "isoformat") else (date or "")
    return {
        "section": section,
        "item": item,
        "value": "" if value is None else str(value),
        "snomed_code": concept.code if concept else "",
        "snomed_display": concept.display if concept else "",
        "date": when,
    }


def _demographics(person: Person, *, identified: bool, on: dt.date) -> list[dict]:
    s = SECTIONS[0]
    rows = []
    if identified:
        rows += [
            _row(s, "NHS number", person.nhs_number),
            _row(s, "Given name", person.given_name),
            _row(s, "Family name", person.family_name),
            _row(s, "Date of birth", person.date_of_birth.isoformat() if person.date_of_birth else ""),
            _row(s, "Postcode", person.postcode),
        ]
    else:
        rows.append(_row(s, "Age band", age_band(person.date_of_birth, on)))
    rows += [
        _row(s, "Gender", person.get_gender_display() if person.gender else ""),
        _row(s, "Ethnic category", person.ethnic_category),
        _row(s, "LSOA", person.lsoa_code),
        _row(s, "Local authority", person.local_authority_code),
        _row(s, "GP practice ODS code", person.gp_practice_code),
        _row(s, "GP practice name", person.gp_practice_name),
        _row(s, "Preferred language", person.language),
        _row(s, "Interpreter needed", "yes" if person.interpreter_needed else "no"),
        _row(s, "Lives alone", {True: "yes", False: "no", None: ""}[person.lives_alone]),
        _row(s, "Unpaid carer", {True: "yes", False: "no", None: ""}[person.is_carer]),
    ]
    rows += [
        _row(SECTIONS[2], "Risk circumstance", RiskCircumstance(c).label, snomed.concept("risk", c))
        for c in person.risk_circumstances
        if c in RiskCircumstance.values
    ]
    return rows


def _referral(referral: Referral, *, identified: bool) -> list[dict]:
    s = SECTIONS[1]
    rows = [
        _row(s, "Referral", "Referral to social prescribing service", snomed.REFERRAL, referral.received_at),
        _row(s, "Source", referral.get_source_display()),
        _row(s, "Referring organisation", referral.referrer_organisation),
        _row(s, "Urgency", referral.get_urgency_display()),
        _row(s, "Status", referral.get_status_display(), snomed.concept("status", referral.status)),
    ]
    rows += [
        _row(SECTIONS[3], "Need", Need(n).label, snomed.concept("need", n)) for n in referral.needs if n in Need.values
    ]
    if identified:
        rows.append(_row(SECTIONS[3], "Reason for referral", referral.reason))
        for talk in referral.conversations.order_by("created_at", "id"):
            rows.append(_row(SECTIONS[4], "What matters to me", talk.goals, date=talk.created_at))
    else:
        rows.append(_row(SECTIONS[4], "Goals recorded", referral.conversations.count()))
    for m in measure_rows(referral):
        rows.append(_row(SECTIONS[5], f"{m['title']}: before", m["before"], date=None))
        if m["after"] is not None:
            rows.append(_row(SECTIONS[5], f"{m['title']}: after", m["after"], date=m["at"]))
    rows.append(_row(SECTIONS[6], "Contacts", referral.contacts.exclude(mode="attempt").count()))
    for intro in referral.introductions.order_by("created_at", "id"):
        rows.append(_row(SECTIONS[6], intro.service_name, intro.get_status_display(), date=intro.created_at))
    if referral.decline_reason:
        concept = snomed.concept("decline", referral.decline_reason)
        rows.append(_row(SECTIONS[7], "Declined", referral.get_decline_reason_display(), concept, referral.closed_at))
    if referral.outcome:
        concept = snomed.concept("outcome", referral.outcome)
        rows.append(_row(SECTIONS[7], "Outcome", referral.get_outcome_display(), concept, referral.closed_at))
    return rows


def person_rows(person: Person, *, identified: bool = True, on: dt.date | None = None) -> Iterator[dict]:
    """Every item for one person, each row tagged with the person and referral it belongs to."""
    on = on or dt.date.today()
    who = str(person.pk) if identified else pseudonym(person.pk)
    for row in _demographics(person, identified=identified, on=on):
        yield {"person": who, "referral": ""} | row
    for referral in person.referrals.order_by("received_at"):
        case = str(referral.pk) if identified else pseudonym(referral.pk)
        for row in _referral(referral, identified=identified):
            yield {"person": who, "referral": case} | row


def scheme_rows(scheme, start: dt.date, end: dt.date) -> Iterator[dict]:
    """Pseudonymous rows for everyone with a referral received in [start, end] (erased people left out)."""
    people = (
        Person.objects.filter(
            scheme=scheme,
            erased_at__isnull=True,
            referrals__received_at__date__gte=start,
            referrals__received_at__date__lte=end,
        )
        .distinct()
        .order_by("created_at", "id")
    )
    for person in people:
        yield from person_rows(person, identified=False, on=end)


def to_csv(rows: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe(v) for k, v in row.items()})
    return out.getvalue()


def _safe(value: str) -> str:
    """Cells a spreadsheet would run as formulas get a leading apostrophe (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(value) else value


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _conditions(person: Person, referral: Referral, patient_url: str) -> list[dict]:
    """Needs and risks as Conditions (social findings): coded where a concept exists, always with words."""
    out = []
    for kind, values in (("need", referral.needs), ("risk", person.risk_circumstances)):
        for value in values:
            out.append(
                {
                    "resourceType": "Condition",
                    "id": str(uuid.uuid4()),
                    "category": [{"text": "Need" if kind == "need" else "Risk circumstance"}],
                    "code": snomed.codeable(kind, value),
                    "subject": {"reference": patient_url},
                }
            )
    return out


def _goals(referral: Referral, patient_url: str) -> list[dict]:
    return [
        {
            "resourceType": "Goal",
            "id": str(uuid.uuid4()),
            "lifecycleStatus": "active" if referral.is_open else "completed",
            "description": {"text": talk.goals},
            "subject": {"reference": patient_url},
            "startDate": talk.created_at.date().isoformat(),
        }
        for talk in referral.conversations.order_by("created_at", "id")
    ]


def person_bundle(person: Person) -> dict:
    """The person's dataset as a FHIR R4 collection Bundle: Patient, then per referral its ServiceRequest,
    needs and risks (Condition), goals (Goal), contacts (Encounter), support offered (ServiceRequest
    proposals) and measures (Observation)."""
    patient_id = str(uuid.uuid4())
    patient_url = f"urn:uuid:{patient_id}"
    entries = [(patient_url, _patient_of(person, patient_id))]
    for referral in person.referrals.order_by("received_at"):
        sr_url = f"urn:uuid:{referral.pk}"
        entries.append((sr_url, referral_request(referral, patient_url)))
        resources = (
            _conditions(person, referral, patient_url)
            + _goals(referral, patient_url)
            + contact_encounters(referral, patient_url)
            + introduction_requests(referral, sr_url, patient_url)
            + measure_observations(referral, patient_url)
        )
        entries += [(f"urn:uuid:{r['id']}", r) for r in resources]
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def _patient_of(person: Person, patient_id: str) -> dict:
    """The Patient, with the UK Core ethnic category and the postcode (the standard's demographics)."""

    patient = patient_resource(person, patient_id)
    if person.ethnic_category:
        patient["extension"] = [
            {
                "url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",
                "valueCodeableConcept": {
                    "coding": [
                        {
                            "system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategory",
                            "code": person.ethnic_category,
                            "display": person.get_ethnic_category_display(),
                        }
                    ]
                },
            }
        ]
    if person.postcode:
        patient["address"] = [{"postalCode": person.postcode}]
    return patient
