"""Routing over real postcodes: a covering scheme or the honest "none", never a scheme that does not cover it."""

from __future__ import annotations

import random

from connected.casework import routing
from connected.core.models import LocalAuthority, Organisation, Scheme
from connected.core.places import locate
from connected.core.postcodes import parse
from connected.directory.register import KINDS, SCHEME_TERM_ID, coverage_of, schemes
from connected.directory.register_documents import SchemeSpec
from connected.directory.register_services import schemes_register
from tests.casework.builders import cover, make_user

CORNWALL = "E06000052"


def _register(codes: list[str]) -> None:
    """A seeded register over the sample: two thirds of the authorities, some outcodes and areas, overlaps."""
    rng = random.Random(7)
    authorities = sorted(
        {p.local_authority_code for p in map(locate, codes) if p.local_authority_code}
        & set(LocalAuthority.objects.filter(code__startswith="E").values_list("code", flat=True)) - {CORNWALL}
    )
    chosen = rng.sample(authorities, k=len(authorities) * 2 // 3)
    specs = [
        SchemeSpec(key=f"la-{c}", name=f"Scheme {c}", organisation=f"Org {c}", areas=[("la", c, c)]) for c in chosen
    ]
    specs += [  # a second scheme for a few authorities: overlaps
        SchemeSpec(key=f"la2-{c}", name=f"Another {c}", organisation="Other", areas=[("la", c, c)]) for c in chosen[:5]
    ]
    outcodes = sorted({parse(c).outcode for c in codes})
    specs += [
        SchemeSpec(key=f"oc-{o}", name=f"District {o}", organisation="Districts", areas=[("outcode", o, o)])
        for o in rng.sample(outcodes, k=len(outcodes) // 5)
    ]
    specs.append(SchemeSpec(key="area-ls", name="All of LS", organisation="LS", areas=[("area", "LS", "LS")]))
    schemes_register(specs)


def _truth(postcode: str, coverage: dict[int, set[tuple[str, str]]]) -> dict[int, str]:
    """Scheme id -> the most specific kind by which it covers the postcode, worked out apart from routing."""
    parsed, place = parse(postcode), locate(postcode)
    mine = {("outcode", parsed.outcode), ("area", parsed.area), ("la", place.local_authority_code or "")}
    found = {}
    for scheme_id, areas in coverage.items():
        kinds = [kind for kind, code in areas if (kind, code) in mine]
        if kinds:
            found[scheme_id] = min(kinds, key=KINDS.index)
    return found


def test_real_postcodes_route_to_a_covering_scheme_or_honestly_to_none(england, client):
    _register(england)
    listings = dict(schemes().values_list("id", "scheme_id"))
    coverage = {listings[sid]: {(k, c) for k, c, _ in areas} for sid, areas in coverage_of(list(listings)).items()}
    covered = uncovered = 0
    for postcode in england:
        found = routing.route(postcode=postcode)
        truth = _truth(postcode, coverage)
        if found.scheme is None:
            assert not truth, postcode
            uncovered += 1
            continue
        assert found.scheme.pk in truth, f"{postcode} went to {found.scheme}, which does not cover it"
        best = min(truth.values(), key=KINDS.index)
        assert found.by == truth[found.scheme.pk] == best, postcode  # the most specific coverage wins
        covered += 1
    assert covered > 100 and uncovered > 20  # both answers were really exercised
    assert routing.route(postcode="TR1 1AA").scheme is None  # Truro: Cornwall has no scheme, and no default
    assert routing.route(postcode="EH1 1YZ").scheme is None  # Edinburgh: England's register only
    # The ORUK API answers the same question: schemes (by taxonomy term) covering a postcode, most specific first.
    body = client.get(f"/api/services?taxonomy_term_id={SCHEME_TERM_ID}&postcode=TR1 1AA").json()
    assert body["total_items"] == 0
    ls6 = client.get(f"/api/services?taxonomy_term_id={SCHEME_TERM_ID}&postcode=LS6 1AA").json()
    expected = {c.name for c in _covers("LS6 1AA")}
    assert {item["name"] for item in ls6["contents"]} == expected and "All of LS" in expected
    bad = client.get("/api/services?postcode=not a postcode")
    assert bad.status_code == 400 and "postcode" in bad.text


def _covers(postcode: str):
    from connected.directory.register import codes_for, covering

    return covering(codes_for(postcode))


def test_staff_referrals_route_by_practice_and_pcn_before_the_postcode(db):
    pcn = Organisation.objects.create(name="Moor PCN", kind=Organisation.Kind.PCN, ods_code="U12345")
    practice = Organisation.objects.create(name="Moor Surgery", kind=Organisation.Kind.GP_PRACTICE, ods_code="B86001")
    by_area = cover(Scheme.objects.create(organisation=pcn, name="Area scheme"), "area:LS")
    by_pcn = cover(Scheme.objects.create(organisation=pcn, name="PCN scheme"), "pcn:U12345")
    by_practice = cover(Scheme.objects.create(organisation=practice, name="Practice scheme"), "practice:B86001")
    gp = make_user("gp_moor", "referrer", practice, job_title="GP")
    nurse = make_user("nurse_pcn", "referrer", pcn, job_title="Nurse")
    other = make_user("gp_other", "referrer", Organisation.objects.create(name="Elsewhere"), job_title="GP")
    assert routing.route(referrer=gp, postcode="LS6 1AA") == routing.Route(by_practice, "practice")
    assert routing.route(referrer=nurse, postcode="LS6 1AA").scheme == by_pcn
    assert routing.route(referrer=other, postcode="LS6 1AA").scheme == by_area
    assert routing.route(referrer=other, postcode="TR1 1AA").scheme is None
