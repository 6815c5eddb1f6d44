"""Every instrument's wording, option order and scores match ../shared/standards/measures.md exactly.

The standard is parsed here independently of the definitions, so a typo in either
place fails. Each definition must be checked by one of these tests (last test).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from connected.measures import registry

STANDARD = Path(settings.SHARED_DIR) / "standards" / "measures.md"
CHECKED: set[str] = set()  # filled at import by @checks, so the coverage test holds under xdist


def checks(*codes: str):
    def mark(fn):
        CHECKED.update(codes)
        return fn

    return mark


def _sections() -> dict[str, str]:
    text = STANDARD.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    return {p.splitlines()[0].strip(): p for p in parts[1:]}


def _flat(text: str) -> str:
    """Paragraph text with the file's line wrapping undone."""
    return re.sub(r"\s+", " ", text).strip()


def _numbered(section: str) -> list[str]:
    """Numbered list items ("1. ..."), continuation lines joined."""
    items: list[str] = []
    for line in section.splitlines():
        m = re.match(r"^(\d+)\. (.*)$", line)
        if m:
            items.append(m.group(2).strip())
        elif items and line.startswith("   ") and line.strip():
            items[-1] += " " + line.strip()
        elif not line.strip() and items:
            continue
    return items


def _section(title_start: str) -> str:
    matches = [body for title, body in _sections().items() if title.startswith(title_start)]
    assert len(matches) == 1, f"standard has {len(matches)} sections starting {title_start!r}"
    return matches[0]


def _texts(code: str) -> list[str]:
    return [i.text for i in registry.get(code).items]


def _labels_scores(code: str, item_index: int = 0) -> list[tuple[str, int]]:
    item = registry.get(code).items[item_index]
    return [(o.label, o.score) for o in item.options]


@checks("ucla3")
def test_adult_ucla_items_options_scores_and_bands():
    section = _section("ONS national indicators of loneliness")
    assert _texts("ucla3") == _numbered(section)
    flat = _flat(section)
    pairs = re.search(r"Options and scores: (.*?)\. Score", flat).group(1)
    expected = [(label.strip(), int(score)) for label, score in re.findall(r"([^;=]+?) = (\d+)", pairs)]
    for index in range(3):
        assert _labels_scores("ucla3", index) == expected
    low, high = map(int, re.search(r"Score = sum, (\d+) to (\d+); higher is lonelier", flat).groups())
    total = registry.get("ucla3").score_def("total")
    assert (total.low, total.high, str(total.direction)) == (low, high, "higher_worse")
    bands = re.findall(r'(\d+)-(\d+) "([^"]+)"', flat)
    assert [(b.low, b.high, b.label.lower()) for b in total.bands] == [(int(a), int(b), c) for a, b, c in bands]
    assert str(total.bands_source) == "commonly_reported"  # "state them as such, not as ONS rules"


@checks("ons-direct")
def test_adult_direct_question_wording_and_option_order():
    flat = _flat(_section("ONS national indicators of loneliness"))
    question = re.search(r"Direct question: (.*?\?)", flat).group(1)
    assert _texts("ons-direct") == [question]
    listed = re.search(r"Options \(in this order\): (.*?)\. ONS", flat).group(1).split("; ")
    assert [label for label, _ in _labels_scores("ons-direct")] == listed
    assert registry.get("ons-direct").score_def("lonely").headline_band.lower() == "often/always"
    # The question-order rule: the UCLA items are asked first.
    assert "Ask the three UCLA items first, then the direct question" in flat
    assert registry.get("ons-direct").ask_after == ("ucla3",)
    assert [i.code for i in registry.ordered(["ons-direct", "ucla3"])] == ["ucla3", "ons-direct"]


@checks("ucla3-child", "ons-direct-child")
def test_children_items_and_direct_question():
    section = _section("Children (10 to 15)")
    assert _texts("ucla3-child") == _numbered(section)
    flat = _flat(section)
    assert "same three options, same scores 1 to 3, 3 to 9" in flat
    for index in range(3):
        assert _labels_scores("ucla3-child", index) == _labels_scores("ucla3", 0)
    total = registry.get("ucla3-child").score_def("total")
    assert (total.low, total.high) == (3, 9)
    m = re.search(r"Direct question: (.*?\?) with (.*?)\.", flat)
    assert _texts("ons-direct-child") == [m.group(1)]
    listed = [s.strip() for s in m.group(2).split(",")]
    assert [label for label, _ in _labels_scores("ons-direct-child")] == listed
    assert registry.get("ons-direct-child").ask_after == ("ucla3-child",)
    assert registry.get("ucla3-child").audience.min_age == 10
    assert registry.get("ucla3-child").audience.max_age == 15


