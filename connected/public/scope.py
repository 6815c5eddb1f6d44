"""Saying plainly that the directory covers England, when a postcode is in Scotland, Wales or Northern Ireland.

Read from the local authority code when the postcode was found (S12…, W06…, N09…), else from the
postcode area for the areas wholly outside England (border areas such as TD, SY and CH are left to
the authority code). Where to look instead is named for each nation.
"""

from __future__ import annotations

import re
from typing import Any

_AREAS = {
    "Scotland": {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE"},
    "Wales": {"CF", "LD", "LL", "NP", "SA"},
    "Northern Ireland": {"BT"},
}
_CODE_PREFIX = {"S": "Scotland", "W": "Wales", "N": "Northern Ireland"}
ELSEWHERE = {
    "Scotland": ("ALISS, a local information system for Scotland", "https://www.aliss.org/"),
    "Wales": ("DEWIS Cymru, for wellbeing in Wales", "https://www.dewis.wales/"),
    "Northern Ireland": ("nidirect, for Northern Ireland", "https://www.nidirect.gov.uk/"),
}


def nation_of(postcode: str, place: Any = None) -> str | None:
    """ "Scotland", "Wales" or "Northern Ireland" for a postcode outside England; None in England or unknown."""
    code = (getattr(place, "local_authority_code", None) or "") if place is not None else ""
    if code[:1] in _CODE_PREFIX:
        return _CODE_PREFIX[code[:1]]
    if code[:1] == "E":
        return None
    match = re.match(r"\s*([A-Za-z]{1,2})[0-9]", postcode or "")
    area = match.group(1).upper() if match else ""
    return next((nation for nation, areas in _AREAS.items() if area in areas), None)


def outside_england(postcode: str, place: Any = None) -> dict[str, str] | None:
    """What the finder says for a postcode outside England: the scope, and where to look instead."""
    nation = nation_of(postcode, place)
    if nation is None:
        return None
    name, href = ELSEWHERE[nation]
    return {
        "nation": nation,
        "text": f"Connected lists activities in England only, so it has none for {nation}.",
        "elsewhere": name,
        "href": href,
    }
