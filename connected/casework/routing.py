"""Which scheme a new referral goes to: the register's answer, or honestly none (ADR 0035).

Order: the scheme the referring staff member works for; else the register's schemes covering the
referrer's GP practice or PCN, then the person's outcode, postcode area and local authority
(`connected.directory.register.covering`, most specific first). When none covers the person there is
no default: the public are told so, and staff and FHIR referrals wait, unassigned, for an
administrator to place them. Several schemes at the same level are an overlap: the first by name
takes the referral and the administrators' coverage report lists the overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from connected.core.models import Organisation, Scheme
from connected.directory import register


class NotCovered(LookupError):
    """No scheme covers the person's area (and the caller may not leave the referral unassigned)."""

    def __init__(self, postcode: str) -> None:
        super().__init__("No social prescribing scheme in Connected covers this area yet")
        self.postcode = postcode


@dataclass(frozen=True)
class Route:
    """Where a referral goes, and why: `scheme` is None when no scheme covers the person."""

    scheme: Scheme | None
    by: str = ""  # "staff" (the referrer's own scheme) or a register coverage kind; empty when none
    others: tuple[str, ...] = ()  # other schemes covering at the same level (an overlap)

    @property
    def covered(self) -> bool:
        return self.scheme is not None


def _referrer_codes(referrer) -> tuple[Scheme | None, str, str]:
    """The referrer's own scheme, and their organisation's practice or PCN code."""
    membership = getattr(referrer, "membership", None) if referrer is not None and referrer.pk else None
    if membership is None:
        return None, "", ""
    if membership.scheme_id:
        return membership.scheme, "", ""
    org = membership.organisation
    practice = org.ods_code if org.kind == Organisation.Kind.GP_PRACTICE else ""
    pcn = org.ods_code if org.kind == Organisation.Kind.PCN else ""
    return None, practice, pcn


def route(*, referrer=None, postcode: str = "", local_authority_code: str = "") -> Route:
    """The scheme a referral for someone at `postcode` should reach, from whoever refers them."""
    own, practice, pcn = _referrer_codes(referrer)
    if own is not None:
        return Route(own, "staff")
    codes = register.codes_for(postcode, la=local_authority_code, practice=practice, pcn=pcn)
    covers = register.covering(codes)
    if not covers:
        return Route(None)
    first = covers[0]
    same_level = tuple(c.name for c in covers[1:] if c.kind == first.kind)
    return Route(Scheme.objects.get(pk=first.scheme_id), first.kind, same_level)
