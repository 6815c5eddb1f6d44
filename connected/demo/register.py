"""Demo register: a synthetic social prescribing scheme for every English local authority (ADR 0034).

Each is labelled synthetic in its name and description. A few authorities get a second scheme (an
overlap) and a few get none (deliberate gaps, Cornwall among them, so a Truro self-referral shows the
honest "no scheme covers this area" answer). Leeds and Manchester are left to the casework demo's
schemes, which cover the LS and M postcode areas and hold the demo's people.
"""

from __future__ import annotations

import random
import re

from connected.core.models import LocalAuthority, Scheme
from connected.directory.models import Service
from connected.directory.register_documents import SchemeSpec
from connected.directory.register_services import register_feed, schemes_register

GAPS = {
    "E06000052": "Cornwall",
    "E06000053": "Isles of Scilly",
    "E06000017": "Rutland",
    "E07000076": "Tendring",
}
LEFT_TO_CASEWORK = {"E08000035", "E08000003"}  # Leeds, Manchester: the casework demo's schemes cover them
OVERLAPS = 6
LANGUAGES = ("Urdu", "Polish", "Punjabi", "Bengali", "Gujarati", "Arabic", "Romanian", "Somali")
KINDS = (("pcn", "Primary Care Networks"), ("council", "Council"), ("charity", "Community Action"))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def synthetic_spec(rng: random.Random, code: str, name: str, n: int, second: bool = False) -> SchemeSpec:
    """One made-up scheme covering the authority `code`, with every way to refer filled in."""
    kind, suffix = KINDS[2] if second else rng.choice(KINDS)
    slug = _slug(name) + ("-community" if second else "")
    routes = {
        "web-form": f"https://{slug}.example/refer",
        "email": f"referrals@{slug}.example",
        "phone": f"01632 960{n % 1000:03d}",  # Ofcom's drama range: never a real line
    }
    if rng.random() < 0.6:
        routes["self-referral"] = f"https://{slug}.example/refer-yourself"
    if rng.random() < 0.4:
        routes["bars-fhir"] = f"https://{slug}.example/fhir"
    label = "Community Connectors" if second else "Social Prescribing"
    return SchemeSpec(
        key=f"demo-{code}" + ("-2" if second else ""),
        name=f"{name} {label} (synthetic)",
        organisation=f"{name} {suffix} (synthetic)",
        organisation_kind=kind,
        areas=[("la", code, name)],
        routes=routes,
        eligibility=f"Adults living in {name}, or registered with a GP practice there.",
        minimum_age=18,
        languages=["English", *rng.sample(LANGUAGES, k=rng.randint(0, 2))],
        hours="MO,TU,WE,TH,FR 09:00-17:00",
        synthetic=True,
    )


def demo_listing(scheme: Scheme, *, area: str, key: str) -> None:
    """The casework demo's schemes in the register, covering a postcode area, with the site's own forms."""
    spec = SchemeSpec(
        key=f"demo-casework-{key}",
        name=scheme.name,
        organisation=scheme.organisation.name,
        organisation_kind=scheme.organisation.kind,
        areas=[("area", area, f"{area} postcode area")],
        routes={"self-referral": "https://connected.example/refer-yourself/", "email": f"{key}@connected.example"},
        eligibility="Adults aged 18 and over.",
        minimum_age=18,
        languages=["English"],
        hours="MO,TU,WE,TH,FR 09:00-17:00",
        synthetic=True,
    )
    schemes_register([spec], existing={spec.key: scheme})


def demo(*, seed: int = 1, if_empty: bool = False):
    """Every English authority's synthetic scheme, less the gaps, plus a few overlaps; returns no logins."""
    feed = register_feed()
    if if_empty and Service.objects.filter(feed=feed, scheme__isnull=False).exists():
        return []
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    authorities = [
        (la.code, la.name)
        for la in LocalAuthority.objects.filter(code__startswith="E").order_by("code")
        if la.code not in GAPS and la.code not in LEFT_TO_CASEWORK
    ]
    specs = [synthetic_spec(rng, code, name, n) for n, (code, name) in enumerate(authorities)]
    for n, (code, name) in enumerate(rng.sample(authorities, k=min(OVERLAPS, len(authorities)))):
        specs.append(synthetic_spec(rng, code, name, 500 + n, second=True))
    result = schemes_register(specs, feed=feed)
    print(f"Register: {len(specs)} synthetic schemes, {len(GAPS)} authorities left without one; {result.summary()}")
    return []
