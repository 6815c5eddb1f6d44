"""The computed figures: additivity from small area to authority to England, explanations, idempotence."""

from __future__ import annotations

import math

import pytest
from django.core.management import call_command

from connected.areas.models import AreaRun, AuthorityFigures, SmallAreaFigures
from connected.areas.risk import FACTORS

from .conftest import DARLINGTON, FIXTURES, HARTLEPOOL

pytestmark = pytest.mark.django_db


def test_every_small_area_of_both_authorities_is_scored(areas_world):
    assert SmallAreaFigures.objects.filter(la_code=HARTLEPOOL).count() == 58
    assert SmallAreaFigures.objects.filter(la_code=DARLINGTON).count() == 65
    assert set(AuthorityFigures.objects.values_list("code", flat=True)) == {HARTLEPOOL, DARLINGTON}


@pytest.mark.parametrize("field", ["population", "supply_share", "covered_population"])
def test_additive_quantities_add_up_from_small_areas_to_authorities_to_england(areas_world, field):
    england = 0.0
    for la in AuthorityFigures.objects.all():
        smalls = sum(getattr(s, field) for s in SmallAreaFigures.objects.filter(la_code=la.code))
        assert math.isclose(smalls, getattr(la, field), rel_tol=1e-9, abs_tol=1e-9)
        england += getattr(la, field)
    assert math.isclose(england, AreaRun.objects.latest().totals[field], rel_tol=1e-9, abs_tol=1e-9)


def test_supply_shares_add_up_to_the_activities_somebody_can_reach(areas_world):
    """Four listed places are in reach of these areas; London's and the defunct club are not counted."""
    total = sum(la.supply_share for la in AuthorityFigures.objects.all())
    assert math.isclose(total, 4.0, rel_tol=1e-9)


def test_activity_types_add_up_to_the_supply_they_come_from(areas_world):
    darlington = AuthorityFigures.objects.get(code=DARLINGTON)
    assert math.isclose(darlington.by_type["choir"], darlington.supply_share, rel_tol=1e-9)
    assert math.isclose(darlington.by_type["arts-crafts"], darlington.supply_share, rel_tol=1e-9)


def test_the_scheme_covers_hartlepool_only(areas_world):
    hartlepool = AuthorityFigures.objects.get(code=HARTLEPOOL)
    assert hartlepool.schemes == ["Hartlepool Connect"]
    assert hartlepool.covered_population == hartlepool.population
    assert AuthorityFigures.objects.get(code=DARLINGTON).covered_population == 0
    reasons = SmallAreaFigures.objects.filter(la_code=DARLINGTON).first().reasons
    assert "No social prescribing scheme covers it." in reasons


def test_contributions_add_up_to_each_score(areas_world):
    for area in [*SmallAreaFigures.objects.all(), *AuthorityFigures.objects.all()]:
        assert set(area.contributions) == {f.code for f in FACTORS}
        assert math.isclose(sum(area.contributions.values()), area.risk_score, abs_tol=1e-3)


def test_an_authority_scores_its_small_areas_population_weighted_mean(areas_world):
    for la in AuthorityFigures.objects.all():
        smalls = SmallAreaFigures.objects.filter(la_code=la.code)
        mean = sum(s.risk_score * s.population for s in smalls) / la.population
        assert math.isclose(mean, la.risk_score, abs_tol=1e-3)


def test_ranks_run_from_one_without_gaps(areas_world):
    ranks = sorted(SmallAreaFigures.objects.values_list("risk_rank", flat=True))
    assert ranks == list(range(1, len(ranks) + 1))
    for code in (HARTLEPOOL, DARLINGTON):
        within = sorted(SmallAreaFigures.objects.filter(la_code=code).values_list("unmet_rank_in_la", flat=True))
        assert within == list(range(1, len(within) + 1))


def test_importing_twice_gives_the_same_tables(areas_world):
    before = list(SmallAreaFigures.objects.order_by("code").values_list("code", "risk_score", "supply_share"))
    call_command("import_areas", "--data-dir", str(FIXTURES), verbosity=0)
    after = list(SmallAreaFigures.objects.order_by("code").values_list("code", "risk_score", "supply_share"))
    assert before == after
    assert SmallAreaFigures.objects.count() == len(before)


def test_a_missing_input_is_named_and_changes_nothing(areas_world, tmp_path):
    from django.core.management.base import CommandError

    before = SmallAreaFigures.objects.count()
    with pytest.raises(CommandError, match=r"imd2019_england_lsoa11\.csv"):
        call_command("import_areas", "--data-dir", str(tmp_path), verbosity=0)
    assert SmallAreaFigures.objects.count() == before


def test_the_refresh_task_counts_a_new_activity(areas_world):
    from connected.areas.tasks import refresh_area_figures

    from .conftest import add_activity

    before = AuthorityFigures.objects.get(code=DARLINGTON).supply_share
    add_activity("New lunch club", 54.5236, -1.5535, ("lunch-club",))
    result = refresh_area_figures.call(str(FIXTURES))
    assert result == {"small_areas": 123, "authorities": 2, "seconds": result["seconds"]}
    darlington = AuthorityFigures.objects.get(code=DARLINGTON)
    assert math.isclose(darlington.supply_share, before + 1, rel_tol=1e-9)
    assert darlington.by_type["lunch-club"] > 0


def test_refresh_areas_command_recomputes(areas_world):
    SmallAreaFigures.objects.all().delete()
    call_command("refresh_areas", "--data-dir", str(FIXTURES), verbosity=0)
    assert SmallAreaFigures.objects.count() == 123


def test_a_scheme_naming_outcodes_covers_the_small_areas_nearest_them(areas_world):
    from connected.core.models import Organisation, Scheme
    from tests.casework.builders import cover

    cover(Scheme.objects.create(organisation=Organisation.objects.get(), name="Darlington Together"), "DL1", "DL3")
    call_command("refresh_areas", "--data-dir", str(FIXTURES), verbosity=0)
    darlington = AuthorityFigures.objects.get(code=DARLINGTON)
    assert darlington.schemes == ["Darlington Together"]
    assert 0 < darlington.covered_population < darlington.population
    covered = SmallAreaFigures.objects.filter(la_code=DARLINGTON, scheme_covered=True)
    assert darlington.covered_population == sum(s.population for s in covered)