@checks("ons4")
def test_ons4_items_scale_and_thresholds():
    section = _section("ONS4 personal wellbeing")
    assert _texts("ons4") == _numbered(section)
    flat = _flat(section)
    anchors = re.search(r'0 to 10 where 0 is "(.*?)" and 10 is "(.*?)"', flat).groups()
    ons4 = registry.get("ons4")
    for item in ons4.items:
        assert [o.score for o in item.options] == list(range(11))
        assert [o.label for o in item.options] == [str(n) for n in range(11)]
        assert f"0 is \u201c{anchors[0]}\u201d and 10 is \u201c{anchors[1]}\u201d" in item.hint
    wellbeing = re.search(r"happiness: (low .*?)\. Anxiety", flat).group(1)
    anxiety = re.search(r"Anxiety: (very low .*?)\. Report", flat).group(1)

    def parse(text: str) -> list[tuple[str, int, int]]:
        return [(label.strip(), int(a), int(b)) for label, a, b in re.findall(r"([a-z ]+?) (\d+)-(\d+)", text)]

    for score in ons4.scores:
        expected = parse(anxiety if score.id == "anxiety" else wellbeing)
        assert [(b.label.lower(), b.low, b.high) for b in score.bands] == expected
        assert str(score.direction) == ("higher_worse" if score.id == "anxiety" else "higher_better")
        assert score.headline_band.lower() == ("high" if score.id == "anxiety" else "low")
    assert ons4.primary_score is None  # four separately banded items, no total


@checks("cel")
def test_campaign_to_end_loneliness_tool():
    section = _section("Campaign to End Loneliness Measurement Tool")
    assert _texts("cel") == _numbered(section)
    flat = _flat(section)
    m = re.search(r"Options: (.*?); scored ([\d, ]+) \(", flat)
    labels = [s.strip() for s in m.group(1).split(",")]
    scores = [int(s) for s in m.group(2).split(",")]
    cel = registry.get("cel")
    for item in cel.items:
        assert [(o.label, o.score) for o in item.options] == list(zip(labels, scores, strict=True))
    low, high = map(int, re.search(r"total (\d+) to (\d+)", flat).groups())
    assert (cel.score_def("total").low, cel.score_def("total").high) == (low, high)
    starts = re.search(r"items 1 and 3 start at (.*?), item 2 at (.*?)\)", flat).groups()
    assert [i.presented_options[0].label for i in cel.items] == [starts[0], starts[1], starts[0]]
    assert "Not a screening tool" in flat and not cel.score_def("total").bands
    assert "confirm" in cel.source["pages"]  # the page is still to be confirmed, and says so


@checks("djg6")
def test_de_jong_gierveld_six_item():
    flat = _flat(_section("De Jong Gierveld 6-item"))
    emotional = re.search(r"Emotional loneliness: (.*?)\. Social", flat).group(1).split("; ")
    social = re.search(r"Social loneliness: (.*?)\. Options", flat).group(1).split("; ")
    djg = registry.get("djg6")
    assert _texts("djg6") == emotional + social
    labels = [s.strip() for s in re.search(r"Options: (.*?)\. Emotional items", flat).group(1).split(",")]
    scores = {"emotional": {"Yes": 1, "More or less": 1, "No": 0}, "social": {"No": 1, "More or less": 1, "Yes": 0}}
    assert "Emotional items score 1 for Yes or More or less; social items score 1 for No or More or less" in flat
    for score_id, texts in (("emotional", emotional), ("social", social)):
        member = djg.score_def(score_id).items
        assert [djg.item(i).text for i in member] == texts
        for item_id in member:
            item = djg.item(item_id)
            assert [o.label for o in item.options] == labels
            assert {o.label: o.score for o in item.options} == scores[score_id]
    ranges = dict(re.findall(r"(emotional|social|total) (\d+-\d+)", flat, flags=re.I))
    for score in djg.scores:
        key = next(k for k in ranges if k.lower() == score.id)
        assert f"{score.low}-{score.high}" == ranges[key]


def test_every_definition_is_checked_against_the_standard():
    """Adding a definition without a check against the standard here fails."""
    assert {i.code for i in registry.all()} == CHECKED


@pytest.mark.parametrize("code", [i.code for i in registry.all()])
def test_reliability_defaults_say_where_they_come_from(code):
    for score in registry.get(code).scores:
        if score.reliability is not None:
            # measures.md gives no SD or reliability for any instrument: they must be set per scheme.
            assert not score.reliability.is_set
            assert score.reliability.source == "no published value; set per scheme"
