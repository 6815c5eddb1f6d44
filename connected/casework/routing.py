"""Which scheme a new referral goes to.

Order: the scheme the referring staff member works for; else the only scheme
their organisation runs; else the scheme covering the person's outcode, then
postcode area, then local authority; else the default scheme.
"""

from __future__ import annotations

from connected.core import postcodes
from connected.core.models import Scheme


class NoScheme(LookupError):
    """No scheme is set up to take the referral."""


def scheme_for(*, referrer=None, postcode: str = "", local_authority_code: str = "") -> Scheme:
    membership = getattr(referrer, "membership", None) if referrer is not None and referrer.pk else None
    if membership is not None:
        if membership.scheme_id:
            return membership.scheme
        own = list(Scheme.objects.filter(organisation_id=membership.organisation_id)[:2])
        if len(own) == 1:
            return own[0]
    keys: list[str] = []
    if postcode and postcodes.is_valid(postcode):
        parsed = postcodes.parse(postcode)
        keys += [parsed.outcode, parsed.area]
    if local_authority_code:
        keys.append(local_authority_code.upper())
    schemes = list(Scheme.objects.all())
    for key in keys:
        for scheme in schemes:
            if key in scheme.coverage():
                return scheme
    default = next((s for s in schemes if s.is_default), None)
    if default is None:
        raise NoScheme("No social prescribing scheme takes referrals for this area yet")
    return default
