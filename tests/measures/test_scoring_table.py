"""Hand-worked scores and bands, and validation messages that name the item."""

from __future__ import annotations

import pytest

from connected.measures import registry
from connected.measures.scoring import ResponseInvalid, score, validate

UCLA = ("lack_companionship", "left_out", "isolated")
H, S, OFTEN = "hardly_ever_or_never", "some_of_the_time", "often"


def ucla(*answers: str) -> dict[str, str]:
    return dict(zip(UCLA, answers, strict=True))


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        (ucla(H, H, H), 3, "Not lonely"),  # 1+1+1
        (ucla(S, S, H), 5, "Not lonely"),  # 2+2+1: top of the lower band
        (ucla(OFTEN, S, H), 6, "Lonely"),  # 3+2+1: bottom of the upper band
        (ucla(OFTEN, OFTEN, S), 8, "Lonely"),
        (ucla(OFTEN, OFTEN, OFTEN), 9, "Lonely"),
    ],
)
def test_ucla3(answers, total, band):
    result = score(registry.get("ucla3"), answers)
    assert result.total == total
    assert result.bands == {"total": band}
    assert result.score("total").in_headline_band == (band == "Lonely")


def test_children_scale_has_no_bands_but_scores_three_to_nine():
    result = score(registry.get("ucla3-child"), {"no_one_to_talk_to": OFTEN, "left_out": H, "alone": S})
    assert result.total == 6 and result.bands == {}


@pytest.mark.parametrize(
    ("value", "band", "headline"),
    [("often_always", "Often/always", True), ("occasionally", "Occasionally", False), ("never", "Never", False)],
)
def test_direct_question_result_is_its_category(value, band, headline):
    result = score(registry.get("ons-direct"), {"lonely": value})
    assert result.bands == {"lonely": band}
    assert result.score("lonely").in_headline_band is headline


@pytest.mark.parametrize(
    ("life", "anxiety", "life_band", "anxiety_band"),
    [
        (4, 1, "Low", "Very low"),
        (5, 2, "Medium", "Low"),
        (6, 3, "Medium", "Low"),
        (8, 5, "High", "Medium"),
        (9, 6, "Very high", "High"),
        (10, 10, "Very high", "High"),
        (0, 0, "Low", "Very low"),
        (7, 4, "High", "Medium"),
    ],
)
def test_ons4_each_item_banded_on_its_own(life, anxiety, life_band, anxiety_band):
    answers = {"life_satisfaction": str(life), "worthwhile": "7", "happiness": "3", "anxiety": str(anxiety)}
    result = score(registry.get("ons4"), answers)
    assert result.total is None  # no total for ONS4
    assert result.values == {"life_satisfaction": life, "worthwhile": 7, "happiness": 3, "anxiety": anxiety}
    assert result.bands == {
        "life_satisfaction": life_band,
        "worthwhile": "High",
        "happiness": "Low",
        "anxiety": anxiety_band,
    }
    assert result.score("anxiety").in_headline_band is (anxiety_band == "High")
    assert result.score("happiness").in_headline_band is True  # "low" wellbeing is the headline


def test_ons4_accepts_numbers_from_json_clients_but_not_booleans():
    ons4 = registry.get("ons4")
    answers = {"life_satisfaction": 7, "worthwhile": 8, "happiness": 9, "anxiety": 0}
    assert score(ons4, answers).values == {"life_satisfaction": 7, "worthwhile": 8, "happiness": 9, "anxiety": 0}
    errors = validate(ons4, {**answers, "anxiety": True})
    assert [e.item for e in errors] == ["anxiety"]
    errors = validate(ons4, {**answers, "anxiety": 11})
    assert [e.item for e in errors] == ["anxiety"]
    assert "Overall, how anxious did you feel yesterday?" in errors[0].message


def test_campaign_to_end_loneliness_hand_worked():
    cel = registry.get("cel")
    # Strongly disagree (4) + Agree (1) + Neutral (2) = 7
    answers = {"content": "strongly_disagree", "enough_people_to_ask": "agree", "relationships_satisfying": "neutral"}
    assert score(cel, answers).total == 7
    all_agree = dict.fromkeys(answers, "strongly_agree")
    assert score(cel, all_agree).total == 0
    assert score(cel, dict.fromkeys(answers, "strongly_disagree")).total == 12


def test_de_jong_gierveld_subscales_and_total():
    djg = registry.get("djg6")
    answers = {
        "emptiness": "yes",  # 1
        "miss_people": "more_or_less",  # 1
        "rejected": "no",  # 0
        "rely_on": "yes",  # 0
        "trust": "more_or_less",  # 1
        "close_to": "no",  # 1
    }
    result = score(djg, answers)
    assert result.values == {"emotional": 2, "social": 2, "total": 4}
    assert result.total == 4


def test_missing_item_is_named_with_its_wording():
    with pytest.raises(ResponseInvalid) as caught:
        score(registry.get("ucla3"), {"lack_companionship": OFTEN, "isolated": OFTEN})
    assert caught.value.as_dict() == {"left_out": ["Answer \u2018How often do you feel left out?\u2019"]}


def test_invalid_extra_and_blank_answers_are_each_named_in_question_order():
    errors = validate(registry.get("ucla3"), {"isolated": "always", "left_out": "  ", "mood": "x"})
    assert [e.item for e in errors] == ["lack_companionship", "left_out", "isolated", "mood"]
    assert errors[1].message == "Answer \u2018How often do you feel left out?\u2019"
    assert (
        "\u2018always\u2019 is not an answer to \u2018How often do you feel isolated from others?\u2019"
        in errors[2].message
    )
    assert "Hardly ever or never, Some of the time, Often" in errors[2].message
    assert "\u2018mood\u2019 is not a question" in errors[3].message


def test_scores_are_not_accepted_in_place_of_options():
    """Several De Jong Gierveld options share a score, so only the option value says what was chosen."""
    assert [e.item for e in validate(registry.get("ucla3"), ucla("1", "2", "3"))] == list(UCLA)


def test_a_non_mapping_is_refused():
    assert [e.item for e in validate(registry.get("ucla3"), ["often"])] == ["answers"]  # type: ignore[arg-type]
