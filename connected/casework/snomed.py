"""SNOMED CT concepts for casework's coded values, each with where it was found.

The PRSB Social Prescribing Information Standard (v1.1) codes the referral, the
offer, the decline, the link worker seeing the person and the case's closure
with NHS England's social prescribing concepts; most of what a link worker
records (needs, goals, what was offered) it carries as text. So a value here is
mapped only where a published concept says the same thing; every other value
is listed in `UNMAPPED` with the reason, and goes out as text. No code in this
file is made up: each names its source, and a test checks that every
vocabulary value is in one table or the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import SNOMED, DeclineReason, IntroductionStatus, Need, Outcome, RiskCircumstance, Status

# Sources, cited by key below.
SOURCES = {
    "nhse-sp": (
        "NHS England's social prescribing SNOMED CT concepts named by the PRSB Social Prescribing Information "
        "Standard v1.1 (theprsb.org/standards/social-prescribing-standard); terms as in the SNOMED CT UK "
        "edition, listed in OpenSAFELY codelist user-RachelS99/social-prescribing "
        "(opensafely/dfms-covid19 codelists/user-RachelS99-social-prescribing-in-dependency.csv)"
    ),
    "hl7-sdoh": (
        "SNOMED CT International; used with this term in HL7's SDOH Clinical Care IG "
        "(HL7/fhir-sdoh-clinicalcare, SDOHCC-ObservationAssessmentSocialIsolationExample)"
    ),
    "sct-public": (
        "SNOMED CT International finding/person concept, with this term in public FHIR code tables "
        "(Synthea's social-history conditions); check in the NHS SNOMED CT browser before clinical use"
    ),
}


@dataclass(frozen=True)
class Concept:
    code: str
    display: str
    source: str  # a key of SOURCES

    def coding(self) -> dict[str, str]:
        return {"system": SNOMED, "code": self.code, "display": self.display}


REFERRAL = Concept("871731000000106", "Referral to social prescribing service", "nhse-sp")
OFFERED = Concept("871691000000100", "Social prescribing offered", "nhse-sp")
DECLINED = Concept("871711000000103", "Social prescribing declined", "nhse-sp")
SEEN = Concept("1362931000000106", "Seen by social prescribing link worker", "nhse-sp")
CLOSED = Concept("1362721000000106", "Social prescribing case closed", "nhse-sp")
SOCIAL_ISOLATION = Concept("422650009", "Social isolation", "hl7-sdoh")

NEEDS: dict[str, Concept] = {Need.LONELINESS: SOCIAL_ISOLATION}
RISKS: dict[str, Concept] = {
    RiskCircumstance.UNEMPLOYED: Concept("73438004", "Unemployed", "sct-public"),
    RiskCircumstance.REFUGEE: Concept("446654005", "Refugee", "sct-public"),
}
# Every discharge is the case's closure; the outcome's own words go as text (PRSB: "outcome" is free text).
OUTCOMES: dict[str, Concept] = dict.fromkeys(Outcome.values, CLOSED)
# Only the person saying no is "social prescribing declined"; the scheme turning a referral away is not.
DECLINES: dict[str, Concept] = {DeclineReason.PERSON_DECLINED: DECLINED, DeclineReason.NO_CONSENT: DECLINED}
# The status a referral reaches -> the concept recorded with it in the referrer's system.
STATUSES: dict[str, Concept] = {
    Status.RECEIVED: REFERRAL,
    Status.ACCEPTED: OFFERED,
    Status.CONTACTED: SEEN,
    Status.IN_PROGRESS: SEEN,
    Status.CLOSED: CLOSED,
    Status.DECLINED: DECLINED,
}
INTRODUCTIONS: dict[str, Concept] = {}

_NO_NEED = "no concept in the PRSB standard (it records the reason for referral as text); sent as text"
_NO_RISK = "no concept in the PRSB standard for this circumstance; sent as text"
UNMAPPED: dict[str, dict[str, str]] = {
    "need": {value: _NO_NEED for value in Need.values if value not in NEEDS},
    "risk": {value: _NO_RISK for value in RiskCircumstance.values if value not in RISKS},
    "outcome": {},
    "decline": {
        value: "the scheme turned the referral away, not the person; no PRSB concept, sent as text"
        for value in DeclineReason.values
        if value not in DECLINES
    },
    "introduction": {
        value: "PRSB records support offered and signposting as text (activity name and provider)"
        for value in IntroductionStatus.values
    },
    "status": {},
}
TABLES: dict[str, tuple[type, dict[str, Concept]]] = {
    "need": (Need, NEEDS),
    "risk": (RiskCircumstance, RISKS),
    "outcome": (Outcome, OUTCOMES),
    "decline": (DeclineReason, DECLINES),
    "introduction": (IntroductionStatus, INTRODUCTIONS),
    "status": (Status, STATUSES),
}


def concept(kind: str, value: str) -> Concept | None:
    """The concept for a vocabulary value of `kind` ("need", "risk", ...), or None where there is none."""
    return TABLES[kind][1].get(value)


def codeable(kind: str, value: str) -> dict:
    """A FHIR CodeableConcept: the SNOMED coding where one exists, and always the words."""
    choices, table = TABLES[kind]
    words = str(dict(choices.choices).get(value, value))
    found = table.get(value)
    return {"coding": [found.coding()], "text": words} if found else {"text": words}
