"""Semantic matching (issue 15 part 2, ADR 0047): the committed model, the vectors beside the index, the rankers.

The real model is used throughout: it is a committed 7.8 MB table, loaded in well under a second. A tiny
made-up table checks the loader's refusal of a table whose checksum does not match.
"""

from __future__ import annotations

import hashlib
import json
from datetime import time

import numpy as np
import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connected.directory import models as m
from connected.directory.search import refresh_index
from connected.matching.concepts import cues
from connected.matching.constraints import Seeker
from connected.matching.embedding import embed, load_table, table, token_ids
from connected.matching.models import ServiceVector
from connected.matching.semantic import meant_types, semantic_points, widened
from connected.matching.suggest import suggestions
from tests.matching.builders import HOME, km_north, leeds_directory
from tests.matching.test_constraints_property import check, seekers
from tests.search.factories import add_service, vocabulary_terms

CHURCH = "I miss belting out tunes with everybody at Sunday service."


def near(a: str, b: str) -> float:
    x, y = embed([a, b])
    return float(x @ y)


def test_the_model_knows_meaning_beyond_shared_words():
    assert near("I used to sing in church", "Community choir: singing together") > near(
        "I used to sing in church", "Money advice: help with debts and bills"
    )
    assert near("my hands in the soil, watching things grow", "Community garden with raised beds") > near(
        "my hands in the soil, watching things grow", "Telephone friendship calls"
    )
    assert table().sha256 == json.loads((table_folder() / "meta.json").read_text())["sha256"]


def table_folder():
    from connected.matching.embedding import MODEL

    return MODEL


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_embeds_to_a_unit_or_zero_vector(text):
    ids = token_ids(text)
    assert all(0 <= i < table().rows.shape[0] for i in ids)
    (v,) = embed([text])
    length = float(np.linalg.norm(v))
    assert (length == 0.0) == (not ids)
    assert length == 0.0 or abs(length - 1.0) < 1e-4


def test_a_table_with_the_wrong_checksum_is_refused(tmp_path):
    rows = np.eye(3, 4, dtype="<f2").tobytes()
    (tmp_path / "table.f16").write_bytes(rows)
    (tmp_path / "vocab.txt").write_text("sing\nchoir\n##ing\n")
    meta = {"rows": 3, "dims": 4, "sha256": hashlib.sha256(rows).hexdigest()}
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    made_up = load_table(tmp_path)
    assert token_ids("Singing, choir!", made_up) == [0, 2, 1]
    (tmp_path / "table.f16").write_bytes(rows[:-1] + b"\x01")
    with pytest.raises(ValueError, match="checksum"):
        load_table(tmp_path)


@pytest.fixture
def world(db):
    made = leeds_directory()
    made["band"] = add_service(
        m.Feed.objects.get(), vocabulary_terms(), name="St Chad's Singers",
        description="Hymns and anthems on Thursday afternoons; all welcome.", point=km_north(1.0),
        activity="choir", byday="TH", opens=time(14), closes=time(16),
    )  # fmt: skip
    refresh_index([made["band"].id])
    return made


def test_the_index_refresh_keeps_a_vector_per_indexed_service(world):
    indexed = {s.id for k, s in world.items() if k != "closed"}
    assert set(ServiceVector.objects.values_list("service_id", flat=True)) == indexed
    walk = world["walk"]
    m.Service.objects.filter(pk=walk.pk).update(status="inactive")
    refresh_index([walk.id])
    assert not ServiceVector.objects.filter(service_id=walk.id).exists()
    assert ServiceVector.objects.count() == len(indexed) - 1


def test_words_that_share_nothing_with_the_listing_find_the_choir_by_meaning(world):
    person = Seeker(point=HOME, travel="bus", words=CHURCH, cues=tuple(cues(CHURCH)))
    assert not person.cues  # the lexicon knows none of these words
    with override_settings(MATCHING_RANKER="lexical"):
        lexical = [x.candidate.name for x in suggestions(person)]
    with override_settings(MATCHING_RANKER="semantic"):
        semantic = suggestions(person)
    with override_settings(MATCHING_RANKER="combined"):
        combined = [x.candidate.name for x in suggestions(person)]
    names = [x.candidate.name for x in semantic]
    # The same on SQLite and PostgreSQL: this exact order is asserted on both in CI.
    assert names[:2] == ["St Chad's Singers", "Community Choir"]
    assert combined[0] == "St Chad's Singers"
    assert lexical[:2] != names[:2]
    assert "close in meaning" in semantic[0].reason or "you said" in semantic[0].reason


def test_words_near_an_activity_type_add_it_as_a_cue_quoting_them():
    person = Seeker(words="I used to sing in church. I get lonely since my husband died.")
    assert [c.code for c in person.cues] == []  # no lexicon cues were passed in
    meant = {c.code: c.said for c in meant_types(person)}
    assert meant["choir"] == "I used to sing in church"
    assert widened(person).cues[0].code == "choir"


def test_a_stopped_type_ranks_lower_by_the_same_step_whatever_the_nearness():
    from connected.matching.ranking import Suggestion

    plain = Suggestion(candidate=None, score=0, reason="x", distance="")
    stopped = Suggestion(candidate=None, score=0, reason="x", distance="", ranked_down="ranked lower")
    for value in (0.0, 0.3, 0.9):
        assert semantic_points(value, stopped) < semantic_points(value, plain)
        assert semantic_points(value + 0.1, plain) > semantic_points(value, plain)


@pytest.fixture
def generated(db):
    from tests.search.factories import random_directory

    random_directory(seed=47, count=80)
    refresh_index()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seeker=seekers(), ranker=st.sampled_from(["semantic", "combined"]))
def test_rankers_by_meaning_never_break_a_hard_constraint(generated, seeker, ranker):
    with override_settings(MATCHING_RANKER=ranker):
        found = suggestions(seeker)
    assert len(found) <= 10
    assert len({x.candidate.service_id for x in found}) == len(found)
    assert [x.score for x in found] == sorted((x.score for x in found), reverse=True)
    for x in found:
        check(seeker, m.Service.objects.get(pk=x.candidate.service_id), x.candidate.location_id)
