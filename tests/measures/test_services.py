"""Recording responses: validated, scored and stored atomically, or refused with the item named."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from connected.measures.models import MeasureResponse
from connected.measures.services import response_record, response_set_record

pytestmark = pytest.mark.django_db

CASE = "casework.case"
UCLA_LONELY = {"lack_companionship": "often", "left_out": "often", "isolated": "some_of_the_time"}
ONS4 = {"life_satisfaction": "4", "worthwhile": "6", "happiness": "8", "anxiety": "7"}


def test_a_complete_response_is_scored_and_stored():
    user = get_user_model().objects.create_user("lw", password="a-long-password-1")
    subject = uuid.uuid4()
    response = response_record(
        instrument_code="ucla3",
        answers=UCLA_LONELY,
        subject_type=CASE,
        subject_id=subject,
        timepoint="baseline",
        recorded_by=user,
    )
    stored = MeasureResponse.objects.get(pk=response.pk)
    assert (stored.instrument_code, stored.instrument_version, stored.total) == ("ucla3", "1", 8)
    assert stored.scores == {"total": 8} and stored.bands == {"total": "Lonely"}
    assert stored.answers == UCLA_LONELY
    assert (stored.subject_type, stored.subject_id, stored.recorded_by) == (CASE, str(subject), user)
    assert stored.completed_by == "link_worker"
    assert list(MeasureResponse.objects.for_subject(CASE, subject)) == [stored]


def test_ons4_is_stored_per_item_with_no_total():
    response = response_record(
        instrument_code="ons4",
        answers=ONS4,
        subject_type=CASE,
        subject_id="7",
        timepoint="follow_up",
        completed_by="person",
    )
    response.refresh_from_db()
    assert response.total is None
    assert response.scores == {"life_satisfaction": 4, "worthwhile": 6, "happiness": 8, "anxiety": 7}
    assert response.bands == {
        "life_satisfaction": "Low",
        "worthwhile": "Medium",
        "happiness": "High",
        "anxiety": "High",
    }


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"lack_companionship": "often", "isolated": "often"},
            {"left_out": ["Answer \u2018How often do you feel left out?\u2019"]},
        ),
        ({**UCLA_LONELY, "isolated": "9"}, {"isolated": None}),
        ({**UCLA_LONELY, "mood": "often"}, {"mood": None}),
        ({}, {"lack_companionship": None, "left_out": None, "isolated": None}),
    ],
)
def test_partial_or_out_of_range_is_refused_naming_the_item_and_nothing_is_stored(answers, expected):
    with pytest.raises(ValidationError) as caught:
        response_record(
            instrument_code="ucla3", answers=answers, subject_type=CASE, subject_id="1", timepoint="baseline"
        )
    errors = caught.value.message_dict
    assert set(errors) == set(expected)
    for key, messages in expected.items():
        if messages is not None:
            assert errors[key] == messages
    assert MeasureResponse.objects.count() == 0


def test_bad_context_fields_are_named():
    with pytest.raises(ValidationError) as caught:
        response_record(
            instrument_code="nope", answers={}, subject_type="", subject_id=" ", timepoint="later", completed_by="robot"
        )
    assert set(caught.value.message_dict) == {"instrument", "subject_type", "subject_id", "timepoint", "completed_by"}
    assert MeasureResponse.objects.count() == 0


def test_a_set_is_stored_whole_or_not_at_all():
    answers = {"ucla3": UCLA_LONELY, "ons-direct": {"lonely": "often_always"}, "ons4": {**ONS4, "anxiety": ""}}
    with pytest.raises(ValidationError) as caught:
        response_set_record(answers_by_instrument=answers, subject_type=CASE, subject_id="1", timepoint="baseline")
    assert caught.value.message_dict == {
        "ons4-anxiety": ["Answer \u2018Overall, how anxious did you feel yesterday?\u2019"]
    }
    assert MeasureResponse.objects.count() == 0
    answers["ons4"] = ONS4
    saved = response_set_record(answers_by_instrument=answers, subject_type=CASE, subject_id="1", timepoint="baseline")
    assert [r.instrument_code for r in saved] == ["ucla3", "ons-direct", "ons4"]
    assert len({r.sitting for r in saved}) == 1
    assert MeasureResponse.objects.count() == 3


def test_administered_at_is_kept():
    when = timezone.now() - timedelta(days=30)
    response = response_record(
        instrument_code="ons-direct",
        answers={"lonely": "never"},
        subject_type=CASE,
        subject_id="1",
        timepoint="baseline",
        administered_at=when,
    )
    response.refresh_from_db()
    assert response.administered_at == when
    assert response.total == 1 and response.bands == {"lonely": "Never"}
