"""The demo register: a synthetic scheme for every English authority bar the deliberate gaps, a few overlaps."""

from __future__ import annotations

from connected.casework import routing
from connected.core.models import LocalAuthority
from connected.demo import register as demo
from connected.directory.models import Service
from connected.directory.register_coverage import england, summary


def test_demo_register_covers_every_english_authority_but_the_gaps(db):
    codes = ["E06000014", "E06000052", "E06000017", "E08000035", "E07000076", "E09000001", "E06000001", "W06000015"]
    for code in codes:
        LocalAuthority.objects.create(code=code, name=f"Authority {code}", region="Somewhere")
    demo.demo(seed=2)
    listings = Service.objects.filter(scheme__isnull=False)
    assert listings.exists() and all("(synthetic)" in s.name and "Synthetic" in s.description for s in listings)
    rows = {r.code: r for r in england()}
    assert {c for c, r in rows.items() if r.gap} == {"E06000052", "E06000017", "E07000076", "E08000035"}
    assert "W06000015" not in rows  # England's register
    assert summary(list(rows.values()))["overlaps"] >= 1  # with so few authorities, every one of the 6 lands
    assert routing.route(postcode="", local_authority_code="E06000014").scheme is not None
    assert routing.route(postcode="", local_authority_code="E06000052").scheme is None  # Cornwall: a deliberate gap
    before = listings.count()
    assert demo.demo(seed=2, if_empty=True) == [] and listings.count() == before
