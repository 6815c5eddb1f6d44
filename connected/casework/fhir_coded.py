"""Coded data from a UK Core Patient: ethnic category and registered GP practice (PRSB mandatory).

Ethnic category comes from the UK Core extension (NHS Data Dictionary codes);
the GP practice from `Patient.generalPractitioner`: an Organization in the
message (its ODS identifier and name), or a logical reference (identifier and
display). Codes outside our lists are ignored, not refused: a sender's other
data never blocks a referral.
"""

from __future__ import annotations

import re
from typing import Any

from connected.casework.vocabulary import ETHNIC_CATEGORY_SYSTEM, ODS_ORGANISATION_SYSTEM, EthnicCategory

ETHNIC_CATEGORY_EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory"
# An ODS code: letters and digits, 3 to 10 characters (practices are like A81001, branches longer).
ODS_CODE = re.compile(r"^[A-Z0-9]{3,10}$")


def ethnic_category(patient) -> str:
    """The NHS Data Dictionary ethnic category code in the UK Core extension, or ""."""
    for extension in patient.extension or []:
        if extension.url != ETHNIC_CATEGORY_EXTENSION or not extension.valueCodeableConcept:
            continue
        for coding in extension.valueCodeableConcept.coding or []:
            if coding.system == ETHNIC_CATEGORY_SYSTEM and coding.code in EthnicCategory.values:
                return coding.code
    return ""


def _ods(identifiers) -> str:
    for identifier in identifiers or []:
        value = (identifier.value or "").strip().upper()
        if (identifier.system or "").lower() == ODS_ORGANISATION_SYSTEM.lower() and ODS_CODE.match(value):
            return value
    return ""


def gp_practice(patient, organisation_for) -> dict[str, Any]:
    """{gp_practice_code, gp_practice_name} from generalPractitioner.

    `organisation_for(reference)` is the validated Organization a reference points at in the message, or None.
    """
    for reference in patient.generalPractitioner or []:
        code, name = _ods([reference.identifier] if reference.identifier else []), reference.display or ""
        organisation = organisation_for(reference.reference) if reference.reference else None
        if organisation is not None:
            code, name = code or _ods(organisation.identifier), name or organisation.name or ""
        if code:
            return {"gp_practice_code": code, "gp_practice_name": name[:200]}
    return {}
