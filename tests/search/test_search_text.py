"""Tokens, stems and typo correction: the same Python code serves both databases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from connected.directory.search.text import correct, max_edits, stem, stems, token_text, words


def test_words_drop_apostrophes_accents_and_numbers():
    assert words("Men\u2019s Shed: caf\u00e9, 2 o'clock! U3A") == ["mens", "shed", "cafe", "oclock", "u3a"]


def test_plurals_and_endings_share_a_stem():
    assert stem("choirs") == stem("choir")
    assert stem("walking") == stem("walks") == stem("walk")
    assert stems("Gardening groups") == [stem("garden"), stem("group")]


def test_token_text_has_each_token_once_between_spaces():
    assert token_text(["walk", "group", "walk"]) == " walk group "
    assert token_text([]) == " "


VOCAB = [("walking", "walk", 50), ("talking", "talk", 5), ("choir", "choir", 9), ("garden", "garden", 3)]


def test_correction_picks_the_nearest_indexed_word():
    (w,) = correct(["walkng"], set(), VOCAB)
    assert (w.stem, w.corrected_to) == ("walk", "walking")
    (w,) = correct(["chior"], set(), VOCAB)
    assert w.stem == "choir"


def test_known_words_are_not_corrected_and_short_words_never_are():
    (w,) = correct(["walks"], {"walk"}, VOCAB)
    assert (w.stem, w.corrected_to) == ("walk", "")
    (w,) = correct(["qir"], set(), VOCAB)
    assert w.stem is None


def test_ties_go_to_the_more_common_word():
    # "walking" and "talking" are both one edit from "xalking"; "walking" is in more listings.
    (w,) = correct(["xalking"], set(), VOCAB)
    assert w.corrected_to == "walking"


@settings(max_examples=200, deadline=None)
@given(word=st.sampled_from([w for w, _, _ in VOCAB]), position=st.integers(0, 20), letter=st.sampled_from("qxz"))
def test_one_slip_in_a_long_enough_word_is_corrected_back(word, position, letter):
    i = position % len(word)
    typo = word[:i] + letter + word[i + 1 :]
    (w,) = correct([typo], set(), VOCAB)
    if max_edits(typo) >= 1 and typo != word:
        assert w.stem is not None
        assert w.corrected_to in {v for v, _, _ in VOCAB}
